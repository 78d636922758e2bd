import { StructureKind, VariableDeclarationKind, Writers, type StatementStructures, type WriterFunction } from 'ts-morph';
import { ts } from 'ts-morph';
import { docText, objectKey, print, valueText } from './ast.js';
import type { DomainView, EventView, TrackerView } from './view.js';

const f = ts.factory;
const doc = (text: string) => [{ description: docText(text) }];

/** The runtime spec of one event: only the facts the runtime consumes, empty ones left out. */
export function specValue(ev: EventView): Record<string, unknown> {
  const e = ev.event;
  const spec: Record<string, unknown> = { event: e.name, version: e.version, domain: e.domain, destinations: [...e.destinations], kinds: [...ev.kinds] };
  if (e.critical) spec.critical = true;
  if (ev.content.length) spec.content = ev.content;
  if (ev.redact.length) spec.redact = ev.redact;
  if (ev.keep.length) spec.keep = ev.keep;
  if (ev.globalKeys.length) spec.globals = ev.globalKeys;
  if (ev.clockKeys.length) spec.clock = ev.clockKeys;
  if (Object.keys(ev.fixed).length) spec.fixed = ev.fixed;
  if (ev.labels) spec.labels = ev.labels;
  if (e.status === 'deprecated' || e.deprecated) spec.deprecated = e.deprecated?.replacement ? { replacement: e.deprecated.replacement } : {};
  return spec;
}

/** `(properties, person) => tracker.track(spec_x, properties, person)`, built as an AST from validated identifiers. */
function methodBody(ev: EventView): string {
  const params = ['properties', ...(ev.personType ? ['person'] : [])];
  const arrow = f.createArrowFunction(undefined, undefined,
    params.map((p) => f.createParameterDeclaration(undefined, undefined, p)), undefined, undefined,
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('tracker'), 'track'), undefined,
      [f.createIdentifier(ev.specName), ...params.map((p) => f.createIdentifier(p))]));
  return print(arrow);
}

/** What to print a module as: TypeScript source, its JavaScript, or its declarations. */
export type Flavour = 'ts' | 'js' | 'dts';

/**
 * domains/<key>: the specs and the binder of one domain, importable alone (tree-shaking).
 * Printed directly in each flavour: domain modules hold nearly all the code, and
 * printing them three ways is much cheaper than parsing and transpiling them.
 */
export function domainStatements(d: DomainView, flavour: Flavour = 'ts'): StatementStructures[] {
  const typed = flavour !== 'js';
  const declare = flavour === 'dts';
  const out: StatementStructures[] = typed ? [
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: '@taxonomy/runtime', namedImports: ['EventSpec', 'Tracker'] },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: '../types.js', namedImports: ['Globals', d.interfaceName] },
  ] : [];
  for (const ev of d.events) {
    out.push({
      kind: StructureKind.VariableStatement, isExported: true, hasDeclareKeyword: declare, declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: ev.specName, type: typed ? 'EventSpec' : undefined, initializer: declare ? undefined : valueText(specValue(ev), true) }],
      docs: typed ? doc(`Routing, criticality and privacy facts of \`${ev.event.name}\`.`) : [],
    });
  }
  const table: WriterFunction = Writers.object(Object.fromEntries(d.events.map((ev) => [objectKey(ev.event.name), ev.specName])));
  out.push({
    kind: StructureKind.VariableStatement, isExported: true, hasDeclareKeyword: declare, declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: 'specs', type: typed ? 'Readonly<Record<string, EventSpec>>' : undefined, initializer: declare ? undefined : table }],
    docs: typed ? doc(`Specs of the \`${d.domain.name}\` domain by event name.`) : [],
  });
  out.push({
    kind: StructureKind.Function, isExported: true, hasDeclareKeyword: declare, name: d.key,
    typeParameters: typed ? [{ name: 'G', constraint: 'Globals', default: '{}' }] : [],
    parameters: [{ name: 'tracker', type: typed ? 'Tracker<G>' : undefined }],
    returnType: typed ? `${d.interfaceName}<G>` : undefined,
    docs: typed ? doc(`Binds the \`${d.domain.name}\` methods to a runtime tracker. Importing this alone bundles only this domain.`) : [],
    statements: declare ? undefined : [(w) => {
      w.write('return ');
      Writers.object(Object.fromEntries(d.events.map((ev) => [ev.method, methodBody(ev)])))(w);
      w.write(';');
    }],
  });
  return out;
}

/** config.ts: taxonomy-wide runtime defaults. */
export function configStatements(view: TrackerView): StatementStructures[] {
  return [
    {
      kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: 'sensitiveKeys', type: 'readonly string[]', initializer: valueText([...view.model.sensitiveKeys]) }],
      docs: doc('The taxonomy\'s sensitive keys: redacted at any depth before events reach a sink.'),
    },
    {
      kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: 'taxonomy', type: '{ readonly name: string; readonly version: string }', initializer: valueText({ name: view.model.name, version: view.model.version }) }],
      docs: doc('The taxonomy this client was generated from.'),
    },
  ];
}

