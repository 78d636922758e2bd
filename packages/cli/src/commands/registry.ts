import type { Command } from '../command.js';

/** A command as `taxonomy help` lists it; its code is imported only when it runs. */
export interface CommandEntry {
  readonly name: string;
  /** One line for `taxonomy help`. */
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/**
 * Every `taxonomy` command, in the order `taxonomy help` lists them. One line each.
 * Imports are lazy: `govern` pulls in ts-morph and TypeScript (about 0.5 s), which no
 * other command should pay for.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'init', summary: 'start a taxonomy repository: an example domain, workflows, package.json (--yes: no prompts)', load: async () => (await import('./init.js')).initCommand },
  { name: 'check', summary: 'validate the taxonomy (default dir: taxonomy/)', load: async () => (await import('./check.js')).checkCommand },
  { name: 'generate', summary: 'generate every artifact from the taxonomy (--check: fail on drift)', load: async () => (await import('./generate.js')).generateCommand },
  { name: 'govern', summary: 'gate a change: compare with a git ref and run the governance rules', load: async () => (await import('./govern.js')).governCommand },
  { name: 'docs', summary: 'fill generated sections of Markdown files (--update), build the HTML site (--site)', load: async () => (await import('./docs.js')).docsCommand },
  { name: 'import', summary: 'import a Segment/RudderStack plan, JSON Schemas (Iglu) or a Markdown doc into a domain file', load: async () => (await import('./import.js')).importCommand },
  { name: 'export', summary: 'export the taxonomy as a Segment/RudderStack tracking plan or an Iglu registry', load: async () => (await import('./export.js')).exportCommand },
  { name: 'serve', summary: "run the collector: validate and store the tracker's events (SQLite or PostgreSQL)", load: async () => (await import('./serve.js')).serveCommand },
  { name: 'retention', summary: "delete collected events past the taxonomy's retention period (dry run unless --apply)", load: async () => (await import('./retention.js')).retentionCommand },
  { name: 'replay-quarantine', summary: 'move quarantined events that the current validators accept into the events table', load: async () => (await import('./replay-quarantine.js')).replayQuarantineCommand },
  { name: 'export-events', summary: 'export the collected events as CSV or NDJSON (--since 30d)', load: async () => (await import('./export-events.js')).exportEventsCommand },
];
