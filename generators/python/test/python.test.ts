// The generated Python package: pyright --strict and mypy --strict (Python 3.9) report
// nothing on the seed's package, on a hostile taxonomy's package and on correct uses; each
// misuse file fails exactly on its marked lines. One pyright run and one mypy run check
// everything together (scripts/setup-python.sh installs mypy; pyright is a devDependency).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonFiles } from '@taxonomy/gen-python';
import { hostileModel } from './hostile.js';

const repo = join(import.meta.dirname, '../../..');
const pyright = join(repo, 'node_modules/.bin/pyright');
export const MYPY_PYTHON = '/usr/bin/python3';
const cases = join(import.meta.dirname, 'typecheck');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gen-python-'));
  cpSync(join(repo, 'packages/tracker-python/acme_analytics_tracker'), join(dir, 'acme_analytics_tracker'), { recursive: true });
  for (const f of pythonFiles(hostileModel(), { packageName: 'hostile_tracker' })) {
    const p = join(dir, 'hostile', f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
  cpSync(join(dir, 'hostile/hostile_tracker'), join(dir, 'hostile_tracker'), { recursive: true });
  rmSync(join(dir, 'hostile'), { recursive: true });
  for (const f of readdirSync(cases)) cpSync(join(cases, f), join(dir, f));
  writeFileSync(join(dir, 'pyrightconfig.json'), JSON.stringify({ pythonVersion: '3.9', typeCheckingMode: 'strict', include: ['.'] }));
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

/** `file:line` of every `# expect-error` comment in the case files. */
function expected(): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(cases)) {
    readFileSync(join(cases, f), 'utf8').split('\n').forEach((l, i) => { if (l.includes('# expect-error')) out.add(`${f}:${i + 1}`); });
  }
  return out;
}

/** Diagnostics as `file:line` (the file relative to the checked folder) → messages. */
function byLine(list: { file: string; line: number; message: string }[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const d of list) {
    const k = `${d.file}:${d.line}`;
    m.set(k, [...(m.get(k) ?? []), d.message]);
  }
  return m;
}

function check(found: Map<string, string[]>) {
  const want = expected();
  const unexpected = [...found].filter(([k]) => !want.has(k)).map(([k, v]) => `${k} ${v.join(' | ')}`);
  expect(unexpected, 'diagnostics outside the marked misuse lines').toEqual([]);
  const missing = [...want].filter((k) => !found.has(k));
  expect(missing, 'misuse lines that type-check (they must not)').toEqual([]);
}

