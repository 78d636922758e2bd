import type { Io } from './io.js';

/**
 * One `taxonomy <name>` command. Each lives in its own file under commands/ and is
 * listed once in commands/registry.ts; parsing, help and exit codes are its own.
 */
export interface Command {
  readonly name: string;
  /** Full help text for `taxonomy help <name>` and `--help`. */
  readonly help: string;
  /** Runs with the arguments after the command name; returns the exit code (see EXIT). */
  run(args: string[], io: Io): Promise<number> | number;
}
