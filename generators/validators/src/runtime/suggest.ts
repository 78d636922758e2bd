// "Did you mean": the closest candidate by edit distance, if it is close enough to be a typo.
import { levenshtein } from '@taxonomy/core/levenshtein';

/** The candidate nearest to `input` (case-insensitive), or undefined when none is a likely typo. */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  if (input.length > 200) return undefined;
  const needle = input.toLowerCase();
  const max = Math.max(2, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = levenshtein(needle, c.toLowerCase(), Math.min(max, bestD));
    if (d < bestD || (d === bestD && best !== undefined && c < best)) { best = c; bestD = d; }
  }
  return bestD <= max ? best : undefined;
}
