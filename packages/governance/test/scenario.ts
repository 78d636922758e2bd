// Loads one pull-request scenario: _template/ overlaid by base/, then by head/;
// changesets/, app/ and facts.json are optional. Used by scenarios.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadTaxonomyFromFiles, type LoadResult } from '@taxonomy/core';
import { govern, parseChangeset, scanApp, type Changeset, type DriftedFile, type GovernanceReport, type RawFinding } from '@taxonomy/governance';

export const SCENARIOS = join(import.meta.dirname, 'scenarios');
const DELETED = /^#\s*deleted\s*$/;

function readTree(dir: string, into = new Map<string, string>(), root = dir): Map<string, string> {
  if (!existsSync(dir)) return into;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) readTree(p, into, root);
    else into.set(relative(root, p).split(sep).join('/'), readFileSync(p, 'utf8'));
  }
  return into;
}

function overlay(under: Map<string, string>, dir: string): Map<string, string> {
  const out = new Map(under);
  for (const [p, text] of readTree(dir)) {
    if (DELETED.test(text.trim())) out.delete(p);
    else out.set(p, text);
  }
  return out;
}

/** What a scenario's expected.json holds. */
export interface Expected {
  readonly title: string;
  /** The date the rules see (waivers, deprecation periods). Default 2025-06-15. */
  readonly today?: string;
  /** Error and warning findings: rule id, level, file:line; `existing: true` when already at the base (debt). */
  readonly findings: readonly { id: string; level: string; at: string; existing?: true }[];
  /** Info findings (impact). Default none. */
  readonly notes?: readonly { id: string; at: string }[];
  /** The classified changes (kind level event[.property]), when the scenario is about classification. */
  readonly changes?: readonly string[];
  readonly bump?: string;
  /** What the gate says: pass (exit 0) or block (exit 1, an error introduced by the change). */
  readonly verdict?: 'pass' | 'block';
  /** Rules this compliant change exercises without a finding (the "passes" side of each rule). */
  readonly passes?: readonly string[];
  /** Substrings that must appear in a finding's message or fix, by rule id. */
  readonly says?: Readonly<Record<string, string>>;
}

export interface Scenario {
  readonly name: string;
  readonly dir: string;
  readonly expected: Expected;
  readonly base: LoadResult;
  readonly head: LoadResult;
  /** The head taxonomy's files (path relative to taxonomy/ → text). */
  readonly headFiles: ReadonlyMap<string, string>;
  /** Governs the change; with `files`, against that head instead (the fix test applies fixes to it). */
  run(files?: ReadonlyMap<string, string>): GovernanceReport & { readonly headDiagnostics: LoadResult['diagnostics'] };
}

/** Loads test/scenarios/<name>, or any folder of the same layout. */
export function loadScenario(name: string, dir = join(SCENARIOS, name)): Scenario {
  const template = readTree(join(SCENARIOS, '_template'));
  const baseFiles = overlay(template, join(dir, 'base'));
  const headFiles = overlay(baseFiles, join(dir, 'head'));
  const load = (m: Map<string, string>) => loadTaxonomyFromFiles([...m].map(([path, contents]) => ({ path, contents })), 'taxonomy');
  const base = load(baseFiles);
  const head = load(headFiles);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  const facts = existsSync(join(dir, 'facts.json'))
    ? JSON.parse(readFileSync(join(dir, 'facts.json'), 'utf8')) as { drift?: DriftedFile[]; generatorErrors?: { generator: string; message: string }[] }
    : {};
  return {
    name, dir, expected, base, head, headFiles,
    run(files) {
      const head = files ? load(new Map(files)) : this.head;
      if (!head.model) throw new Error(`${name}: the head taxonomy does not load: ${head.diagnostics.map((d) => d.message).join('; ')}`);
      const changesets: Changeset[] = [];
      const changesetErrors: RawFinding[] = [];
      for (const [file, text] of readTree(join(dir, 'changesets'))) {
        const r = parseChangeset(`.changeset/${file}`, text);
        if (r.changeset) changesets.push(r.changeset);
        changesetErrors.push(...r.errors);
      }
      const cfg = (base.model ?? head.model).governance?.app;
      const app = cfg ? scanApp({ root: dir, include: cfg.include, exclude: cfg.exclude, tracker: cfg.tracker, rawCalls: cfg.rawCalls, domains: cfg.domains }) : undefined;
      const report = govern(base.model, head.model, {
        today: expected.today ?? '2025-06-15', diagnostics: head.diagnostics, baseDiagnostics: base.diagnostics, changesets, changesetErrors, app, ...facts,
        ...(base.diagnostics.some((d) => d.severity === 'error') ? { baseErrors: base.diagnostics.filter((d) => d.severity === 'error') } : {}),
      });
      return { ...report, headDiagnostics: head.diagnostics };
    },
  };
}

export const scenarioNames = () => readdirSync(SCENARIOS).filter((n) => /^\d{2}-/.test(n)).sort();

/** The report in the shape of expected.json, for comparison. */
export function actual(r: GovernanceReport) {
  const at = (f: { location?: { file: string; line: number } }) => (f.location ? `${f.location.file}:${f.location.line}` : '');
  return {
    findings: r.findings.filter((f) => f.level !== 'info').map((f) => ({ id: f.id, level: f.level, at: at(f), ...(f.introduced ? {} : { existing: true as const }) })),
    notes: r.findings.filter((f) => f.level === 'info').map((f) => ({ id: f.id, at: at(f) })),
    changes: r.diff.changes.map((c) => `${c.kind} ${c.level} ${c.event ?? `metric:${c.metric}`}${c.property ? `.${c.property}` : ''}`),
    bump: r.diff.bump,
    verdict: r.counts.error > 0 ? 'block' as const : 'pass' as const,
  };
}
