import type { Flavour } from './domain-file.js';
import { jsDoc, paragraphs } from './jsdoc.js';
import { ISO_4217_CODES } from '@taxonomy/core';
import { valueText } from './literal.js';
import { summaryMetrics } from './summary-file.js';
import type { TrackerView } from './view.js';

/**
 * The small modules (config, events, index) in each flavour. Their JavaScript and
 * declarations are what TypeScript's transpiler made of the TypeScript source before,
 * written out directly so that generating never loads the compiler. Domain keys and type
 * names are validated identifiers (names.ts); taxonomy text enters only through
 * valueText() and jsDoc(paragraphs()).
 */

const doc = (text: string) => jsDoc(paragraphs(text), '');

/** Whether an event of the taxonomy has a `format: currency` property (then the tracker carries the ISO 4217 list). */
export function usesCurrency(view: TrackerView): boolean {
  return view.domains.some((d) => d.events.some((ev) => [ev, ...ev.older].some((x) => x.event.properties.some((p) => p.format === 'currency'))));
}

/** config: taxonomy-wide runtime defaults. */
export function configText(view: TrackerView, flavour: Flavour): string {
  const keys = valueText([...view.model.sensitiveKeys]);
  const taxonomy = valueText({ name: view.model.name, version: view.model.version });
  const keysDoc = doc('The taxonomy\'s sensitive keys: redacted at any depth before events reach a sink.');
  const taxonomyDoc = doc('The taxonomy this client was generated from.');
  const codes = usesCurrency(view) ? valueText([...ISO_4217_CODES]) : undefined;
  const codesDoc = doc('The ISO 4217 codes a `format: currency` property may hold (after upper-casing); the list is committed in @taxonomy/core.');
  switch (flavour) {
    case 'js': return `export const sensitiveKeys = ${keys};\nexport const taxonomy = ${taxonomy};\n` + (codes ? `export const currencyCodes = ${codes};\n` : '');
    case 'dts':
      return `${keysDoc}export declare const sensitiveKeys: readonly string[];\n`
        + `${taxonomyDoc}export declare const taxonomy: {\n    readonly name: string;\n    readonly version: string;\n};\n`
        + (codes ? `${codesDoc}export declare const currencyCodes: readonly string[];\n` : '');
    default:
      return `${keysDoc}export const sensitiveKeys: readonly string[] = ${keys};\n`
        + `${taxonomyDoc}export const taxonomy: { readonly name: string; readonly version: string } = ${taxonomy};\n`
        + (codes ? `${codesDoc}export const currencyCodes: readonly string[] = ${codes};\n` : '');
  }
}

/** events: every spec by event name (for the Prometheus helper and untyped lookups). */
export function eventsText(view: TrackerView, flavour: Flavour): string {
  const typeImport = 'import type { EventSpec } from "@taxonomy/runtime";\n';
  const eventsDoc = doc('Every event\'s spec by name: routing, criticality, privacy and metrics labels.');
  if (flavour === 'dts') return `${typeImport}${eventsDoc}export declare const events: Readonly<Record<string, EventSpec>>;\n`;
  const imports = view.domains.map((d) => `import { specs as ${d.key}Specs } from "./domains/${d.key}.js";\n`).join('');
  const spread = view.domains.map((d) => `...${d.key}Specs`).join(', ');
  if (flavour === 'js') return `${imports}export const events = ${spread ? `{ ${spread} }` : '{}'};\n`;
  return `${typeImport}${imports}${eventsDoc}export const events: Readonly<Record<string, EventSpec>> = { ${spread} };\n`;
}

const TRACKER_MEMBERS = [
  '    readonly active: boolean;\n',
  '    readonly runtime: Tracker<G>;\n',
  '    /** Sends everything pending; never rejects. */\n',
  '    flush(timeoutMs?: number): Promise<TrackerStats>;\n',
  '    /** Flushes, then stops; what is still pending is dropped and counted. */\n',
  '    shutdown(timeoutMs?: number): Promise<TrackerStats>;\n',
  '    /** enqueued = delivered + dropped (by reason) + pending. */\n',
  '    stats(): TrackerStats;\n',
  '    setConsent(posture: ConsentPosture): void;\n',
].join('');

const SUMMARY_MEMBER = '    /** The per-session summary (metrics with summary:) over the last maxEvents events whose properties equal `where`, e.g. { sessionId }. */\n'
  + '    summary(where?: Readonly<Record<string, string | number | boolean>>): Summary;\n';

