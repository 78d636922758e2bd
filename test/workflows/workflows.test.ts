// Every workflow of .github/workflows runs as written: each job's `run:` steps, in order, in a
// fresh clone of this repository, with the environment a hosted runner gives (CI=true,
// GITHUB_*, RUNNER_TEMP, a base branch made in the clone for pull-request events), honouring
// `if:`, `continue-on-error` and `steps.<id>.outcome`. A job fails when a step fails.
//
// What stands in for what (and is said in each step's note):
// - actions/checkout: `git clone` of this repository's committed HEAD (full history, as
//   fetch-depth: 0), with origin/<base> made in the clone;
// - actions/setup-node: this machine's Node 20;
// - `npm ci`: the repository's installed node_modules, hard-linked into the clone (same
//   lockfile, no network); every other command of the step still runs;
// - skipped because they need GitHub itself: the PR comment (actions/github-script) and the
//   changesets action's pull request and publish; its `version:` command is run here, on a
//   changeset added in the clone, followed by `generate --check` (release.yml's order);
// - `bash .ci/run` (ci.yml's test job: npm ci + npm test) is the suite this test belongs to;
//   CI runs it as its own job, so it is not run inside it again.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluate, stepRuns } from './expressions.js';
import { runJob, type Job, type JobResult, type Step } from './runner.js';

const repo = join(import.meta.dirname, '../..');
const BASE = 'main';
const workflowsDir = join(repo, '.github/workflows');
const files = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort();
const tmp = mkdtempSync(join(tmpdir(), 'taxonomy-workflows-'));
// One turbo cache for the clones of this run: the first build is cold, the next ones reuse it.
const turboCache = join(tmp, 'turbo-cache');
// Four clones with their node_modules: many files, slow to remove on a busy machine.
afterAll(() => { if (!process.env.TAXONOMY_E2E_KEEP) rmSync(tmp, { recursive: true, force: true }); }, 180_000);

const tracker = JSON.parse(readFileSync(join(repo, 'packages/tracker/package.json'), 'utf8')) as { name: string; version: string };
const trackerName = tracker.name;
const trackerVersion = tracker.version;

const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' } }).trim();

/** A fresh clone of the committed HEAD with the installed node_modules linked in, and origin/<BASE>. */
function cloneRepo(name: string): string {
  const dir = join(tmp, name);
  git(['clone', '--quiet', '--no-hardlinks', repo, dir], tmp);
  git(['checkout', '--quiet', '-B', 'pr-head', git(['rev-parse', 'HEAD'], repo)], dir);
  // The base branch of the pull request: the commit the change starts from (here, HEAD itself:
  // the gates must pass on the repository as committed).
  git(['update-ref', `refs/remotes/origin/${BASE}`, 'HEAD'], dir);
  // npm ci's result, without the network: every node_modules folder of the install, hard-linked
  // (workspace links are relative, so they point into the clone).
  for (const nm of ['node_modules', ...readdirSync(join(repo, 'packages')).map((p) => `packages/${p}/node_modules`), ...readdirSync(join(repo, 'generators')).map((p) => `generators/${p}/node_modules`)]) {
    if (existsSync(join(repo, nm))) execFileSync('cp', ['-al', join(repo, nm), join(dir, nm)]);
  }
  return dir;
}

/**
 * Jobs that fail as written on this repository for a reason outside the workflow, each with
 * the steps that fail and what their output shows. Not skipped: the job runs, and the test
 * fails if anything else fails, or if the job passes (then remove the entry).
 */
const KNOWN_FAILURES: Record<string, { steps: string[]; output: RegExp; reason: string }> = {
};

/** What stands in for each `uses:` step, or why it is left out. */
function uses(step: Step): { note: string; run?: string } {
  const action = step.uses!.replace(/@.*/, '');
  if (action === 'actions/checkout') return { note: 'the fresh clone (full history) stands in for it' };
  if (action === 'actions/setup-node') return { note: `this machine's Node ${process.versions.node}` };
  if (action === 'actions/github-script') return { note: 'skipped: it posts the PR comment through the GitHub API' };
  if (action === 'changesets/action') {
    // Its publish and pull request need GitHub; its version command is local: run it as
    // written on a pending changeset, as the action does on main (it must leave no drift:
    // release.yml's command checks that itself, see the order test below).
    const version = String(step.with?.version ?? '');
    if (!version) throw new Error('changesets/action without a version command');
    const pending = `printf -- '---\\n"${trackerName}": minor\\n---\\n\\nA release, made by the workflow test.\\n' > .changeset/workflow-test.md`;
    const bumped = `node -e 'const v=require("./packages/tracker/package.json").version; if (v === ${JSON.stringify(trackerVersion)}) { console.error("the version command did not bump ${trackerName} (still " + v + ")"); process.exit(1); }'`;
    return { note: 'the pull request and the publish need GitHub; its version command runs as written on a changeset made here', run: `${pending}\n${version}\n${bumped}` };
  }
  throw new Error(`no stand-in for ${step.uses}: say in the workflow test what replaces it`);
}

