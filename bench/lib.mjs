// Small helpers shared by the benchmarks: medians of repeated runs, printed as ratios.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs fn `runs` times (after `warmup` runs) and returns the median duration in ms. */
export async function timeMs(fn, { runs = 7, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

/** Prints rows of { name, value, unit, baseline? } with ratios against the baseline row. */
export function report(title, rows, baselineName) {
  const base = rows.find((r) => r.name === baselineName);
  console.log(`\n${title}`);
  for (const r of rows) {
    const ratio = base && r !== base ? `  ${(r.value / base.value).toFixed(2)}x ${r.higherIsBetter === false ? 'the time of' : 'of'} ${base.name}` : r === base ? '  (baseline)' : '';
    console.log(`  ${r.name.padEnd(44)} ${fmt(r.value).padStart(14)} ${r.unit}${ratio}`);
  }
}

const fmt = (v) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(3));

/** Saves results as JSON under bench/results/ (median figures and ratios). */
export function save(name, data) {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}${name}.json`, JSON.stringify(data, null, 2) + '\n');
}
