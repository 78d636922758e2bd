import { createWriteStream, type WriteStream } from 'node:fs';
import { exportEvents, exportPreset, parseSince, type ExportFormat, type ExportPreset } from '@taxonomy/collector';
import { withStore } from './store-session.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';

export const EXPORT_EVENTS_HELP = `Usage: taxonomy export-events [dir] [--format csv|ndjson] [--since 30d] [--until DATE]
                              [--event name,…] [--preset domain] [--out file] [--db events.sqlite | --postgres URL]

Writes the events the collector stored (seed 004's raw export), oldest first:
CSV with a header (properties, person, context, dimensions as JSON text) or NDJSON
(one JSON object a line). Instants are ISO 8601 UTC.

Options:
  --format <f>        csv (default) or ndjson
  --since <when>      events that occurred at or after: a duration back from now
                      (30d, 12h, 90m, 2w) or an ISO date (2026-01-31); default: all
  --until <when>      events that occurred before this (same forms)
  --event <names>     only these events (comma-separated)
  --preset <domain>   the columns of the table that domain's team already reads (its
                      x-compat-view, e.g. slackbot: id, bot_id, event_type, channel_id,
                      user_id, thread_ts, message_ts, metadata, tokens_used, created_at),
                      that domain's events only; id numbers the exported rows from 1,
                      created_at is UTC 'YYYY-MM-DD HH:MM:SS', objects are JSON text
  --out <file>        write to a file (default: standard output)
  --db <file>         SQLite database file (default events.sqlite)
  --postgres <url>    the PostgreSQL database instead
  --validators, --sql the generated packages (default: their output folders)

Exit codes: 0 ok, 2 usage or storage error.`;

const when = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  try { return parseSince(v); } catch (e) { throw new UsageError(`--${flag}: ${(e as Error).message}`); }
};

export const exportEventsCommand: Command = {
  name: 'export-events',
  help: EXPORT_EVENTS_HELP,
  async run(args, io: Io) {
    const { values, positionals } = parse(args, {
      format: { type: 'string', default: 'csv' }, since: { type: 'string' }, until: { type: 'string' }, event: { type: 'string' }, out: { type: 'string' }, preset: { type: 'string' },
      db: { type: 'string' }, postgres: { type: 'string' }, validators: { type: 'string' }, sql: { type: 'string' },
    });
    if (values.help) { io.out(EXPORT_EVENTS_HELP + '\n'); return EXIT.ok; }
    const format = str(values.format);
    const sinceMs = when(str(values.since), 'since'), untilMs = when(str(values.until), 'until');
    const events = str(values.event)?.split(',').map((s) => s.trim()).filter(Boolean);
    const presetName = str(values.preset);
    return withStore('export-events', { values, positionals }, io, async (s) => {
      let file: WriteStream | undefined;
      let preset: ExportPreset | undefined;
      if (presetName !== undefined) {
        try { preset = exportPreset(s.model!, presetName); } catch (e) { throw new UsageError(`--preset: ${(e as Error).message}`); }
      }
      try {
        const out = str(values.out);
        if (out) {
          const stream = createWriteStream(out);
          file = stream;
          await new Promise<void>((resolve, reject) => { stream.once('open', () => resolve()); stream.once('error', (e) => reject(new UsageError(`--out ${out}: ${e.message}`))); });
        }
        const n = await exportEvents(s.opened.store, format as ExportFormat, { sinceMs, untilMs, events }, (chunk) => {
          if (!file) { io.out(chunk); return; }
          if (!file.write(chunk)) return new Promise<void>((r) => file!.once('drain', () => r()));
        }, preset);
        if (file) {
          await new Promise<void>((resolve, reject) => file!.end((e?: Error | null) => (e ? reject(e) : resolve())));
          io.err(`wrote ${n} event${n === 1 ? '' : 's'} to ${out}\n`);
        }
        return EXIT.ok;
      } finally {
        file?.destroy();
      }
    }, { needModel: presetName !== undefined, validate: () => { if (format !== 'csv' && format !== 'ndjson') throw new UsageError(`--format must be csv or ndjson; got '${format}'`); } });
  },
};
