import parse from '@changesets/parse';
import type { RawFinding } from './types.js';
import { BUMP_ORDER, type Bump } from './diff/types.js';

export type ReleaseBump = 'major' | 'minor' | 'patch' | 'none';

/** One `.changeset/*.md` file: which package gets which bump, and the note for the changelog. */
export interface Changeset {
  /** Path relative to the repository root (.changeset/brave-dogs-sing.md). */
  readonly file: string;
  /** Each package's bump, with the line of the file it is on. */
  readonly releases: readonly { readonly name: string; readonly bump: ReleaseBump; readonly line: number }[];
  readonly summary: string;
}

/** Files of .changeset/ that are changesets (changesets itself skips the README). */
export const isChangesetFile = (name: string) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md';

/** The line of the front matter naming `name` as a key (1-based in the file), else the first line after `---`. */
function lineOf(lines: readonly string[], name: string): number {
  const quoted = [name, JSON.stringify(name), `'${name.replace(/'/g, "''")}'`];
  const i = lines.findIndex((l) => quoted.some((q) => l.trimStart().startsWith(`${q}:`)));
  return i >= 0 ? i + 1 : 2;
}

/** Where @changesets/parse's error points: js-yaml's (line:column) inside the front matter, or a package's line. */
function errorLine(message: string, lines: readonly string[], start: number): number {
  const yaml = /\((\d+):\d+\)/.exec(message);
  if (yaml) return start + Number(yaml[1]);
  const pkg = /for package "((?:[^"\\]|\\.)*)"/.exec(message);
  return pkg ? lineOf(lines, JSON.parse(`"${pkg[1]}"`) as string) : start + 1;
}

/**
 * Reads a changeset with @changesets/parse, so a file is accepted exactly when
 * `changeset version` accepts it. Never throws: a file it refuses comes back as one finding,
 * with its message and the line it points at.
 */
export function parseChangeset(file: string, text: string): { changeset?: Changeset; errors: RawFinding[] } {
  const lines = text.split(/\r?\n/);
  // The line of the opening `---` (0-based): js-yaml counts the front matter's lines from it.
  const start = Math.max(0, lines.findIndex((l) => l.trim() === '---'));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text);
  } catch (e) {
    const message = (e as Error).message.split('\n');
    const detail = message.find((l, i) => i > 0 && /YAML error|Expected a |Valid version types/.test(l));
    return {
      errors: [{
        message: `${file}: ${message[0]!.replace(/^could not parse changeset - /, '')}${detail ? ` (${detail.trim()})` : ''}`,
        location: { file, line: errorLine(message.join('\n'), lines, start), column: 1 },
        fix: 'write the front matter as changesets reads it, e.g.\n---\n"@acme/schemas": minor\n---\nWhat changed, for the changelog.',
      }],
    };
  }
  const releases = parsed.releases.map((r) => ({ name: r.name, bump: r.type as ReleaseBump, line: lineOf(lines, r.name) }));
  return { changeset: { file, releases, summary: parsed.summary }, errors: [] };
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
