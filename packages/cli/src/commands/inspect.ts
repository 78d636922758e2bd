import { parseSince, StoreError, type SqlReader } from '@taxonomy/collector';
import { coverage, type CoverageReport } from '../dashboard/coverage.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';
import { openStoreReader, STORE_FLAGS } from './read-store.js';

export const INSPECT_HELP = `Usage: taxonomy inspect [dir] [--since 7d] [--format human|json] [--unseen-days 7]
                        [--db events.sqlite | --postgres URL]

What real traffic sends against the plan, from the collector's store (the dashboard's live
inspection, for CI or cron): per event of the taxonomy its volume, quarantined events and
violation rate since --since, and when it was last seen; events never seen; unknown events
received; refused events per property; which source and library sent them. Read-only.

Options:
  --since <when>       the period counted: a duration back from now (7d, 24h) or an ISO date
                       (default 7d)
  --unseen-days <n>    an active event not seen for this many days fails the run (default 7)
  --format <f>         human (default) or json
  --db <file>          SQLite database file (default events.sqlite)
  --postgres <url>     the PostgreSQL database instead

Exit codes: 0 every active event seen within --unseen-days; 1 some were not (listed);
2 usage error or a missing store.`;

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

function human(r: CoverageReport): string {
  const lines = [`since ${r.since}: ${r.totals.stored} events stored, ${r.totals.quarantined} quarantined`];
  const w = Math.max(5, ...r.events.map((e) => e.event.length));
  lines.push('', `${'event'.padEnd(w)}  ${'volume'.padStart(8)}  ${'refused'.padStart(8)}  ${'violations'.padStart(10)}  last seen`);
  for (const e of r.events) lines.push(`${e.event.padEnd(w)}  ${String(e.volume).padStart(8)}  ${String(e.quarantined).padStart(8)}  ${pct(e.violationRate).padStart(10)}  ${e.lastSeen ?? 'never'}`);
  lines.push('', `never seen (${r.neverSeen.length}): ${r.neverSeen.join(', ') || 'none'}`);
  lines.push(`unknown events received (${r.unknown.length}): ${r.unknown.map((u) => `${u.event} ×${u.count}`).join(', ') || 'none'}`);
  if (r.properties.length) lines.push('refused, per property:', ...r.properties.slice(0, 30).map((p) => `  ${p.event} ${p.property}: ${p.count}`));
  if (r.libraries.length) lines.push('senders:', ...r.libraries.map((l) => `  ${l.source ?? '(no write key)'} ${l.library ?? '(no library)'}${l.version ? ` ${l.version}` : ''}: ${l.count}`));
  lines.push('', r.stale.length
    ? `✗ ${r.stale.length} active event(s) not seen for ${r.unseenDays} days or more: ${r.stale.join(', ')}`
    : `✓ every active event was seen within ${r.unseenDays} days`);
  return lines.join('\n') + '\n';
}

export const inspectCommand: Command = {
  name: 'inspect',
  help: INSPECT_HELP,
  async run(args, io: Io) {
    const { values, positionals } = parse(args, {
      since: { type: 'string', default: '7d' }, format: { type: 'string', default: 'human' }, 'unseen-days': { type: 'string', default: '7' },
      ...STORE_FLAGS,
    });
    if (values.help) { io.out(INSPECT_HELP + '\n'); return EXIT.ok; }
    const format = str(values.format);
    if (format !== 'human' && format !== 'json') throw new UsageError(`--format must be human or json; got '${format}'`);
    const unseenDays = Number(str(values['unseen-days']));
    if (!Number.isInteger(unseenDays) || unseenDays < 1) throw new UsageError(`--unseen-days must be a whole number of days ≥ 1; got '${str(values['unseen-days'])}'`);
    if (positionals.length > 1) throw new UsageError(`inspect takes one taxonomy folder; got ${positionals.length}`);
    if (values.db && values.postgres) throw new UsageError('give --db (SQLite) or --postgres, not both');
    const now = Date.now();
    let sinceMs: number;
    try { sinceMs = parseSince(str(values.since)!, now); } catch (e) { throw new UsageError(`--since: ${(e as Error).message}`); }
    let reader: SqlReader | undefined;
    try {
      const opened = await openStoreReader(io, values, positionals[0], true);
      reader = opened.reader;
      const s = opened.s;
      let report: CoverageReport;
      try {
        report = await coverage(reader, s.contract.sql, s.model!, { sinceMs, asOfMs: now, unseenDays });
      } catch (e) {
        throw new StoreError(`${reader.where} is not a store \`taxonomy serve\` wrote (${(e as Error).message}); pass --db <file> or --postgres <url>`, false);
      }
      io.out(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : human(report));
      return report.stale.length ? EXIT.findings : EXIT.ok;
    } catch (e) {
      if (e instanceof StoreError) throw new UsageError(e.message);
      throw e;
    } finally {
      await reader?.close();
    }
  },
};
