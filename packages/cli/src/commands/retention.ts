import { retention } from '@taxonomy/collector';
import { withStore } from './store-session.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';

export const RETENTION_HELP = `Usage: taxonomy retention [dir] [--apply] [--days N] [--db events.sqlite | --postgres URL]

Deletes what the collector stored past the retention period (taxonomy.yaml
retention.days; seed 004: 180 days): events by when they occurred, with their
envelope rows, and quarantined events by when they were received.
A dry run by default: it only counts. --apply deletes, in one transaction.
With retention.probability in taxonomy.yaml (seed 004: 0.01), \`taxonomy serve\` also
deletes after writes, with that chance per stored event (as the seed's store does).

Options:
  --apply             delete (default: count only)
  --days <n>          override the taxonomy's period
  --db <file>         SQLite database file (default events.sqlite)
  --postgres <url>    the PostgreSQL database instead
  --json              print the result as JSON
  --validators, --sql the generated packages (default: their output folders)

Exit codes: 0 ok, 2 usage, no retention period, or storage error.`;

export const retentionCommand: Command = {
  name: 'retention',
  help: RETENTION_HELP,
  run(args, io: Io) {
    const { values, positionals } = parse(args, {
      apply: { type: 'boolean', default: false }, days: { type: 'string' }, db: { type: 'string' }, postgres: { type: 'string' },
      json: { type: 'boolean', default: false }, validators: { type: 'string' }, sql: { type: 'string' },
    });
    if (values.help) { io.out(RETENTION_HELP + '\n'); return EXIT.ok; }
    const daysArg = str(values.days);
    return withStore('retention', { values, positionals }, io, async (s) => {
      const days = daysArg !== undefined ? Number(daysArg) : s.model?.retentionDays;
      if (!days) throw new UsageError('the taxonomy sets no retention period (taxonomy.yaml retention: { days: N }); add one, or pass --days');
      const r = await retention(s.opened.store, { days, apply: !!values.apply });
      if (values.json) io.out(JSON.stringify(r, null, 2) + '\n');
      else {
        const what = `${r.events} event${r.events === 1 ? '' : 's'} and ${r.quarantine} quarantined event${r.quarantine === 1 ? '' : 's'} older than ${r.days} days (before ${r.cutoff})`;
        io.out(r.applied ? `deleted ${what} from ${s.opened.store.where}\n` : `dry run: would delete ${what} from ${s.opened.store.where}; run with --apply to delete\n`);
      }
      return EXIT.ok;
    }, {
      needModel: daysArg === undefined,
      validate: () => { if (daysArg !== undefined && !/^[1-9]\d*$/.test(daysArg)) throw new UsageError(`--days must be a whole number of days ≥ 1; got '${daysArg}'`); },
    });
  },
};
