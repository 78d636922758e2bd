import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { formatDiagnostic, loadTaxonomy, loadTaxonomyFromFiles, type Diagnostic, type SourceLocation, type TaxonomyModel } from '@taxonomy/core';
import {
  ALL_RULES, diffTaxonomies, formatGithub, formatHuman, gitSource, governanceConfig, ruleList, runPlugins, type PluginJob, type PluginRun, formatJson, formatSummary, GitError, govern, isChangesetFile, parseChangeset, readGitChangesets,
  readGitTaxonomy, resolveBase, scanApp, type AppScan, type Changeset, type DriftedFile, type RawFinding,
} from '@taxonomy/governance';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';
import { computeDrift } from '../drift.js';

export const GOVERN_HELP = `Usage: taxonomy govern [dir] --base <git ref> [--format human|json|github]
                       [--summary <file.md>] [--all] [--no-merge-base] [--no-drift] [--today YYYY-MM-DD]

Compares the taxonomy in the working tree (default dir: taxonomy/) with the one at
the base ref (read from git, no checkout), classifies every change as breaking,
additive or patch, and runs every governance rule (docs/rules.md): schema, doc-first,
privacy, compatibility and version bumps (.changeset/*.md), generated and app-code
drift, metrics labels, impact.

Only what the change introduces blocks: a finding the same rules give on the base
taxonomy (matched by rule and subject, not by line) is existing debt, listed in its own
section, unless the change edits the event it is on. Rule levels and governance:
settings are read from the base's taxonomy.yaml; editing them is a finding of its own
(governance/policy-changed) and takes effect once merged.

Options:
  --base <ref>       the branch, tag or commit to compare with (origin/main, HEAD~1)
  --format <f>       human (default): file:line:col rule-id severity message, then the fix
                     json: findings, changes, required bump, impact
                     github: ::error file=…,line=…:: annotations for GitHub Actions
  --summary <file>   also write a Markdown pull-request summary to <file>
  --all              block on every finding, existing debt too (clean-up jobs)
  --no-merge-base    compare with the tip of the ref, not with where HEAD forked from it
  --no-drift         skip the comparison with a fresh generate (drift/generated, doc/generated-docs)
  --today <date>     the date waivers and deprecation periods are measured against (default: today, UTC)

In a shallow CI clone, fetch the base first (git fetch --depth=50 origin main) or
check out with fetch-depth: 0.

Exit codes: 0 no error introduced (debt allowed), 1 findings, 2 usage, git or I/O error.`;

export interface GovernOptions {
  readonly dir: string;
  readonly base: string;
  readonly format: 'human' | 'json' | 'github';
  readonly summary?: string;
  readonly mergeBase: boolean;
  readonly drift: boolean;
  readonly today: string;
  /** Block on existing findings too. */
  readonly all?: boolean;
}

const posix = (p: string) => p.split(sep).join('/');

/** Changesets in the working tree that the base does not have as they are: the ones this change adds. */
function newChangesets(rootDir: string, baseFiles: ReadonlyMap<string, string>, gitPath: (abs: string) => string, show: (abs: string) => string) {
  const dir = join(rootDir, '.changeset');
  const changesets: Changeset[] = [];
  const errors: RawFinding[] = [];
  if (!existsSync(dir)) return { changesets, errors };
  for (const name of readdirSync(dir).filter(isChangesetFile).sort()) {
    const abs = join(dir, name);
    const text = readFileSync(abs, 'utf8');
    if (baseFiles.get(gitPath(abs)) === text) continue;
    const r = parseChangeset(show(abs), text);
    if (r.changeset) changesets.push(r.changeset);
    errors.push(...r.errors);
  }
  return { changesets, errors };
}

/** Re-roots a location found relative to the repository root onto the working directory. */
const reroot = (rootDir: string, cwd: string) => (l: SourceLocation): SourceLocation => ({ ...l, file: posix(relative(cwd, resolve(rootDir, l.file))) });

