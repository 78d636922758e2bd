// An event with older live versions: the typed tracker's plain method sends the newest; a
// method per older version (`orderCompletedV1`) takes that version's properties, and the
// envelope it sends says that version, which the generated validators check against that
// version. A v1 call with the newest's shape does not compile (tsc, strict), and a version's
// method never takes an event's name (`checkout_v1` beside `checkout` v1).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import typescriptGenerator, { buildView, trackerSources, typescriptCalls } from '@taxonomy/gen-typescript';
import validatorsGenerator from '@taxonomy/gen-validators';
import { repo } from './helpers.js';
import { olderVersionsModel } from './older-versions-model.js';

const model = olderVersionsModel();
let dir: string;
const write = (sub: string, files: readonly { path: string; contents: string }[]) => {
  for (const f of files) {
    const p = join(dir, sub, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
};

beforeAll(async () => {
  // Inside the repository, so that the generated code resolves @taxonomy/runtime.
  dir = mkdtempSync(join(repo, 'generators/typescript/.tmp-versions-'));
  write('tracker', [...await typescriptGenerator.generate(model, {}), { path: 'package.json', contents: '{"type":"module"}' }]);
  write('validators', await validatorsGenerator.generate(model, {}));
  write('src', [...trackerSources(model).map((s) => ({ path: s.path, contents: s.text })), { path: 'package.json', contents: '{"type":"module"}' }]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('typescript tracker: older live versions', () => {
  it('names each older version after its event, never taking an event\'s name', () => {
    // The hostile description every tracker test compiles (comment and docstring closers, U+2028, a newline).
    expect(model.events.find((e) => e.name === 'order_completed')!.versions[0]!.description).toBe('Sent by app releases before 4.2 */ """ `x` \u2028 <b>|</b>\nsecond line.');
    const view = buildView(model);
    const methods = view.domains.map((d) => [d.key, d.events.flatMap((ev) => [ev.method, ...ev.older.map((o) => `${o.method}=v${o.event.version}`)])]);
    expect(methods).toEqual([
      ['legacy', ['checkout', 'checkoutVersion1=v1', 'checkoutV1']],
      ['shop', ['orderCompleted', 'orderCompletedV1=v1']],
    ]);
    const types = view.domains.flatMap((d) => d.events.flatMap((ev) => [ev.propsType, ...ev.older.map((o) => o.propsType)]));
    expect(types).toEqual(['CheckoutProperties', 'LegacyCheckoutV1Properties', 'CheckoutV1Properties', 'OrderCompletedProperties', 'OrderCompletedV1Properties']);
    expect(view.notes.map((n) => [n.source, n.chosen])).toContainEqual(['checkout v1', 'checkoutVersion1']);
  });

  it('each spec says its version; the specs table by wire name holds the newest only; the docs say which version each sends', async () => {
    const files = await typescriptGenerator.generate(model, {});
    const js = files.find((f) => f.path === 'domains/shop.js')!.contents;
    expect(js).toMatch(/export const spec_orderCompleted = \{\s+event: "order_completed",\s+version: 2,/);
    expect(js).toMatch(/export const spec_orderCompletedV1 = \{\s+event: "order_completed",\s+version: 1,/);
    expect(js).toMatch(/order_completed: spec_orderCompleted\n/);
    expect(js).toContain('orderCompletedV1: properties => tracker.track(spec_orderCompletedV1, properties)');
    const dts = files.find((f) => f.path === 'types.d.ts')!.contents;
    expect(dts).toContain('Sends the newest version (v2); the older live ones: `orderCompletedV1` (v1).');
    expect(dts).toContain('sends v1 with v1\'s properties; `orderCompleted` sends the newest (v2).');
    expect(dts).toMatch(/export interface OrderCompletedV1Properties \{[^}]*readonly totalCents: number;/);
    const readme = files.find((f) => f.path === 'README.md')!.contents;
    expect(readme).toContain('| `tracker.shop.orderCompleted` | `order_completed` | 2 (the newest) |\n| `tracker.shop.orderCompletedV1` | `order_completed` | 1 |');
  });

  it('sends v1 with version 1 and v1\'s properties, the newest with version 2; the generated validator accepts each and refuses v1\'s payload as v2', async () => {
    const { createTracker } = await import(pathToFileURL(join(dir, 'tracker/index.js')).href);
    const { validateEvent } = await import(pathToFileURL(join(dir, 'validators/index.js')).href);
    const sent: Record<string, unknown>[] = [];
    const warnings: string[] = [];
    const tracker = createTracker({
      sink: (e: Record<string, unknown>) => { sent.push(e); }, globals: { sessionId: 's1' }, validate: validateEvent, environment: 'development',
      logger: { warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) },
    });
    tracker.shop.orderCompletedV1({ orderId: 7, totalCents: 1250 });
    tracker.shop.orderCompleted({ orderId: 'o-8', total: { amount: 12.5, currency: 'EUR' } });
    tracker.legacy.checkoutVersion1({ stage: 'pay' });
    tracker.legacy.checkoutV1({ note: 'an event of its own' });
    await tracker.shutdown(5000);
    expect(warnings).toEqual([]);
    expect(sent.map((e) => [e.event, e.version, e.properties])).toEqual([
      ['order_completed', 1, { sessionId: 's1', orderId: 7, totalCents: 1250 }],
      ['order_completed', 2, { sessionId: 's1', orderId: 'o-8', total: { amount: 12.5, currency: 'EUR' } }],
      ['checkout', 1, { stage: 'pay' }],
      ['checkout_v1', 1, { note: 'an event of its own' }],
    ]);
    for (const e of sent) expect(validateEvent(e.event, e)).toMatchObject({ ok: true });
    expect(validateEvent('order_completed', { ...sent[0], version: 2 })).toMatchObject({ ok: false });
  });

  it('in development the runtime validates a v1 call against version 1 (v2\'s shape sent as v1 is warned about)', async () => {
    const { createTracker } = await import(pathToFileURL(join(dir, 'tracker/index.js')).href);
    const { validateEvent } = await import(pathToFileURL(join(dir, 'validators/index.js')).href);
    const warnings: string[] = [];
    const tracker = createTracker({ sink: () => undefined, globals: { sessionId: 's1' }, validate: validateEvent, environment: 'development', logger: { warn: (m: string) => warnings.push(m) } });
    tracker.shop.orderCompletedV1({ orderId: 'o-8', total: { amount: 1, currency: 'EUR' } } as never);
    await tracker.shutdown(5000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("invalid event 'order_completed': properties.totalCents must be present (required)");
  });

  it('the docs\' example call of an older version is on its own method', () => {
    const call = typescriptCalls(model);
    expect(call('order_completed', { orderId: 7, totalCents: 1250 }, 1)).toBe('tracker.shop.orderCompletedV1({\n  orderId: 7,\n  totalCents: 1250,\n});');
    expect(call('order_completed', { orderId: 'o-8' }, 2)).toBe('tracker.shop.orderCompleted({\n  orderId: "o-8",\n});');
    expect(call('order_completed', { orderId: 'o-8' })).toBe('tracker.shop.orderCompleted({\n  orderId: "o-8",\n});');
    expect(call('checkout', { stage: 'pay' }, 1)).toBe('tracker.legacy.checkoutVersion1({\n  stage: "pay",\n});');
    expect(call('order_completed', {}, 3)).toBeUndefined();
  });

  it('under tsc --strict a v1 call takes v1\'s properties; v1 with the newest\'s shape and the newest with v1\'s are errors', () => {
    const consumer = join(dir, 'src/consumer.ts');
    const text = `import { createTracker } from './index.js';
const t = createTracker({ globals: { sessionId: 's' } });
t.shop.orderCompletedV1({ orderId: 7, totalCents: 1250 });
t.shop.orderCompleted({ orderId: 'o-8', total: { amount: 1, currency: 'EUR' } });
t.legacy.checkoutVersion1({ stage: 'pay' });
// @ts-expect-error v1's order id is an integer
t.shop.orderCompletedV1({ orderId: 'o-8', totalCents: 1 });
// @ts-expect-error v1 has no total object (the newest's shape)
t.shop.orderCompletedV1({ orderId: 7, total: { amount: 1, currency: 'EUR' } });
// @ts-expect-error the newest has no totalCents (v1's shape)
t.shop.orderCompleted({ orderId: 'o-8', totalCents: 1 });
// @ts-expect-error checkoutVersion1 is v1 of checkout: it takes stage, not checkout_v1's note
t.legacy.checkoutVersion1({ note: 'x' });
`;
    writeFileSync(consumer, text);
    const options: ts.CompilerOptions = {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      noUncheckedIndexedAccess: true, types: [], lib: ['lib.es2022.d.ts'],
    };
    const diagnostics = (source: string) => {
      writeFileSync(consumer, source);
      const program = ts.createProgram({ rootNames: [consumer], options });
      return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.fileName.replace(`${dir}/`, '') : ''}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0}`);
    };
    expect(diagnostics(text)).toEqual([]);
    // Without the directives, each marked call is an error on its own line.
    const lines = text.split('\n');
    const marked = lines.flatMap((l, i) => (l.startsWith('// @ts-expect-error') ? [i + 2] : []));
    expect(marked).toHaveLength(4);
    expect(diagnostics(text.replace(/^\/\/ @ts-expect-error.*$/gm, '//'))).toEqual(marked.map((n) => `src/consumer.ts:${n}`));
  });
});
