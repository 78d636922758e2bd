// json-schema-to-typescript over many events in one call: a root `AnalyticsEvent` that is
// the oneOf of the events, each inline and titled, their repeated sub-schemas shared
// (share.ts). For 2,000 synthetic events (CPU time): one call per event 3.2 s, one call
// 2.5 s, one call over shared schemas 0.5 s. Prettier is skipped (format.ts). An event
// whose declarations are known (memo.ts) stands in the union as its name.
import type { JsonSchema } from '@taxonomy/gen-json-schema';
import { compile } from 'json-schema-to-typescript';
import type { EventTypeNames } from './names.js';
import { SchemaPool } from './share.js';

/** json-schema-to-typescript's options; part of every memo key. */
export const OPTIONS = {
  bannerComment: '',
  unknownAny: true,
  // Free-form objects (context, dimensions) are open; every other object says so itself.
  additionalProperties: true,
  strictIndexSignatures: false,
  declareExternallyReferenced: true,
} as const;

/** A member of the union: an event to compile, or one whose declarations are known (only its name is needed). */
export type Member = { names: EventTypeNames; input: JsonSchema } | { names: EventTypeNames; input?: undefined };

export interface Split {
  /** The `AnalyticsEvent` union and its comment, ending in one newline. */
  readonly header: string;
  /** The declarations of each compiled member (its envelope and properties interfaces), in order. */
  readonly declarations: readonly string[];
}

/**
 * Options for the ref parser when the schema has no `$ref`: it would still walk all of it
 * twice (for external files, then to dereference), joining a JSON pointer at every key.
 */
const NO_REFS = { resolve: { external: false }, dereference: { excludedPathMatcher: () => true } };

/** The root schema, shared (share.ts) unless a `$ref` is anywhere in it; and the ref parser's options. */
function input(title: string, description: string, members: readonly Member[]) {
  const pool = new SchemaPool();
  const root = (share: (s: JsonSchema) => JsonSchema) =>
    ({ title, description, oneOf: members.map((m) => (m.input ? share(m.input) : { tsType: m.names.event })) }) as Parameters<typeof compile>[0];
  const shared = root((s) => pool.share(s));
  return pool.refs ? { schema: root((s) => s), refOptions: {} } : { schema: shared, refOptions: { $refOptions: NO_REFS } };
}

/**
 * The union of `members` and the declarations of those given with an input, unformatted
 * (`format.ts` indents them) or formatted by prettier (through json-schema-to-typescript).
 */
export async function compileMembers(title: string, description: string, members: readonly Member[], prettier = false): Promise<string> {
  const { schema, refOptions } = input(title, description, members);
  return compile(schema, title, { ...OPTIONS, ...refOptions, format: prettier });
}

/**
 * Unformatted output cut into the header and each compiled member's declarations, or
 * undefined unless the header declares just the union and each piece just that member's
 * two interfaces (so that a piece depends on its member alone, and can be reused beside
 * other members).
 */
export function split(ts: string, title: string, members: readonly Member[]): Split | undefined {
  const compiled = members.filter((m) => m.input);
  const starts: number[] = [];
  for (const m of compiled) {
    const start = declarationStart(ts, m.names.event, starts.length ? starts[starts.length - 1]! + 1 : 0);
    if (start === undefined) return undefined;
    starts.push(start);
  }
  const header = ts.slice(0, starts[0] ?? ts.length).replace(/\n+$/, '\n');
  const declarations = starts.map((s, i) => ts.slice(s, i + 1 < starts.length ? starts[i + 1]! : ts.length));
  const own = (d: string, i: number) => declared(d) === `${compiled[i]!.names.event},${compiled[i]!.names.properties}`;
  return declared(header) === title && declarations.every(own) ? { header, declarations } : undefined;
}

/** The names a piece of output declares, comma-separated. */
const declared = (ts: string) => [...ts.matchAll(/^export \w+ ([\w$]+)/gm)].map((m) => m[1]).join();

/** Where the declaration of interface `name` begins (its JSDoc, if any), at or after `from`. */
function declarationStart(ts: string, name: string, from: number): number | undefined {
  const line = ts.indexOf(`\nexport interface ${name} {\n`, Math.max(0, from - 1)) + 1;
  if (line === 0) return undefined;
  // json-schema-to-typescript escapes `*/` inside comments and starts each comment line with ` * `.
  const start = ts.startsWith(' */\n', line - 4) ? ts.lastIndexOf('\n/**\n', line - 4) + 1 : line;
  return start < from ? undefined : start;
}