export async function runGovern(opts: GovernOptions, io: Io): Promise<number> {
  const taxDir = resolve(io.cwd, opts.dir);
  const rootDir = dirname(taxDir);
  const show = (abs: string) => posix(relative(io.cwd, abs)) || '.';

  const loaded = loadTaxonomy(taxDir, { cwd: io.cwd });
  if (loaded.ioError) { for (const d of loaded.diagnostics) io.err(formatDiagnostic(d) + '\n'); return EXIT.usage; }
  if (!loaded.model) {
    for (const d of loaded.diagnostics) io.err(formatDiagnostic(d) + '\n');
    // One line for everything that could not run: no rule reports on a model that is not there,
    // and no generator runs (its error text would only repeat the load errors in worse words).
    const skipped = ALL_RULES.filter((r) => !r.id.startsWith('schema/'));
    io.err(`✗ the taxonomy in ${show(taxDir)} does not load (${loaded.diagnostics.filter((d) => d.severity === 'error').length} errors above), so these rules could not run: ${ruleList(skipped)}, and the generated output was not compared; fix the errors first (taxonomy check)\n`);
    return EXIT.findings;
  }
  const head = loaded.model;

  let base: TaxonomyModel | undefined;
  let baseDiagnostics: readonly Diagnostic[] | undefined;
  let baseErrors: readonly Diagnostic[] | undefined;
  let baseChangesets = new Map<string, string>();
  let gitRoot: string;
  let baseLabel: string;
  let baseCommit: string;
  // The base's own taxonomy.yaml (even when the rest of the base has errors): its plugins judge the change.
  let basePolicy: TaxonomyModel | undefined;
  try {
    const ref = resolveBase(io.cwd, opts.base, { mergeBase: opts.mergeBase });
    gitRoot = ref.root;
    baseCommit = ref.commit;
    baseLabel = ref.commit === ref.tip ? `${opts.base} (${ref.commit.slice(0, 12)})` : `the merge base of ${opts.base} and HEAD (${ref.commit.slice(0, 12)})`;
    const taxRel = posix(relative(realpathSync(gitRoot), realpathSync(taxDir)));
    if (taxRel.startsWith('..')) throw new GitError(`the taxonomy folder ${show(taxDir)} is outside the git repository ${gitRoot}`, 'run govern on a taxonomy inside the repository');
    const files = readGitTaxonomy(gitRoot, ref.commit, taxRel);
    if (files.length === 0) {
      // No taxonomy at the base: everything is new.
      base = { ...head, domains: [], events: [], metrics: [], properties: [] };
      baseDiagnostics = [];
    } else {
      const b = loadTaxonomyFromFiles(files, show(taxDir));
      base = b.model;
      basePolicy = b.model;
      baseDiagnostics = b.diagnostics;
      // A base with errors is missing files: what it lacks would look added by this change.
      const errors = b.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) baseErrors = errors;
    }
    baseChangesets = readGitChangesets(gitRoot, ref.commit, posix(relative(realpathSync(gitRoot), join(realpathSync(rootDir), '.changeset'))));
  } catch (e) {
    if (e instanceof GitError) { io.err(`taxonomy govern: ${e.message}\n  → ${e.hint}\n`); return EXIT.usage; }
    throw e;
  }

  const realRoot = realpathSync(gitRoot);
  const gitPath = (abs: string) => posix(relative(realRoot, realpathSync(abs)));
  const { changesets, errors: changesetErrors } = newChangesets(rootDir, baseChangesets, gitPath, show);
  const toCwd = reroot(rootDir, io.cwd);
  let drift: DriftedFile[] | undefined;
  let generatorErrors: { generator: string; message: string }[] | undefined;
  // A head with errors is missing files: generators would fail on it, and their errors would
  // only repeat the load errors in worse words. Drift is compared once the taxonomy loads cleanly.
  const headBroken = loaded.diagnostics.some((d) => d.severity === 'error');
  if (opts.drift && !headBroken) {
    const d = await computeDrift(head, rootDir);
    drift = d.drift.map((x) => ({ ...x, file: toCwd({ file: x.file, line: 1, column: 1 }).file }));
    generatorErrors = d.errors;
  }
  let app: AppScan | undefined;
  // Like the rule levels, what is scanned comes from the base: a change cannot narrow it.
  const appCfg = (base ?? head).governance?.app;
  if (appCfg) {
    const scan = scanApp({ root: rootDir, include: appCfg.include, exclude: appCfg.exclude, tracker: appCfg.tracker, rawCalls: appCfg.rawCalls, domains: appCfg.domains });
    app = { ...scan, calls: scan.calls.map((c) => ({ ...c, location: toCwd(c.location) })) };
  }

  const plugins = await customRules(basePolicy, base, baseErrors, head, headBroken, gitSource(gitRoot, baseCommit), opts.today);
  const report = govern(base, head, { today: opts.today, diagnostics: loaded.diagnostics, baseDiagnostics, changesets, changesetErrors, drift, generatorErrors, app, baseErrors, pluginErrors: plugins.problems, customRuleIds: plugins.rules.map((r) => r.id), ...(opts.drift && headBroken ? { notRun: ['drift/generated', 'doc/generated-docs'] } : {}) }, [...ALL_RULES, ...plugins.rules], { all: opts.all });
  io.out(opts.format === 'json' ? formatJson(report) : opts.format === 'github' ? formatGithub(report) : formatHuman(report));
  if (opts.summary) {
    const p = resolve(io.cwd, opts.summary);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, formatSummary(report, { base: baseLabel }));
  }
  return report.counts.error > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * Custom rules named by the base's governance.plugins, read from the base's tree (a change
 * cannot add, edit or drop the rules that judge it), run over the change and over the base
 * alone (for the debt), each module in a worker with a time limit.
 */
