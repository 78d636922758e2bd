// Issue 18 item 3, the trackers' side: for each shape (test/shapes/model.ts), the generated
// tracker of every language accepts a valid instance and rejects an invalid one. One runner,
// one compile per language: tsc on cases/typescript.ts, pyright and mypy on cases/python_*.py,
// go build on cases/go (valid) and cases/go-invalid (each package must fail, for its reason),
// and what a type system cannot say is refused by the generated tracker at run time.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { specValue, buildView, trackerSources, typescriptGenerator } from '@taxonomy/gen-typescript';
import { createTracker, type Envelope, type EventSpec } from '@taxonomy/runtime';
import { pythonFiles } from '@taxonomy/gen-python';
import { goFiles } from '@taxonomy/gen-go';
import { handModel, shapesModel } from './model.js';

const repo = join(import.meta.dirname, '../..');
const cases = join(import.meta.dirname, 'cases');
let dir: string;

beforeAll(() => {
  // Inside the repository, so the generated TypeScript resolves @taxonomy/runtime.
  dir = mkdtempSync(join(import.meta.dirname, '.tmp-'));
  const model = shapesModel();
  for (const s of trackerSources(model)) {
    const p = join(dir, 'ts/tracker', s.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, s.text);
  }
  writeFileSync(join(dir, 'ts/package.json'), '{"type":"module"}');
  cpSync(join(cases, 'typescript.ts'), join(dir, 'ts/cases.ts'));
  for (const f of pythonFiles(model, { packageName: 'shapes_tracker' })) {
    const p = join(dir, 'py', f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
  for (const f of readdirSync(cases).filter((n) => n.endsWith('.py') || n.endsWith('.json'))) cpSync(join(cases, f), join(dir, 'py', f));
  for (const f of goFiles(model, { modulePath: 'shapes/tracker' })) {
    const p = join(dir, 'go', f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
  cpSync(join(cases, 'go_shapes_test.go'), join(dir, 'go/shapes_test.go'));
  for (const c of goMisuse()) {
    mkdirSync(join(dir, 'go/misuse', c.name), { recursive: true });
    writeFileSync(join(dir, 'go/misuse', c.name, 'main.go'), `package main\n\nimport tracker "shapes/tracker"\n\nfunc main() {\n\tc := tracker.NewClient(tracker.Options{})\n\t${c.statement}\n}\n`);
  }
  writeFileSync(join(dir, 'py/pyrightconfig.json'), JSON.stringify({ pythonVersion: '3.9', typeCheckingMode: 'strict', include: ['shapes_tracker', 'python_shapes.py'] }));
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('the shapes fixture', () => {
  it('taxonomy/shapes.yaml, as the loader reads it, generates the same trackers as the model written by hand (every language)', () => {
    const files = (m: ReturnType<typeof shapesModel>) => [
      ...trackerSources(m).map((f) => [`ts/${f.path}`, f.text]),
      ...pythonFiles(m).map((f) => [`py/${f.path}`, f.contents]),
      ...goFiles(m).map((f) => [`go/${f.path}`, f.contents]),
    ];
    const fromYaml = files(shapesModel());
    expect(fromYaml.length).toBeGreaterThan(20);
    expect(fromYaml).toEqual(files(handModel()));
  });

  it('each generated README says how its language types the shapes and what its tracker checks at run time', () => {
    const m = shapesModel();
    const readme = (list: { path: string; contents: string }[]) => list.find((f) => /(^|\/)README\.md$/.test(f.path))!.contents;
    const texts = {
      ts: readme(typescriptGenerator.generate(m, {}) as { path: string; contents: string }[]),
      py: readme(pythonFiles(m)),
      go: readme(goFiles(m)),
    };
    for (const [lang, text] of Object.entries(texts)) {
      expect(text, lang).toContain('## Shapes beyond one type');
      expect(text, lang).toMatch(/`requires:`, `required_when:`, a key count or a closed object's key patterns/);
    }
    for (const [lang, text] of Object.entries(texts)) expect(text, lang).toMatch(/A tuple \(`prefixItems:`\)/);
    expect(texts.ts).toContain('readonly [string, number, ...boolean[]]');
    expect(texts.py).toContain('Union[Tuple[()], Tuple[str], Tuple[str, int]]');
    expect(texts.go).toContain('`Rest`');
    // What a tuple type does not hold is in the property's JSDoc (pair: maxItems 4 past its 2 leading elements).
    expect(trackerSources(m).find((f) => f.path === 'types.ts')!.text).toMatch(/Holds at most 4 elements\. Checked at run time\.\s+\*\/\s+readonly pair\?:/);
    // A tuple element's hostile description stays inside its Go comment (go vet compiles it).
    const events = goFiles(m).find((f) => f.path === 'events.go')!.contents;
    expect(events).toContain('\t// E1 is element 1. Up.\n\t// */ "q"  `${x}` @deprecated no\n\tE1 int64\n');
    expect(texts.go).toContain('sealed interface');
    expect(texts.py).toContain('**extra');
    expect(texts.ts).toContain('`x-${string}`');
    expect(texts.ts).toContain('`number | bigint`: pass `9223372036854775807n`');
  });
});

const TS_OPTIONS: ts.CompilerOptions = {
  strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noUncheckedIndexedAccess: true, types: [], lib: ['lib.es2022.d.ts'],
};

/** tsc's diagnostics as `line code message` of the file, the file's text replaced by `text`. */
function tsc(file: string, text: string): string[] {
  const host = ts.createCompilerHost(TS_OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError) => (f === file ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, onError));
  const program = ts.createProgram({ rootNames: [file], options: TS_OPTIONS, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName === file ? '' : `${d.file.fileName} `}${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '?';
    return `${where} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('shapes in the generated TypeScript tracker (tsc --strict)', () => {
  it('valid instances compile, and each invalid one fails with its code and reason', () => {
    const file = join(dir, 'ts/cases.ts');
    const text = readFileSync(file, 'utf8');
    expect(tsc(file, text), 'with the directives: nothing else fails, no directive is unused').toEqual([]);
    const lines = text.split('\n');
    const want = lines.flatMap((l, i) => {
      const m = /^\/\/ @ts-expect-error (TS\d+) (.+)$/.exec(l);
      return m ? [{ line: i + 2, code: m[1]!, what: m[2]! }] : [];
    });
    expect(want.length).toBeGreaterThanOrEqual(18);
    const errors = tsc(file, text.replace(/^\/\/ @ts-expect-error.*$/gm, '//'));
    for (const w of want) {
      const found = errors.filter((e) => e.startsWith(`${w.line} `));
      expect(found.some((e) => e.includes(` ${w.code} `) && e.includes(w.what)), `line ${w.line} (${lines[w.line - 1]}): want ${w.code} with ${w.what}; got ${found.join(' | ') || 'nothing'}`).toBe(true);
    }
    const marked = new Set(want.map((w) => w.line));
    expect(errors.filter((e) => !marked.has(Number(e.split(' ')[0]))), 'errors on unmarked lines').toEqual([]);
  }, 60_000);
});

/** `file:line` → the words its message must name one of, for every `# expect-error: word|other` of the Python cases. */
function pythonMarks(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of ['python_shapes.py']) {
    readFileSync(join(cases, f), 'utf8').split('\n').forEach((l, i) => {
      const m = /^[^#].*# expect-error: ([\w|]+)\s*$/.exec(l);
      if (m) out.set(`${f}:${i + 1}`, m[1]!);
    });
  }
  return out;
}

function checkPython(diags: { file: string; line: number; message: string }[]) {
  const marks = pythonMarks();
  expect(marks.size).toBeGreaterThanOrEqual(15);
  const unexpected = diags.filter((d) => !marks.has(`${d.file}:${d.line}`)).map((d) => `${d.file}:${d.line} ${d.message}`);
  expect(unexpected, 'errors on unmarked lines (the generated package included)').toEqual([]);
  for (const [at, word] of marks) {
    const found = diags.filter((d) => `${d.file}:${d.line}` === at).map((d) => d.message);
    expect(found.some((m) => word.split('|').some((w) => m.includes(w))), `${at}: want an error naming ${word}; got ${found.join(' | ') || 'nothing'}`).toBe(true);
  }
}

describe('shapes in the generated Python tracker', () => {
  it('pyright --strict (Python 3.9): valid calls pass, each invalid one is an error naming its argument', () => {
    const py = join(dir, 'py');
    const r = spawnSync(join(repo, 'node_modules/.bin/pyright'), ['--outputjson', '-p', join(py, 'pyrightconfig.json')], { cwd: py, encoding: 'utf8', timeout: 150_000 });
    const out = JSON.parse(r.stdout) as { generalDiagnostics: { file: string; severity: string; message: string; range: { start: { line: number } } }[] };
    checkPython(out.generalDiagnostics.filter((d) => d.severity !== 'information')
      .map((d) => ({ file: d.file.slice(py.length + 1), line: d.range.start.line + 1, message: d.message.replace(/\s+/g, ' ') })));
  }, 180_000);

  it('mypy --strict (Python 3.9): valid calls pass, each invalid one is an error naming its argument', () => {
    const py = join(dir, 'py');
    const v = spawnSync('/usr/bin/python3', ['-m', 'mypy', '--version'], { encoding: 'utf8' });
    expect(v.status, 'mypy is missing: run bash scripts/setup-python.sh (Debian python3-mypy)').toBe(0);
    const r = spawnSync('/usr/bin/python3', ['-m', 'mypy', '--strict', '--python-version', '3.9', '--no-error-summary', '--show-error-codes', '--no-incremental',
      'shapes_tracker', 'python_shapes.py'], { cwd: py, encoding: 'utf8', timeout: 150_000 });
    expect(r.stderr).toBe('');
    checkPython(r.stdout.split('\n').map((l) => /^(.+?):(\d+): error: (.*)$/.exec(l)).filter((m) => m !== null)
      .map((m) => ({ file: m[1]!, line: Number(m[2]), message: m[3]! })));
  }, 180_000);
});

/** The invalid Go instances of cases/go_invalid.txt: `name | regex | statement` a line. */
function goMisuse(): { name: string; error: RegExp; statement: string }[] {
  return readFileSync(join(cases, 'go_invalid.txt'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => {
    const first = l.indexOf(' | ');
    const last = l.lastIndexOf(' | ');
    return { name: l.slice(0, first), error: new RegExp(l.slice(first + 3, last)), statement: l.slice(last + 3) };
  });
}

const goEnv = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
const go = (cwd: string, ...args: string[]) => spawnSync('go', args, { cwd, encoding: 'utf8', env: goEnv, timeout: 240_000 });

describe('shapes in the generated Go tracker', () => {
  it('go vet and go test: valid instances build and arrive exactly (int64, uint64 and big integers too); what the types cannot reject is refused at run time', () => {
    const cwd = join(dir, 'go');
    for (const args of [['vet', '.'], ['test', '-count=1', '-run', 'TestShapes', '.']]) {
      const r = go(cwd, ...args);
      expect(r.status, `go ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
  }, 300_000);

  it('each invalid instance fails to build, for its reason (one go build of every case)', () => {
    const cases = goMisuse();
    expect(cases.length).toBeGreaterThanOrEqual(15);
    const r = go(join(dir, 'go'), 'build', '-o', '/dev/null', './misuse/...');
    expect(r.status).not.toBe(0);
    // go build prints each failing package's errors under `# shapes/tracker/misuse/<name>`.
    const byPkg = new Map<string, string>();
    for (const part of r.stderr.split(/^# /m).slice(1)) byPkg.set(part.slice(0, part.indexOf('\n')).replace(/^shapes\/tracker\/misuse\//, ''), part);
    for (const c of cases) {
      const text = byPkg.get(c.name);
      expect(text, `${c.name} built (it must not): ${c.statement}`).toBeDefined();
      expect(text!, c.name).toMatch(c.error);
    }
  }, 300_000);
});

interface Refusals { refused: [string, Record<string, unknown>, string][]; sent: [string, Record<string, unknown>][] }
const refusals = (): Refusals => JSON.parse(readFileSync(join(cases, 'refusals.json'), 'utf8')) as Refusals;

describe('shapes at run time: what no type holds, each tracker refuses (dropped as invalid, with the rule in words)', () => {
  it('TypeScript runtime (the generated specs)', async () => {
    const view = buildView(shapesModel());
    const specs = new Map(view.domains.flatMap((d) => d.events.map((ev) => [ev.event.name, specValue(ev) as unknown as EventSpec] as const)));
    const sent: Envelope[] = [];
    const warnings: string[] = [];
    const t = createTracker({ sink: (e) => { sent.push(e); }, logger: { warn: (...a: unknown[]) => { warnings.push(a.map(String).join(' ')); } } });
    const { refused, sent: valid } = refusals();
    for (const [name, props] of refused) t.track(specs.get(name)!, props);
    for (const [name, props] of valid) t.track(specs.get(name)!, props);
    const stats = await t.shutdown(5_000);
    expect(stats.dropped.invalid ?? 0, warnings.join('\n')).toBe(refused.length);
    expect(sent.map((e) => [e.event, e.properties])).toEqual(valid);
    for (const [, , why] of refused) expect(warnings.some((w) => w.includes(why)), `${why}\n${warnings.join('\n')}`).toBe(true);
  });

  it('TypeScript runtime: an integer whose range reaches beyond 2^53 is checked exactly (bigint or number) and a bigint is sent as its exact digits', async () => {
    const view = buildView(shapesModel());
    const spec = view.domains.flatMap((d) => d.events).map((ev) => specValue(ev) as unknown as EventSpec).find((x) => x.event === 'shapes.big_int')!;
    const texts: string[] = [];
    const warnings: string[] = [];
    const t = createTracker({
      sink: { name: 'texts', send(events, ctx) { for (const e of events) texts.push(ctx.json(e)); ctx.ok(events); } },
      logger: { warn: (...a: unknown[]) => { warnings.push(a.map(String).join(' ')); } },
    });
    const sent: [Record<string, unknown>, string][] = [
      [{ id: 9223372036854775807n }, '{"id":9223372036854775807}'],
      [{ id: -9223372036854775808n }, '{"id":-9223372036854775808}'],
      [{ id: 5, total: 18446744073709551615n }, '{"id":5,"total":18446744073709551615}'],
      [{ id: 1n, huge: -(2n ** 70n) }, '{"id":1,"huge":-1180591620717411303424}'],
    ];
    const refused: [Record<string, unknown>, string][] = [
      [{ id: 9223372036854775808n }, "property 'id' must be at most 9223372036854775807; got 9223372036854775808n"],
      // A number literal 9223372036854775807 is the double 2^63: above the maximum, exactly.
      [{ id: 9223372036854775807 }, "property 'id' must be at most 9223372036854775807; got 9223372036854776000"],
      [{ id: -9223372036854775809n }, "property 'id' must be at least -9223372036854775808; got -9223372036854775809n"],
      [{ id: 1, total: -1n }, "property 'total' must be at least 0; got -1n"],
      [{ id: 1.5 }, "property 'id' must be an integer; got 1.5"],
      [{ id: 1, huge: 2n ** 70n + 1n }, "property 'huge' must be at most 1180591620717411303424; got 1180591620717411303425n"],
    ];
    for (const [props] of [...refused, ...sent]) t.track(spec, props);
    const stats = await t.shutdown(5_000);
    expect(stats.dropped.invalid ?? 0, warnings.join('\n')).toBe(refused.length);
    for (const [, why] of refused) expect(warnings.some((w) => w.includes(why)), `${why}\n${warnings.join('\n')}`).toBe(true);
    expect(texts.map((x) => x.slice(x.indexOf('"properties":') + 13, x.lastIndexOf('}')))).toEqual(sent.map(([, json]) => json));
  });

  it('Python runtime (the generated package): the same refusals, large integers sent exactly', () => {
    const py = join(dir, 'py');
    const r = spawnSync('python3', ['python_runtime.py'], { cwd: py, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONPATH: py } });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { delivered: number; dropped: Record<string, number>; warnings: string[]; sent: string[] };
    const { refused, sent: valid } = refusals();
    expect(Object.fromEntries(Object.entries(out.dropped).filter(([, n]) => n > 0)), out.warnings.join('\n')).toEqual({ invalid: refused.length });
    for (const [, , why] of refused) expect(out.warnings.some((w) => w.includes(why.replace(/'(\w+)'/g, "'$1'"))), `${why}\n${out.warnings.join('\n')}`).toBe(true);
    const sorted = (v: unknown): unknown => (Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)])) : v);
    expect(out.sent.slice(0, valid.length)).toEqual(valid.map((v) => JSON.stringify(sorted(v)).replace(/,/g, ', ').replace(/":/g, '": ')));
    expect(out.sent.slice(valid.length)).toEqual([
      '["shapes.big_int", {"huge": -1180591620717411303424, "id": 9223372036854775807, "total": 18446744073709551615}]',
      '["shapes.big_int", {"id": -9223372036854775808}]',
      '["shapes.one_of", {"target": {"href": "h", "kind": "u\\"r\'l`${x}\u2028\\\\n\\\\"}}]',
      '["shapes.json_value", {"payload": {"a": [1, 2], "b": {"c": null}}}]',
      '["shapes.open_event", {"any key": "v", "n": 2}]',
    ]);
    expect(out.delivered).toBe(valid.length + 5);
  }, 90_000);
});
