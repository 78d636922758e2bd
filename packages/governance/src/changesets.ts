import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { RawFinding } from './types.js';
import { BUMP_ORDER, type Bump } from './diff/types.js';

export type ReleaseBump = 'major' | 'minor' | 'patch';

/** One `.changeset/*.md` file: which package gets which bump, and the note for the changelog. */
export interface Changeset {
  /** Path relative to the repository root (.changeset/brave-dogs-sing.md). */
  readonly file: string;
  /** Each package's bump, with the line of the file it is on. */
  readonly releases: readonly { readonly name: string; readonly bump: ReleaseBump; readonly line: number }[];
  readonly summary: string;
}

const BUMPS = new Set(['major', 'minor', 'patch']);

/** Files of .changeset/ that are changesets (changesets itself skips the README). */
export const isChangesetFile = (name: string) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md';

/**
 * Reads a changeset: YAML front matter between `---` lines mapping package → bump,
 * then the summary. Never throws: problems come back as findings with a line.
 */
export function parseChangeset(file: string, text: string): { changeset?: Changeset; errors: RawFinding[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fail = (line: number, message: string, fix: string) => ({ errors: [{ message: `${file}: ${message}`, location: { file, line, column: 1 }, fix }] });
  const example = 'start the file with front matter, e.g.\n---\n"@acme/schemas": minor\n---\nWhat changed, for the changelog.';
  if (lines[0]?.trim() !== '---') return fail(1, 'a changeset starts with a --- line (YAML front matter)', example);
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return fail(1, 'the front matter is not closed by a --- line', example);
  const counter = new LineCounter();
  const doc = parseDocument(lines.slice(1, end).join('\n'), { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return fail(counter.linePos(e.pos[0]).line + 1, `the front matter is not valid YAML: ${e.message.split('\n')[0]}`, 'write one `"package-name": major|minor|patch` per line');
  }
  const releases: { name: string; bump: ReleaseBump; line: number }[] = [];
  const errors: RawFinding[] = [];
  if (doc.contents !== null && !isMap(doc.contents)) return fail(2, 'the front matter must map package names to bumps', 'write one `"package-name": major|minor|patch` per line');
  for (const item of isMap(doc.contents) ? doc.contents.items : []) {
    const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
    const value = isScalar(item.value) ? item.value.value : undefined;
    // linePos is 1-based inside the front matter; the opening --- is the file's line 1.
    const line = counter.linePos((item.key as unknown as { range?: number[] } | null)?.range?.[0] ?? 0).line + 1;
    if (typeof value !== 'string' || !BUMPS.has(value)) {
      errors.push({ message: `${file}: '${key}' has bump ${JSON.stringify(value ?? null)}; expected major, minor or patch`, location: { file, line, column: 1 }, fix: `write "${key}": major, minor or patch` });
      continue;
    }
    releases.push({ name: key, bump: value as ReleaseBump, line });
  }
  return { changeset: { file, releases, summary: lines.slice(end + 1).join('\n').trim() }, errors };
}

/** The largest bump each package gets across the changesets. */
export function bumpsByPackage(changesets: readonly Changeset[]): Map<string, ReleaseBump> {
  const out = new Map<string, ReleaseBump>();
  for (const c of changesets) for (const r of c.releases) {
    const cur = out.get(r.name);
    if (!cur || BUMP_ORDER[r.bump] > BUMP_ORDER[cur]) out.set(r.name, r.bump);
  }
  return out;
}

/** Whether `have` is at least `need`. */
export const bumpCovers = (have: Bump | undefined, need: Bump) => BUMP_ORDER[have ?? 'none'] >= BUMP_ORDER[need];

/** A ready-to-commit changeset giving `packages` the bump (for the fix text). */
export function changesetTemplate(packages: readonly string[], bump: ReleaseBump, note: string): string {
  return ['---', ...packages.map((p) => `"${p}": ${bump}`), '---', '', note, ''].join('\n');
}
