// Runs one custom rule module in a worker thread, so a rule that loops can be stopped
// (the caller terminates the worker after the timeout) and a rule that throws cannot take
// the gate down. Posts the rules' metadata and what each returned for each job, unchecked:
// the caller validates everything it gets.
import { parentPort, workerData } from 'node:worker_threads';

interface Job { readonly base: unknown; readonly head: unknown; readonly facts: unknown }
const { url, jobs } = workerData as { url: string; jobs: readonly Job[] };

const firstLine = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n')[0]!;

async function main(): Promise<void> {
  let mod: Record<string, unknown>;
  try { mod = await import(url) as Record<string, unknown>; } catch (e) { parentPort!.postMessage({ error: `could not be imported: ${firstLine(e)}` }); return; }
  const exported = mod.default ?? mod.rules;
  const list = Array.isArray(exported) ? exported : [exported];
  const rules = [];
  for (const r of list as Record<string, unknown>[]) {
    const meta = r && typeof r === 'object' ? { id: r.id, defaultLevel: r.defaultLevel, summary: r.summary, details: r.details, compares: r.compares, hasCheck: typeof r.check === 'function' } : { hasCheck: false };
    const results = [];
    for (const job of jobs) {
      if (!meta.hasCheck) { results.push({ error: 'has no check function' }); continue; }
      try {
        const out = await (r.check as (b: unknown, h: unknown, f: unknown) => unknown)(job.base, job.head, job.facts);
        // Only data crosses back: functions, symbols and class instances would not survive the copy.
        results.push({ value: JSON.parse(JSON.stringify(out ?? null)) as unknown });
      } catch (e) { results.push({ error: `threw ${firstLine(e)}` }); }
    }
    rules.push({ meta, results });
  }
  parentPort!.postMessage({ rules });
}

void main();
