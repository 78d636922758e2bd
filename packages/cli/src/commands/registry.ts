import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { docsCommand } from './docs.js';
import { generateCommand } from './generate.js';
import { governCommand } from './govern.js';
import { importCommand } from './import.js';
import { exportCommand } from './export.js';
import { serveCommand } from './serve.js';
import { retentionCommand } from './retention.js';
import { replayQuarantineCommand } from './replay-quarantine.js';
import { exportEventsCommand } from './export-events.js';

/** Every `taxonomy` command, in the order `taxonomy help` lists them. One line each. */
export const COMMANDS: readonly Command[] = [
  checkCommand,
  generateCommand,
  governCommand,
  docsCommand,
  importCommand,
  exportCommand,
  serveCommand,
  retentionCommand,
  replayQuarantineCommand,
  exportEventsCommand,
];