function rewrite(run: string): { run?: string; note?: string } {
  // Not run recursively: CI runs the suite as its own job, and this test is part of it.
  if (/^\s*bash \.ci\/run\s*$/.test(run)) return { note: 'not run here: .ci/run (npm ci + npm test) is the whole test suite, of which this test is part' };
  if (/\bnpm ci\b/.test(run)) return { run: run.replace(/\bnpm ci\b/g, 'echo "npm ci: node_modules linked from the repository\'s install"'), note: 'npm ci: the repository\'s node_modules, hard-linked' };
  return { run };
}

/** The github context of the event a workflow is run for. */
function githubContext(on: Record<string, unknown>, sha: string): Record<string, unknown> {
  const repository = 'taxonomy-as-code/taxonomy-as-code';
  if ('pull_request' in on) {
    return {
      event_name: 'pull_request', repository, sha, ref: 'refs/pull/1/merge', ref_name: '1/merge', base_ref: BASE, head_ref: 'pr-head',
      event: { pull_request: { number: 1, head: { repo: { full_name: repository } }, base: { ref: BASE } } },
    };
  }
  return { event_name: 'push', repository, sha, ref: `refs/heads/${BASE}`, ref_name: BASE, event: {} };
}

describe('the expression subset the workflows use', () => {
  const ctx = (jobFailed: boolean) => ({ contexts: { steps: { govern: { outcome: 'failure' } }, github: { base_ref: 'main', repository: 'a/b', event: { pull_request: { head: { repo: { full_name: 'a/b' } } } } } }, jobFailed });
  it.each([
    ["steps.govern.outcome == 'failure'", false, true],
    ["steps.govern.outcome == 'success'", false, false],
    ["steps.govern.outcome == 'failure'", true, false], // an implicit success() first
    ['always()', true, true],
    ['always() && github.event.pull_request.head.repo.full_name == github.repository', true, true],
    ["github.base_ref != 'main' || failure()", true, true],
    [undefined, false, true],
    [undefined, true, false],
  ])('if: %s (a step failed before: %s) → runs: %s', (cond, failed, runs) => {
    expect(stepRuns(cond, ctx(failed))).toBe(runs);
  });
  it('refuses what it does not implement', () => {
    expect(() => evaluate("contains(github.ref, 'x')", ctx(false))).toThrow(/unsupported function contains/);
  });
});

describe('the runner', () => {
  const run = (steps: Step[]) => {
    const dir = mkdtempSync(join(tmp, 'runner-'));
    return runJob({ steps }, { workspace: dir, runnerDir: join(dir, '.runner'), github: { event_name: 'push', repository: 'a/b', sha: '0', ref: 'refs/heads/main', ref_name: 'main' }, uses: () => ({ note: 'stand-in' }) });
  };
  it('fails the job when a step fails, skips the next steps unless if: always(), and runs with bash -e and CI=true', async () => {
    const r = await run([
      { run: 'test "$CI" = true && test "$GITHUB_ACTIONS" = true && test -n "$GITHUB_SHA"' },
      { run: 'false\necho "bash -e did not stop here"' },
      { run: 'echo never' },
      { name: 'always', if: 'always()', run: 'echo "after: ${{ github.ref_name }}"' },
    ]);
    expect(r.steps.map((st) => st.status)).toEqual(['success', 'failure', 'skipped', 'success']);
    expect(r.steps[1]!.output).not.toMatch(/did not stop/);
    expect(r.failed).toBe(true);
  });
  it('continue-on-error: the outcome is failure, the job goes on, and steps.<id>.outcome says so', async () => {
    const r = await run([
      { id: 'gate', run: 'exit 3', 'continue-on-error': true },
      { run: 'echo next' },
      { if: "steps.gate.outcome == 'failure'", run: 'exit 1' },
    ]);
    expect(r.steps.map((st) => [st.outcome, st.conclusion])).toEqual([['failure', 'success'], ['success', 'success'], ['failure', 'failure']]);
    expect(r.failed).toBe(true);
  });
  it('a step passes its env with expressions to the script', async () => {
    const r = await run([{ env: { WHERE: '${{ github.repository }}@${{ github.ref_name }}' }, run: 'test "$WHERE" = a/b@main' }]);
    expect(r.failed).toBe(false);
  });
});

