import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TaxonomyModel } from '@taxonomy/core';
import type { GovernanceConfig, Level, RawFinding, Rule } from '../types.js';
import type { TaxonomyDiff } from '../diff/types.js';
import { pluginGlob } from './glob.js';

/** Where plugin files are read from: the base ref's tree (govern) or the working tree (check). */
export interface PluginSource {
  /** Files under `dir` (relative to the repository root, forward slashes). */
  list(dir: string): string[];
  read(path: string): Buffer | undefined;
}

/** What a custom rule's check receives besides the two models (plain data). */
export interface PluginFacts { readonly today: string; readonly diff: TaxonomyDiff; readonly config: GovernanceConfig }
export interface PluginJob { readonly base: TaxonomyModel | undefined; readonly head: TaxonomyModel; readonly facts: PluginFacts }

export interface PluginRun {
  /** The custom rules, as rules the engine runs: their findings were computed for the jobs given. */
  readonly rules: readonly Rule[];
  /** What went wrong, one finding each (governance/plugin-error). */
  readonly problems: readonly RawFinding[];
}

export const DEFAULT_PLUGIN_TIMEOUT_MS = 5000;
const MAX_FINDINGS = 1000;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;
const LEVELS: readonly Level[] = ['error', 'warn', 'info'];

interface WorkerRule { meta: Record<string, unknown>; results: { value?: unknown; error?: string }[] }
type WorkerReply = { error: string } | { rules: WorkerRule[] };

/** Runs one module in a worker; resolves with its reply, or with an error after `timeoutMs`. */
function runModule(file: string, jobs: readonly PluginJob[], timeoutMs: number): Promise<WorkerReply> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { url: pathToFileURL(file).href, jobs }, resourceLimits: { maxOldGenerationSizeMb: 512 }, stdout: true, stderr: true,
    });
    let done = false;
    const finish = (r: WorkerReply) => { if (done) return; done = true; clearTimeout(timer); void worker.terminate(); resolve(r); };
    const timer = setTimeout(() => finish({ error: `did not finish within ${timeoutMs} ms and was stopped (a loop, or work too slow for a gate; governance.plugin_timeout_ms sets the limit)` }), timeoutMs);
    worker.on('message', (m: WorkerReply) => finish(m));
    worker.on('error', (e) => finish({ error: `failed: ${String(e.message).split('\n')[0]}` }));
    worker.on('exit', (code) => finish({ error: `exited (code ${code}) without an answer` }));
  });
}

/** Checks one returned finding; the problem in words, or the finding. */
function validFinding(x: unknown): RawFinding | string {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return `is not an object { message, fix, location? }`;
  const f = x as Record<string, unknown>;
  if (typeof f.message !== 'string' || !f.message.trim()) return 'has no message (a non-empty string)';
  if (typeof f.fix !== 'string' || !f.fix.trim()) return 'has no fix (a non-empty string saying what to do)';
  if (f.location === undefined) return { message: f.message, fix: f.fix };
  const l = f.location as Record<string, unknown> | null;
  const pos = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;
  if (!l || typeof l !== 'object' || typeof l.file !== 'string' || !pos(l.line) || !(l.column === undefined || pos(l.column))) {
    return `has a location that is not { file: string, line: 1…, column: 1… } (got ${JSON.stringify(f.location)?.slice(0, 80)})`;
  }
  return { message: f.message, fix: f.fix, location: { file: l.file, line: l.line as number, column: (l.column as number | undefined) ?? 1 } };
}