describe('generated Python package: names', () => {
  it('keeps wire names as written (spaces, namespaces) and gives a second namespace\'s same name its namespaced method', () => {
    const files = pythonFiles(hostileModel(), { packageName: 'hostile_tracker' });
    const text = files.map((f) => f.contents).join('\n');
    expect(text).toContain('"com.class-import/Order Completed"');
    expect(text).toContain('"io.other/import"');
    expect(text).toMatch(/def order_completed\(/);
    expect(text).toMatch(/def import_\(/);
    expect(text).toMatch(/def io_other_import\(/);
  });
});

describe('generated Python package: type checks', () => {
  it('pyright --strict (pythonVersion 3.9): clean packages and uses; every misuse line is an error', () => {
    expect(existsSync(pyright), 'pyright is a devDependency: run npm ci').toBe(true);
    const r = spawnSync(pyright, ['--outputjson', '-p', join(dir, 'pyrightconfig.json')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const out = JSON.parse(r.stdout) as { generalDiagnostics: { file: string; severity: string; message: string; range: { start: { line: number } } }[] };
    const diags = out.generalDiagnostics.filter((d) => d.severity !== 'information')
      .map((d) => ({ file: d.file.slice(dir.length + 1), line: d.range.start.line + 1, message: d.message }));
    check(byLine(diags));
  }, 150_000);

  it('mypy --strict --python-version 3.9: clean packages and uses; every misuse line is an error', () => {
    const v = spawnSync(MYPY_PYTHON, ['-m', 'mypy', '--version'], { encoding: 'utf8' });
    expect(v.status, 'mypy is missing: run bash scripts/setup-python.sh (Debian python3-mypy)').toBe(0);
    const r = spawnSync(MYPY_PYTHON, ['-m', 'mypy', '--strict', '--python-version', '3.9', '--no-error-summary', '--show-error-codes', '--no-incremental',
      'acme_analytics_tracker', 'hostile_tracker', ...readdirSync(cases)], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const diags = r.stdout.split('\n').map((l) => /^(.+?):(\d+): error: (.*)$/.exec(l)).filter((m) => m !== null)
      .map((m) => ({ file: m[1]!, line: Number(m[2]), message: m[3]! }));
    expect(r.stderr).toBe('');
    check(byLine(diags));
  }, 150_000);

  it('keeps wire names: keyword and builtin names become safe Python names, the payload keys do not change', () => {
    const tracker = readFileSync(join(dir, 'hostile_tracker/_tracker.py'), 'utf8');
    expect(tracker).toContain('def class_(self, *, class_: str, self_: str');
    expect(tracker).toContain('_p: _Props = {"class": class_, "self": self_}');
    expect(tracker).toMatch(/if import_ is not None:\n\s+_p\["import"\] = import_/);
    expect(tracker).toContain('def foo_2(');
    expect(readFileSync(join(dir, 'hostile_tracker/_specs.py'), 'utf8')).toContain('event="Foo"');
    // The hostile description reaches the docstring escaped: no raw U+2028, no unescaped """
    expect(tracker).not.toContain('\u2028');
    expect(tracker).toContain('Ends \\"\\"\\" here */ and `code` \\\\ back\\\\slash \\u2028 line sep');
  });
});

describe('the hostile package at run time', () => {
  it('sends the taxonomy’s names on the wire: keyword, builtin and case-colliding names arrive as declared', () => {
    const script = [
      'import json',
      'from hostile_tracker import FunctionSink, Tracker',
      'got = []',
      'h = Tracker(FunctionSink(got.append), drain_at_exit=False)',
      'h.class_.class_(class_="c", self_="s", type="t", len="l", import_="i", def_="d", None_="n", p_p="p")',
      'h.class_.func(userId="u", userid=1, UserId=True)',
      'h.class_.import_(obj={"class": "c", "len": 2})',
      'h.class_.foo(a="lower")',
      'h.class_.foo_2(a="upper")',
      'h.type.import_(x="x")',
      's = h.shutdown(10)',
      'print(json.dumps({"events": [[e["event"], e["properties"]] for e in got], "delivered": s.delivered, "dropped": sum(s.dropped.values())}))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { events: [string, Record<string, unknown>][]; delivered: number; dropped: number };
    expect(out.delivered).toBe(6);
    expect(out.dropped).toBe(0);
    const byEvent = Object.fromEntries(out.events);
    expect(Object.keys(byEvent).sort()).toEqual(['Foo', 'class', 'foo', 'func', 'import', 'type.import']);
    expect(byEvent['class']).toEqual({ class: 'c', self: 's', type: 't', len: 'l', import: 'i', def: 'd', None: 'n', _p: 'p' });
    expect(byEvent['func']).toEqual({ userId: 'u', userid: 1, UserId: true });
    expect(byEvent['import']).toEqual({ obj: { class: 'c', len: 2 } });
    // Which of Foo and foo the method foo_2 sends is the generator's (sorted) choice; both arrive, each once.
    expect(new Set([byEvent['Foo'], byEvent['foo']].map((p) => JSON.stringify(p)))).toEqual(new Set(['{"a":"lower"}', '{"a":"upper"}']));
    expect(byEvent['type.import']).toEqual({ x: 'x' });
  });
});

describe("seed 001's checks in the generated Python tracker (as the TypeScript tracker applies them)", () => {
  it('currency upper-cased and refused unless ISO 4217, a score above maxScore refused, impressions de-duplicated by messageId from a bounded set', () => {
    const r = spawnSync('python3', [join(import.meta.dirname, 'seed001_check.py')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONPATH: join(repo, 'packages/tracker-python') } });
    expect(r.status, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout) as Record<string, unknown>;
    // usd, Eur sent as USD, EUR; US, USDX (not three letters) and ABC (not ISO 4217) refused; 6 > 5 refused; m1 repeated twice.
    expect(o.typed).toEqual({ enqueued: 12, delivered: 6, dropped: { invalid: 4, duplicate: 2 } });
    expect(o.sent).toEqual([
      ['purchase_completed', { currency: 'USD' }], ['purchase_completed', { currency: 'EUR' }],
      ['csat_submitted', { score: 5, maxScore: 5 }], ['csat_submitted', { score: 9 }],
      ['message_impression', { messageId: 'm1' }], ['message_impression', { messageId: 'm2' }],
    ]);
    // Two keys remembered: the refused first 'a' marks nothing; a, b, c sent; 'a' forgotten when c came, so sent again; 'c' still remembered.
    expect(o.bounded).toEqual({ enqueued: 7, delivered: 4, dropped: { invalid: 1, duplicate: 2 } });
    expect(o.boundedSent).toEqual(['a', 'b', 'c', 'a']);
    expect(o.boundedCurrency).toEqual(['USD']);
    expect(o.caller).toEqual([{ messageId: 'a', currency: 'XX' }, { messageId: 'c', currency: 'usd' }]);
    expect(r.stderr).toContain("got \"ABC\", which is not in the ISO 4217 list. It is dropped as 'invalid'");
    expect(r.stderr).toContain("property 'score' (6) must be at most 'maxScore' (5)");
  });
});

describe('generated Python runtime under hostile conditions', () => {
  it('a raising sink, a collector that is down, a full queue, data that is not JSON: no exception reaches the host, every drop is counted', () => {
    const r = spawnSync('python3', [join(import.meta.dirname, 'runtime_check.py')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONPATH: join(repo, 'packages/tracker-python') } });
    expect(r.status, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout) as Record<string, { enqueued: number; delivered: number; pending: number; dropped: Record<string, number>; balanced: boolean } | unknown>;
    const b = (k: string) => o[k] as { enqueued: number; delivered: number; pending: number; dropped: Record<string, number>; balanced: boolean };
    expect(o.raised).toEqual([]);
    expect(b('raisingSink')).toEqual({ enqueued: 5, delivered: 0, pending: 0, dropped: { sinkError: 5 }, balanced: true });
    expect(b('collectorDown')).toEqual({ enqueued: 4, delivered: 0, pending: 0, dropped: { failed: 4 }, balanced: true });
    // 200 calls against a sink that takes 50 ms an event and a queue of 3: track() never waits,
    // the queue overflows (counted), and shutdown gives up on what is left (counted).
    expect(o.trackSeconds as number).toBeLessThan(1);
    const full = b('fullQueue');
    expect(full.enqueued).toBe(200);
    expect(full.dropped.queueFull).toBeGreaterThan(150);
    expect(full.balanced).toBe(true);
    // not JSON: dropped as unserializable; a cycle is cut, NaN is null, a sensitive key redacted at depth; a call
    // without a spec is invalid; after shutdown, calls are counted as shutdown
    expect(b('badData')).toEqual({ enqueued: 3, delivered: 1, pending: 0, dropped: { unserializable: 1, invalid: 1 }, balanced: true });
    expect(o.badDataEnvelope).toMatchObject({ source: 'chat', draftId: 'ok', nan: null, extra: { apiKey: '[REDACTED]', self: '[Circular]' } });
    expect(b('afterShutdown')).toMatchObject({ enqueued: 4, dropped: { unserializable: 1, invalid: 1, shutdown: 1 }, balanced: true });
    // shutdown() while the thread still routes the first event: what is left goes out as one batch.
    expect(o.shutdownMidRoute).toEqual({ books: { enqueued: 10, delivered: 10, pending: 0, dropped: {}, balanced: true }, batches: [10] });
  }, 90_000);
});
