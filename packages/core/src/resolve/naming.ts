import type { NamingConvention } from '../model.js';

/** The regular expression each naming convention allows. */
export const EVENT_NAMING: Record<NamingConvention, RegExp> = {
  'dot.snake': /^[a-z][a-z0-9]*(_[a-z0-9]+)*(\.[a-z][a-z0-9]*(_[a-z0-9]+)*)+$/,
  snake: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/,
  UPPER_SNAKE: /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/,
  camel: /^[a-z][a-zA-Z0-9]*$/,
  pascal: /^[A-Z][a-zA-Z0-9]*$/,
  title: /^[A-Z][a-zA-Z0-9]*( [A-Z0-9][a-zA-Z0-9]*)*$/,
};

/**
 * Every event name the format accepts (the meta-schema's eventName, which a test keeps equal):
 * dot-separated segments, each of words separated by single spaces. Names are sent on the wire
 * exactly as written ('Order Completed'); generated identifiers are derived from their words.
 */
export const EVENT_NAME = /^\$?[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*(\.[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*)*$/;

/** An event by its identity: the name, prefixed with `namespace/` when it has one (the meta-schema's eventRef). */
export const EVENT_REF = /^([a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*\/)?\$?[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*(\.[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*)*$/;
/** A namespace (the meta-schema's namespace): reverse DNS, like Iglu's vendor. */
export const NAMESPACE = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/;

export const PROPERTY_NAMING: Record<'snake' | 'camel', RegExp> = {
  snake: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/,
  camel: /^[a-z][a-zA-Z0-9]*$/,
};

const EXAMPLES: Record<string, string> = {
  'dot.snake': 'object.action_done (e.g. workbench.draft_created)',
  snake: 'lower snake_case (e.g. issue_created)',
  UPPER_SNAKE: 'UPPER_SNAKE (e.g. NEW_CONVERSATION)',
  camel: 'camelCase (e.g. draftId)',
  pascal: 'PascalCase (e.g. DraftCreated)',
  title: 'Title Case words separated by single spaces (e.g. Order Completed)',
};

export function describeConvention(c: string): string {
  return EXAMPLES[c] ?? c;
}

/** Converts a name to the convention, as the suggested fix. */
export function toConvention(name: string, c: NamingConvention | 'snake' | 'camel'): string {
  const words = name.replace(/^\$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.toLowerCase());
  switch (c) {
    case 'snake': return words.join('_');
    case 'UPPER_SNAKE': return words.join('_').toUpperCase();
    case 'camel': return words.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('');
    case 'pascal': return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
    case 'title': return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
    case 'dot.snake': {
      const segs = name.split('.');
      return segs.length > 1 ? segs.map((s) => toConvention(s, 'snake')).join('.') : words.join('_');
    }
  }
}
