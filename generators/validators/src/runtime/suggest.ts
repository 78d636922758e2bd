// "Did you mean": the closest candidate by edit distance, if it is close enough to be a typo.

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate nearest to `input` (case-insensitive), or undefined when none is a likely typo. */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  if (input.length > 200) return undefined;
  const needle = input.toLowerCase();
  const max = Math.max(2, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = distance(needle, c.toLowerCase(), Math.min(max, bestD));
    if (d < bestD || (d === bestD && best !== undefined && c < best)) { best = c; bestD = d; }
  }
  return bestD <= max ? best : undefined;
}