const RETURNED = [
  'get active() { return runtime.active; },',
  'runtime,',
  'flush: (timeoutMs) => runtime.flush(timeoutMs),',
  'shutdown: (timeoutMs) => runtime.shutdown(timeoutMs),',
  'stats: () => runtime.stats(),',
  'setConsent: (posture) => runtime.setConsent(posture),',
];

/** index: createTracker with every domain, and re-exports of everything. */
export function indexText(view: TrackerView, flavour: Flavour): string {
  const ds = view.domains;
  const keys = ds.map((d) => d.key);
  const domainImports = keys.map((k) => `import { ${k} } from "./domains/${k}.js";\n`).join('');
  const currency = usesCurrency(view);
  const summary = summaryMetrics(view.model).length > 0;
  const typeImports = 'import type { ConsentPosture, Tracker, TrackerOptions, TrackerStats } from "@taxonomy/runtime";\n'
    + (summary ? 'import type { Summary } from "./summary.js";\n' : '')
    + `import type { ${['Globals', ...ds.map((d) => d.interfaceName)].join(', ')} } from "./types.js";\n`;
  const valueImports = `import { ${currency ? 'currencyCodes, ' : ''}sensitiveKeys } from "./config.js";\nimport { events } from "./events.js";\n`
    + (summary ? 'import { SUMMARY_METRICS } from "./summary.js";\n' : '');
  const runtimeArgs = `{ sensitiveKeys, ${currency ? 'currencyCodes, ' : ''}events, ${summary ? 'summary: SUMMARY_METRICS, ' : ''}...options }`;
  const reExports = `export ${keys.length ? `{ ${keys.join(', ')} }` : flavour === 'ts' ? '{ }' : '{}'};\n`
    + `export { ${currency ? 'currencyCodes, ' : ''}sensitiveKeys, taxonomy } from "./config.js";\nexport { events } from "./events.js";\n`
    + 'export { OUTCOME_KINDS, isOutcomeEvent, outcomeKind } from "./outcomes.js";\n'
    + (summary ? 'export { SUMMARY_METRICS } from "./summary.js";\n' : '');
  const typeExports = 'export type { ConsentPosture, Envelope, EventSpec, Sink, Tracker, TrackerOptions, TrackerStats } from "@taxonomy/runtime";\n'
    // `export type *` keeps the runtime free of the types module.
    + 'export type * from "./types.js";\n'
    + 'export type { EventLike, OutcomeEvent, OutcomeKind } from "./outcomes.js";\n'
    + (summary ? 'export type { Summary } from "./summary.js";\n' : '');
  const trackerInterface = doc(`The typed tracker of ${view.model.name} ${view.model.version}: one method per event, grouped by domain.`)
    + 'export interface TaxonomyTracker<G extends Globals = {}> {\n'
    + ds.map((d) => `    readonly ${d.key}: ${d.interfaceName}<G>;\n`).join('')
    + `${TRACKER_MEMBERS}${summary ? SUMMARY_MEMBER : ''}}\n`;
  const createDoc = doc('Creates the typed tracker: the runtime with this taxonomy\'s events table and sensitive keys, and every domain bound to it.');
  const returnedOf = (summaryLine: string) => [...keys.map((k) => `${k}: ${k}(runtime),`), ...RETURNED, ...(summary ? [summaryLine] : [])].map((l) => `        ${l}\n`).join('');
  const returned = returnedOf('summary: (where) => runtime.summary(where),');
  // The runtime computes a record of values; the taxonomy's summary metrics give it its shape.
  const returnedTs = returnedOf('summary: (where) => runtime.summary(where) as unknown as Summary,');
  switch (flavour) {
    case 'dts':
      return typeImports + domainImports + reExports + typeExports + trackerInterface + createDoc
        + 'export declare function createTracker<G extends Globals = {}>(options?: TrackerOptions<G>): TaxonomyTracker<G>;\n';
    case 'js':
      return 'import { createTracker as createRuntimeTracker } from "@taxonomy/runtime";\n' + domainImports + valueImports + reExports
        + `export function createTracker(options = {}) {\n    const runtime = createRuntimeTracker(${runtimeArgs});\n`
        + `    return {\n${returned}    };\n}\n`;
    default:
      return 'import { createTracker as createRuntimeTracker } from "@taxonomy/runtime";\n' + typeImports + domainImports + valueImports + reExports + typeExports
        + `\n${trackerInterface}\n${createDoc}`
        + 'export function createTracker<G extends Globals = {}>(options: TrackerOptions<G> = {}): TaxonomyTracker<G> {\n'
        + `    const runtime = createRuntimeTracker<G>(${runtimeArgs});\n`
        + `    return {\n${returnedTs}    };\n}\n`;
  }
}
