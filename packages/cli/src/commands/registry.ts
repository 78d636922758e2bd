import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { generateCommand } from './generate.js';

/** Every `taxonomy` command, in the order `taxonomy help` lists them. One line each. */
export const COMMANDS: readonly Command[] = [
  checkCommand,
  generateCommand,
];
