import { replayQuarantine } from '@taxonomy/collector';
import { withStore } from './store-session.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';

export const REPLAY_HELP = `Usage: taxonomy replay-quarantine [dir] [--dry-run] [--db events.sqlite | --postgres URL]

Re-validates every quarantined event with the current generated validators (after
the taxonomy was fixed and \`taxonomy generate\` run). The ones that are valid now
are stored in the events table (same id, same received time; an id already stored
is not stored twice) and leave quarantine; the others stay, with the current errors.

Options:
  --dry-run           count only, change nothing
  --db <file>         SQLite database file (default events.sqlite)
  --postgres <url>    the PostgreSQL database instead
  --json              print the result as JSON
  --validators, --sql the generated packages (default: their output folders)

Exit codes: 0 ok (even when some events are still invalid), 2 usage or storage error.`;

export const replayQuarantineCommand: Command = {
  name: 'replay-quarantine',
  help: REPLAY_HELP,
  async run(args, io: Io) {
    const { values, positionals } = parse(args, {
      'dry-run': { type: 'boolean', default: false }, db: { type: 'string' }, postgres: { type: 'string' },
      json: { type: 'boolean', default: false }, validators: { type: 'string' }, sql: { type: 'string' },
    });
    if (values.help) { io.out(REPLAY_HELP + '\n'); return EXIT.ok; }
    return withStore('replay-quarantine', { values, positionals }, io, async (s) => {
      const r = await replayQuarantine(s.opened.store, s.contract, { dryRun: !!values['dry-run'] });
      if (values.json) io.out(JSON.stringify(r, null, 2) + '\n');
      else io.out(`${r.dryRun ? 'dry run: ' : ''}${r.examined} quarantined event${r.examined === 1 ? '' : 's'} re-validated: ${r.moved} ${r.dryRun ? 'would move' : 'moved'} to the events table, ${r.stillInvalid} still invalid${r.dryRun ? '' : ' (their errors updated)'}\n`);
      return EXIT.ok;
    });
  },
};