async function customRules(policy: TaxonomyModel | undefined, base: TaxonomyModel | undefined, baseErrors: readonly Diagnostic[] | undefined, head: TaxonomyModel, headBroken: boolean, source: ReturnType<typeof gitSource>, today: string): Promise<PluginRun> {
  const patterns = policy?.governance?.plugins ?? [];
  if (!patterns.length) return { rules: [], problems: [] };
  const config = governanceConfig(policy);
  const compared = baseErrors?.length ? undefined : base;
  const jobs: PluginJob[] = [{ base: compared, head, facts: { today, config, diff: diffTaxonomies(headBroken ? undefined : compared, head) } }];
  if (compared) jobs.push({ base: undefined, head: compared, facts: { today, config, diff: { changes: [], events: [], bump: 'none' } } });
  return runPlugins({ patterns, source, timeoutMs: policy?.governance?.pluginTimeoutMs, builtinIds: ALL_RULES.map((r) => r.id), jobs });
}

export function checkDate(s: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`)) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s) {
    throw new UsageError(`--today must be a date YYYY-MM-DD; got '${s}'`);
  }
  return s;
}

export const governCommand: Command = {
  name: 'govern',
  help: GOVERN_HELP,
  run(args, io) {
    const { values, positionals } = parse(args, {
      base: { type: 'string' }, format: { type: 'string', default: 'human' }, summary: { type: 'string' },
      'no-merge-base': { type: 'boolean' }, 'no-drift': { type: 'boolean' }, today: { type: 'string' }, all: { type: 'boolean' },
    });
    if (values.help) { io.out(GOVERN_HELP + '\n'); return EXIT.ok; }
    const base = str(values.base);
    if (!base) throw new UsageError('govern needs --base <git ref> (e.g. --base origin/main, or --base HEAD~1)');
    const format = values.format;
    if (format !== 'human' && format !== 'json' && format !== 'github') throw new UsageError(`--format must be human, json or github; got '${String(format)}'`);
    if (positionals.length > 1) throw new UsageError(`govern takes one folder; got ${positionals.length}`);
    if (values.summary !== undefined && !str(values.summary)) throw new UsageError('--summary needs a file name');
    return runGovern({
      dir: positionals[0] ?? 'taxonomy', base, format, summary: str(values.summary),
      mergeBase: !values['no-merge-base'], drift: !values['no-drift'], all: !!values.all,
      today: checkDate(str(values.today) ?? new Date().toISOString().slice(0, 10)),
    }, io);
  },
};