/** Turns one module's reply into rules (findings precomputed per job) and problems. */
function collect(file: string, reply: WorkerReply, jobs: readonly PluginJob[], taken: Set<string>, problems: RawFinding[]): Rule[] {
  const say = (what: string) => problems.push({ message: `custom rule ${file} ${what}`, fix: 'fix the module on the base branch (docs/rules.md, "Custom rules", gives the contract and an example); until then its checks do not run' });
  if ('error' in reply) { say(reply.error); return []; }
  if (!reply.rules.length) { say('exports no rule (export default { id, defaultLevel, summary, check })'); return []; }
  const rules: Rule[] = [];
  for (const { meta, results } of reply.rules) {
    const id = meta.id;
    if (typeof id !== 'string' || !ID.test(id)) { say(`exports a rule whose id ${JSON.stringify(id)} is not <group>/<name> in lower case (acme/event-prefix)`); continue; }
    if (taken.has(id)) { say(`exports rule '${id}', an id already taken`); continue; }
    if (!LEVELS.includes(meta.defaultLevel as Level)) { say(`rule '${id}' has defaultLevel ${JSON.stringify(meta.defaultLevel)}; expected error, warn or info`); continue; }
    if (typeof meta.summary !== 'string' || !meta.summary.trim()) { say(`rule '${id}' has no summary`); continue; }
    if (meta.compares !== undefined && typeof meta.compares !== 'boolean') { say(`rule '${id}' has compares ${JSON.stringify(meta.compares)}; expected true or false`); continue; }
    const byHead = new Map<TaxonomyModel, RawFinding[]>();
    let ok = true;
    results.forEach((r, j) => {
      if (!ok) return;
      if (r.error !== undefined) { say(`rule '${id}' ${r.error}`); ok = false; return; }
      if (!Array.isArray(r.value)) { say(`rule '${id}' returned ${JSON.stringify(r.value)?.slice(0, 60)} instead of an array of findings`); ok = false; return; }
      if (r.value.length > MAX_FINDINGS) { say(`rule '${id}' returned ${r.value.length} findings; at most ${MAX_FINDINGS}`); ok = false; return; }
      const found: RawFinding[] = [];
      r.value.forEach((x, i) => { const v = validFinding(x); if (typeof v === 'string') { if (ok) say(`rule '${id}': finding ${i + 1} ${v}`); ok = false; } else found.push(v); });
      byHead.set(jobs[j]!.head, found);
    });
    taken.add(id);
    if (!ok) continue;
    rules.push({
      id, defaultLevel: meta.defaultLevel as Level, summary: meta.summary, compares: meta.compares === true,
      details: typeof meta.details === 'string' ? meta.details : meta.summary,
      check: (_base, head) => byHead.get(head) ?? [],
    });
  }
  return rules;
}

/**
 * Loads the modules `patterns` name from `source` and runs each rule they export over every
 * job, each module in a worker stopped after `timeoutMs`. Nothing a module does (throw, loop,
 * return garbage, leave the repository) escapes: it becomes a problem, reported as a finding.
 */
export async function runPlugins(opts: { patterns: readonly string[]; source: PluginSource; timeoutMs?: number; builtinIds: readonly string[]; jobs: readonly PluginJob[] }): Promise<PluginRun> {
  const problems: RawFinding[] = [];
  const files = new Set<string>();
  for (const pattern of opts.patterns) {
    const g = pluginGlob(pattern);
    if ('error' in g) { problems.push({ message: `governance.plugins: ${g.error}`, fix: 'list module paths inside the repository, relative to its root' }); continue; }
    const hits = opts.source.list(g.dir).filter(g.matches);
    if (!hits.length) problems.push({ message: `governance.plugins: '${pattern}' matches no file`, fix: 'commit the modules on the base branch, or fix the glob (relative to the repository root)' });
    for (const h of hits) files.add(h);
  }
  if (!files.size) return { rules: [], problems };
  const tmp = mkdtempSync(join(tmpdir(), 'taxonomy-plugins-'));
  const taken = new Set(opts.builtinIds);
  const rules: Rule[] = [];
  try {
    for (const file of [...files].sort()) {
      const text = opts.source.read(file);
      if (!text) { problems.push({ message: `custom rule ${file} could not be read`, fix: 'commit it as a regular file' }); continue; }
      const abs = join(tmp, file);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      const reply = await runModule(abs, opts.jobs, opts.timeoutMs ?? DEFAULT_PLUGIN_TIMEOUT_MS);
      rules.push(...collect(file, reply, opts.jobs, taken, problems));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { rules, problems };
}