describe('release.yml: version, then generate --check, then publish', () => {
  const wf = parse(readFileSync(join(workflowsDir, 'release.yml'), 'utf8')) as { jobs: Record<string, Job> };
  const scripts = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  /** A command with `npm run <script>` replaced by the script's text. */
  const expand = (cmd: string) => cmd.replace(/^npm run (\S+)$/, (_m, n: string) => scripts[n] ?? `(no script ${n})`);
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const action = steps.find((st) => st.uses?.startsWith('changesets/action'));
  it('the version command bumps first and checks the generated output after', () => {
    const version = expand(String(action?.with?.version ?? '')).split(/\s*&&\s*/);
    expect(version[0]).toMatch(/\bchangeset version$/);
    expect(version.slice(1).join(' && ')).toMatch(/\btaxonomy(\.js)? generate --check$/);
  });
  it('publish runs only after a generate --check of the tree it publishes', () => {
    expect(expand(String(action?.with?.publish ?? ''))).toMatch(/\bchangeset publish$/);
    const check = steps.findIndex((st) => /\btaxonomy generate --check\b/.test(st.run ?? ''));
    const build = steps.findIndex((st) => /\bnpm run build\b/.test(st.run ?? ''));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(check).toBeGreaterThan(build);
    expect(steps.indexOf(action!)).toBeGreaterThan(check);
  });
  it('the action runs its commands without a shell, so each is one command', () => {
    for (const k of ['version', 'publish']) expect(String(action?.with?.[k])).not.toMatch(/&&|\|\||;|\|/);
  });
});

describe.each(files)('.github/workflows/%s runs as written in a fresh clone', (file) => {
  const wf = parse(readFileSync(join(workflowsDir, file), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, Job> };
  it.each(Object.keys(wf.jobs))('job %s', async (jobName) => {
    const ws = cloneRepo(`${file.replace(/\W/g, '_')}-${jobName}`);
    const runnerDir = join(tmp, `${file}-${jobName}-runner`);
    mkdirSync(runnerDir, { recursive: true });
    const sha = git(['rev-parse', 'HEAD'], ws);
    const result: JobResult = await runJob(wf.jobs[jobName]!, {
      workspace: ws, runnerDir, github: githubContext(wf.on, sha), uses, rewrite,
      env: { TURBO_TELEMETRY_DISABLED: '1', TURBO_CACHE_DIR: turboCache, DO_NOT_TRACK: '1' },
      secrets: { GITHUB_TOKEN: 'not-a-token', NPM_TOKEN: 'not-a-token' },
    });
    const report = result.steps.map((s) => `${s.status.padEnd(8)} ${(s.ms / 1000).toFixed(1).padStart(6)} s  ${s.name}${s.note ? ` — ${s.note}` : ''}`).join('\n');
    console.log(`${file} / ${jobName}:\n${report}`);
    // A step that failed under continue-on-error (outcome failure, conclusion success) does not fail the job.
    const failed = result.steps.filter((s) => s.conclusion === 'failure');
    const known = KNOWN_FAILURES[`${file} / ${jobName}`];
    if (known) {
      // Exactly the known failure and nothing else; once it is fixed, this fails until the
      // entry is removed, so the job is then held to passing.
      console.warn(`${file} / ${jobName}: KNOWN FAILURE, ${known.reason}`);
      expect(failed.map((s) => s.name), `${file} / ${jobName}: only the known failure (${known.reason})`).toEqual(known.steps);
      expect(failed[0]!.output, 'the failure is the known one').toMatch(known.output);
      expect(result.failed).toBe(true);
    } else {
      expect(failed.map((s) => `${s.name}:\n${s.output.slice(-3000)}`), `${file} / ${jobName}`).toEqual([]);
      expect(result.failed, `${file} / ${jobName} failed`).toBe(false);
    }
    // Every run: step of the job ran or was skipped by its own if:, none silently.
    expect(result.steps).toHaveLength(wf.jobs[jobName]!.steps.length);
  }, 1_800_000);
});
