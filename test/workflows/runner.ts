// Runs a workflow job's steps as a hosted runner would, in a folder holding a fresh clone:
// `run:` steps in order with bash -e, the runner's environment (CI, GITHUB_*, RUNNER_*),
// `if:` conditions, ${{ }} in scripts and `env:`, `continue-on-error` (outcome failure, conclusion success), the step's
// `env:` with its expressions, and `steps.<id>.outcome` for the steps after it. A `uses:`
// step is not run here: the caller says what stands in for it (the clone stands in for
// actions/checkout, this machine's Node for actions/setup-node) or why it is skipped
// (it needs GitHub itself: a PR comment, a publish).
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { interpolate, stepRuns, type ExprContext } from './expressions.js';

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly 'continue-on-error'?: boolean;
  readonly 'working-directory'?: string;
  readonly 'timeout-minutes'?: number;
}

export interface Job { readonly name?: string; readonly env?: Record<string, string>; readonly steps: readonly Step[] }

export interface StepResult {
  readonly name: string;
  /** ran: exit 0 or not; skipped: its `if:` was false; replaced: a `uses:` step stood in for, or a step left out (the note says why). */
  readonly status: 'success' | 'failure' | 'skipped' | 'replaced';
  readonly outcome: 'success' | 'failure' | 'skipped';
  readonly conclusion: 'success' | 'failure' | 'skipped';
  readonly note?: string;
  readonly output: string;
  readonly ms: number;
}

export interface RunOptions {
  /** The clone (GITHUB_WORKSPACE). */
  readonly workspace: string;
  /** Where RUNNER_TEMP and the GITHUB_* files live. */
  readonly runnerDir: string;
  readonly github: Record<string, unknown>;
  readonly secrets?: Record<string, string>;
  readonly env?: NodeJS.ProcessEnv;
  /** What to do with a `uses:` step: a reason it is replaced or skipped (it is not run), or a command to run instead. */
  readonly uses: (step: Step) => { note: string; run?: string };
  /** Rewrites a `run:` script before it runs (e.g. the network install), with the reason; `run: undefined` leaves the step out (the note says why). */
  readonly rewrite?: (run: string) => { run?: string; note?: string };
  /** Limit per step (default 15 minutes, or the step's timeout-minutes). */
  readonly stepTimeoutMs?: number;
}

export interface JobResult { readonly steps: StepResult[]; readonly failed: boolean }

/** The environment a hosted Ubuntu runner gives every step (plus this machine's PATH and HOME). */
export function runnerEnv(o: RunOptions): NodeJS.ProcessEnv {
  const g = o.github as Record<string, string>;
  const base: NodeJS.ProcessEnv = {};
  for (const k of ['PATH', 'HOME', 'LANG', 'TMPDIR', 'USER']) if (process.env[k] !== undefined) base[k] = process.env[k];
  return {
    ...base,
    ...o.env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_REPOSITORY: g.repository,
    GITHUB_EVENT_NAME: g.event_name,
    GITHUB_REF: g.ref,
    GITHUB_REF_NAME: g.ref_name,
    GITHUB_SHA: g.sha,
    GITHUB_BASE_REF: g.base_ref ?? '',
    GITHUB_HEAD_REF: g.head_ref ?? '',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_ACTOR: 'test-runner',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_STEP_SUMMARY: join(o.runnerDir, 'step-summary.md'),
    GITHUB_OUTPUT: join(o.runnerDir, 'output'),
    GITHUB_ENV: join(o.runnerDir, 'env'),
    GITHUB_PATH: join(o.runnerDir, 'path'),
    RUNNER_TEMP: join(o.runnerDir, 'temp'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
  };
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // The runner's default for `run:` on Linux: bash -e {0}.
    const child = spawn('bash', ['--noprofile', '--norc', '-e', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => {
      output += `\n[the step ran longer than ${timeoutMs} ms and was stopped]\n`;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.once('close', (code, signal) => { clearTimeout(timer); resolve({ code: code ?? (signal ? 128 : 1), output }); });
  });
}

/** Runs the job's steps in order; the job fails when a step's conclusion is failure. */
export async function runJob(job: Job, o: RunOptions): Promise<JobResult> {
  mkdirSync(join(o.runnerDir, 'temp'), { recursive: true });
  for (const f of ['step-summary.md', 'output', 'env', 'path']) writeFileSync(join(o.runnerDir, f), '');
  const env = runnerEnv(o);
  const steps: Record<string, { outcome: string; conclusion: string; outputs: Record<string, string> }> = {};
  const results: StepResult[] = [];
  let jobFailed = false;
  for (const [i, step] of job.steps.entries()) {
    const name = step.name ?? step.run?.split('\n')[0] ?? step.uses ?? `step ${i + 1}`;
    const ctx: ExprContext = {
      contexts: { github: o.github, env: { ...job.env }, runner: { temp: env.RUNNER_TEMP, os: 'Linux', arch: 'X64' }, secrets: o.secrets ?? {}, steps },
      jobFailed,
    };
    const t0 = Date.now();
    const record = (r: Omit<StepResult, 'name' | 'ms'>) => {
      results.push({ name, ms: Date.now() - t0, ...r });
      if (step.id) steps[step.id] = { outcome: r.outcome, conclusion: r.conclusion, outputs: {} };
      if (r.conclusion === 'failure') jobFailed = true;
    };
    if (!stepRuns(step.if, ctx)) { record({ status: 'skipped', outcome: 'skipped', conclusion: 'skipped', output: '' }); continue; }
    let script = step.run;
    let note: string | undefined;
    if (step.uses !== undefined) {
      const u = o.uses(step);
      note = u.note;
      if (u.run === undefined) { record({ status: 'replaced', outcome: 'success', conclusion: 'success', note, output: '' }); continue; }
      script = u.run;
    } else if (o.rewrite && script !== undefined) {
      const r = o.rewrite(script);
      if (r.run === undefined) { record({ status: 'replaced', outcome: 'success', conclusion: 'success', note: r.note ?? 'left out', output: '' }); continue; }
      script = r.run;
      note = r.note;
    }
    const stepEnv: NodeJS.ProcessEnv = { ...env };
    for (const [k, v] of Object.entries({ ...job.env, ...step.env })) stepEnv[k] = interpolate(String(v), ctx);
    const cwd = step['working-directory'] ? join(o.workspace, step['working-directory']) : o.workspace;
    const limit = step['timeout-minutes'] ? step['timeout-minutes'] * 60_000 : o.stepTimeoutMs ?? 15 * 60_000;
    // As the runner does: expressions in the script are replaced before bash sees it.
    const { code, output } = await bash(interpolate(script!, ctx), cwd, stepEnv, limit);
    appendFileSync(join(o.runnerDir, 'log'), `## ${name} (exit ${code})\n${output}\n`);
    const outcome = code === 0 ? 'success' : 'failure';
    const conclusion = outcome === 'failure' && step['continue-on-error'] ? 'success' : outcome;
    record({ status: outcome, outcome, conclusion, output, ...(note ? { note } : {}) });
  }
  return { steps: results, failed: jobFailed };
}
