// Older live versions in the generated Python package: `order_completed_v1(...)` takes version
// 1's arguments and sends an envelope of version 1 that the generated validators accept (the
// plain method sends the newest); a v1 call with the newest's arguments is an error under
// pyright --strict and mypy --strict. Python's names split digits from letters, so the event
// `checkout_v1` is `checkout_v_1()` and checkout's version 1 keeps `checkout_v1()`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonCalls, pythonFiles } from '@taxonomy/gen-python';
import validatorsGenerator from '@taxonomy/gen-validators';
import { olderVersionsModel } from '../../typescript/test/older-versions-model.js';
/** Debian's python3, where python3-mypy is installed (as python.test.ts). */
const MYPY_PYTHON = '/usr/bin/python3';

const repo = join(import.meta.dirname, '../../..');
const pyright = join(repo, 'node_modules/.bin/pyright');
const model = olderVersionsModel();
let dir: string;

const USAGE = `# Both versions of order_completed, and checkout v1 (checkout_v1) beside the event checkout_v1 (checkout_v_1).
import json
from typing import List

from shopfront_tracker import Envelope, FunctionSink, Tracker

sent: List[Envelope] = []
t = Tracker(FunctionSink(sent.append, kinds=("warehouse",)), globals={"sessionId": "s1"}, drain_at_exit=False)
t.shop.order_completed_v1(orderId=7, totalCents=1250)
t.shop.order_completed(orderId="o-8", total={"amount": 12.5, "currency": "EUR"})
t.legacy.checkout_v1(stage="pay")
t.legacy.checkout_v_1(note="an event of its own")
t.shutdown(5.0)
print(json.dumps(sent))
`;
const MISUSE = `# Each marked line mixes the shapes of two versions: a type error.
from shopfront_tracker import Tracker

t = Tracker(drain_at_exit=False)
t.shop.order_completed_v1(orderId="o-8", totalCents=1)  # expect-error: v1's order id is an integer
t.shop.order_completed_v1(orderId=7, total={"amount": 1.0, "currency": "EUR"})  # expect-error: v1 has no total
t.shop.order_completed(orderId="o-8", totalCents=1)  # expect-error: the newest has no totalCents
t.legacy.checkout_v1(note="x")  # expect-error: v1 of checkout takes stage, not the event checkout_v1's note
`;
const marked = MISUSE.split('\n').flatMap((l, i) => (l.includes('# expect-error') ? [`misuse_versions.py:${i + 1}`] : []));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gen-python-versions-'));
  for (const f of [...pythonFiles(model, { packageName: 'shopfront_tracker' }).filter((x) => x.path.startsWith('shopfront_tracker/')),
    ...(await validatorsGenerator.generate(model, {})).map((x) => ({ ...x, path: `validators/${x.path}` }))]) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
  writeFileSync(join(dir, 'usage_versions.py'), USAGE);
  writeFileSync(join(dir, 'misuse_versions.py'), MISUSE);
  writeFileSync(join(dir, 'pyrightconfig.json'), JSON.stringify({ pythonVersion: '3.9', typeCheckingMode: 'strict', include: ['shopfront_tracker', 'usage_versions.py', 'misuse_versions.py'] }));
}, 60_000);
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('python tracker: older live versions', () => {
  it('a method per older version, named after its event; the tables by wire name hold the newest; the docs say which version each sends', () => {
    const files = pythonFiles(model, { packageName: 'shopfront_tracker' });
    const text = (p: string) => files.find((f) => f.path === p)!.contents;
    const tracker = text('shopfront_tracker/_tracker.py');
    expect(tracker).toContain('def order_completed_v1(self, *, orderId: int, totalCents: int, sessionId: Optional[str] = None) -> None:');
    expect(tracker).toContain('def checkout_v1(self, *, stage: str) -> None:');
    expect(tracker).toContain('def checkout_v_1(self, *, note: Optional[str] = None) -> None:');
    expect(tracker).toContain('self._t.track(_s.SPEC_CHECKOUT_V1, _p)');
    expect(text('shopfront_tracker/_specs.py')).toContain('SPEC_CHECKOUT_V1 = EventSpec(event="checkout", version=1,');
    expect(tracker).toContain('Sends the newest version; the older live ones: order_completed_v1() (version 1).');
    expect(tracker).toContain('sends version 1 with its arguments. The newest (version 2) is sent by order_completed().');
    const specs = text('shopfront_tracker/_specs.py');
    expect(specs).toContain('SPEC_ORDER_COMPLETED_V1 = EventSpec(event="order_completed", version=1,');
    expect(specs).toMatch(/"order_completed": SPEC_ORDER_COMPLETED[,}]/);
    expect(specs).not.toMatch(/"order_completed": SPEC_ORDER_COMPLETED_V1/);
    expect(text('shopfront_tracker/constants.py')).toContain('EVENT_NAMES: Tuple[str, ...] = ("checkout", "checkout_v1", "order_completed")');
    const call = pythonCalls(model);
    expect(call('order_completed', { orderId: 7, totalCents: 1250 }, 1)).toBe('tracker.shop.order_completed_v1(\n    orderId=7,\n    totalCents=1250,\n)');
    expect(call('order_completed', { orderId: 'o-8' })).toBe('tracker.shop.order_completed(\n    orderId="o-8",\n)');
    expect(call('order_completed', { orderId: 'o-8' }, 2)).toBe('tracker.shop.order_completed(\n    orderId="o-8",\n)');
    expect(call('order_completed', {}, 3)).toBeUndefined();
    expect(text('README.md')).toContain('| `tracker.shop.order_completed()` | `order_completed` | 2 (the newest) |\n| `tracker.shop.order_completed_v1()` | `order_completed` | 1 |');
  });

  it('sends v1 with version 1 and v1\'s properties; the generated validator accepts every envelope and refuses v1\'s as version 2', async () => {
    const r = spawnSync('python3', ['usage_versions.py'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const sent = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(sent.map((e) => [e.event, e.version, e.properties])).toEqual([
      ['order_completed', 1, { sessionId: 's1', orderId: 7, totalCents: 1250 }],
      ['order_completed', 2, { sessionId: 's1', orderId: 'o-8', total: { amount: 12.5, currency: 'EUR' } }],
      ['checkout', 1, { stage: 'pay' }],
      ['checkout_v1', 1, { note: 'an event of its own' }],
    ]);
    const { validateEvent } = await import(pathToFileURL(join(dir, 'validators/index.js')).href);
    for (const e of sent) expect(validateEvent(e.event, e)).toMatchObject({ ok: true });
    expect(validateEvent('order_completed', { ...sent[0], version: 2 })).toMatchObject({ ok: false });
  }, 60_000);

  it('pyright --strict: the package and the uses are clean; each call mixing versions is an error on its line', () => {
    expect(existsSync(pyright), 'pyright is a devDependency: run npm ci').toBe(true);
    const r = spawnSync(pyright, ['--outputjson', '-p', join(dir, 'pyrightconfig.json')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const out = JSON.parse(r.stdout) as { generalDiagnostics: { file: string; severity: string; range: { start: { line: number } } }[] };
    const found = new Set(out.generalDiagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file.slice(dir.length + 1)}:${d.range.start.line + 1}`));
    expect([...found].sort()).toEqual([...marked].sort());
  }, 150_000);

  it('mypy --strict: the package and the uses are clean; each call mixing versions is an error on its line', () => {
    const v = spawnSync(MYPY_PYTHON, ['-m', 'mypy', '--version'], { encoding: 'utf8' });
    expect(v.status, 'mypy is missing: run bash scripts/setup-python.sh (Debian python3-mypy)').toBe(0);
    const r = spawnSync(MYPY_PYTHON, ['-m', 'mypy', '--strict', '--python-version', '3.9', '--no-error-summary', '--no-incremental',
      'shopfront_tracker', 'usage_versions.py', 'misuse_versions.py'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    const found = new Set(r.stdout.split('\n').map((l) => /^(.+?):(\d+): error:/.exec(l)).filter((m) => m !== null).map((m) => `${m[1]}:${m[2]}`));
    expect([...found].sort()).toEqual([...marked].sort());
  }, 150_000);
});
