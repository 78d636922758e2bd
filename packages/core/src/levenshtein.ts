// The one edit distance of the project: "did you mean" in the loader's diagnostics, the CLI
// and governance (didYouMean in diagnostics.ts), and in the generated validators' errors,
// whose bundled runtime imports this file alone (`@taxonomy/core/levenshtein`): it must stay
// free of imports.

/** Levenshtein distance of `a` and `b`, giving up (returning max + 1) once it must exceed `max`. */
export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
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
