import type { DriftedFile, RawFinding } from '../types.js';

const STATUS = { missing: 'not committed', differs: 'out of date', stale: 'no longer generated' } as const;
const MAX_NAMED = 12;

/**
 * One finding per generator: the files that differ, named (the first dozen, then a
 * count), located at the first file so the annotation lands somewhere useful.
 */
export function driftFindings(drift: readonly DriftedFile[], what: string, fix: string): RawFinding[] {
  const byGen = new Map<string, DriftedFile[]>();
  for (const d of drift) byGen.set(d.generator, [...(byGen.get(d.generator) ?? []), d]);
  return [...byGen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([gen, files]) => {
    const named = files.slice(0, MAX_NAMED).map((f) => `${f.file} (${STATUS[f.status]})`).join(', ');
    const more = files.length > MAX_NAMED ? ` and ${files.length - MAX_NAMED} more` : '';
    return {
      message: `${files.length} ${what} file${files.length === 1 ? '' : 's'} of generator ${gen} differ${files.length === 1 ? 's' : ''} from a fresh generate: ${named}${more}`,
      location: { file: files[0]!.file, line: 1, column: 1 },
      fix,
    };
  });
}
