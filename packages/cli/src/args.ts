import { parseArgs } from 'node:util';
import { UsageError } from './io.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean; multiple?: boolean }>;
/** The parsed flags, loosely typed: each command checks and narrows its own. */
export type Parsed = { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };

/** parseArgs with `--help`, positionals, and usage errors instead of exceptions. */
export function parse(args: string[], options: OptionSpec): Parsed {
  try {
    return parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true }) as Parsed;
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