/** events.ts: every spec by event name (for the Prometheus helper and untyped lookups). */
export function eventsStatements(view: TrackerView): StatementStructures[] {
  const alias = (d: DomainView) => `${d.key}Specs`;
  return [
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: '@taxonomy/runtime', namedImports: ['EventSpec'] },
    ...view.domains.map((d): StatementStructures => ({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `./domains/${d.key}.js`, namedImports: [{ name: 'specs', alias: alias(d) }] })),
    {
      kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: 'events', type: 'Readonly<Record<string, EventSpec>>', initializer: `{ ${view.domains.map((d) => `...${alias(d)}`).join(', ')} }` }],
      docs: doc('Every event\'s spec by name: routing, criticality, privacy and metrics labels.'),
    },
  ];
}

/** index.ts: createTracker with every domain, and re-exports of everything. */
export function indexStatements(view: TrackerView): StatementStructures[] {
  const ds = view.domains;
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: '@taxonomy/runtime', namedImports: [{ name: 'createTracker', alias: 'createRuntimeTracker' }] },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: '@taxonomy/runtime', namedImports: ['ConsentPosture', 'Tracker', 'TrackerOptions', 'TrackerStats'] },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js', namedImports: ['Globals', ...ds.map((d) => d.interfaceName)] },
    ...ds.map((d): StatementStructures => ({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `./domains/${d.key}.js`, namedImports: [d.key] })),
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './config.js', namedImports: ['sensitiveKeys'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './events.js', namedImports: ['events'] },
    { kind: StructureKind.ExportDeclaration, namedExports: ds.map((d) => d.key) },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: './config.js', namedExports: ['sensitiveKeys', 'taxonomy'] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: './events.js', namedExports: ['events'] },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier: '@taxonomy/runtime', namedExports: ['ConsentPosture', 'Envelope', 'EventSpec', 'Sink', 'Tracker', 'TrackerOptions', 'TrackerStats'] },
    // `export type *` keeps the runtime free of the types module.
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js' },
    {
      kind: StructureKind.Interface, isExported: true, name: 'TaxonomyTracker', typeParameters: [{ name: 'G', constraint: 'Globals', default: '{}' }],
      docs: doc(`The typed tracker of ${view.model.name} ${view.model.version}: one method per event, grouped by domain.`),
      properties: ds.map((d) => ({ name: d.key, type: `${d.interfaceName}<G>`, isReadonly: true })).concat([
        { name: 'active', type: 'boolean', isReadonly: true },
        { name: 'runtime', type: 'Tracker<G>', isReadonly: true },
      ]),
      methods: [
        { name: 'flush', parameters: [{ name: 'timeoutMs', type: 'number', hasQuestionToken: true }], returnType: 'Promise<TrackerStats>', docs: doc('Sends everything pending; never rejects.') },
        { name: 'shutdown', parameters: [{ name: 'timeoutMs', type: 'number', hasQuestionToken: true }], returnType: 'Promise<TrackerStats>', docs: doc('Flushes, then stops; what is still pending is dropped and counted.') },
        { name: 'stats', returnType: 'TrackerStats', docs: doc('enqueued = delivered + dropped (by reason) + pending.') },
        { name: 'setConsent', parameters: [{ name: 'posture', type: 'ConsentPosture' }], returnType: 'void' },
      ],
    },
    {
      kind: StructureKind.Function, isExported: true, name: 'createTracker',
      typeParameters: [{ name: 'G', constraint: 'Globals', default: '{}' }],
      parameters: [{ name: 'options', type: 'TrackerOptions<G>', initializer: '{}' }],
      returnType: 'TaxonomyTracker<G>',
      docs: doc('Creates the typed tracker: the runtime with this taxonomy\'s events table and sensitive keys, and every domain bound to it.'),
      statements: [
        'const runtime = createRuntimeTracker<G>({ sensitiveKeys, events, ...options });',
        (w) => {
          w.write('return ').inlineBlock(() => {
            for (const d of ds) w.writeLine(`${d.key}: ${d.key}(runtime),`);
            w.writeLine('get active() { return runtime.active; },');
            w.writeLine('runtime,');
            w.writeLine('flush: (timeoutMs) => runtime.flush(timeoutMs),');
            w.writeLine('shutdown: (timeoutMs) => runtime.shutdown(timeoutMs),');
            w.writeLine('stats: () => runtime.stats(),');
            w.writeLine('setConsent: (posture) => runtime.setConsent(posture),');
          }).write(';');
        },
      ],
    },
  ];
}
