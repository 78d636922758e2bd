import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { CHECK_HELP, runCheck } from './commands/check.js';
import { GENERATE_HELP, runGenerate } from './commands/generate.js';
import { EXIT, processIo, UsageError, type Io } from './io.js';
import { didYouMean } from '@taxonomy/core';

const suggestion = (s: string, c: string[]) => { const m = didYouMean(s, c); return m ? ` (did you mean '${m}'?)` : ''; };

export { runCheck } from './commands/check.js';
export { runGenerate, MANIFEST } from './commands/generate.js';
export { GENERATORS } from './generators.js';
export type { Io } from './io.js';

const HELP = `taxonomy: analytics taxonomy as code

Usage: taxonomy <command> [options]

Commands:
  check [dir]       validate the taxonomy (default dir: taxonomy/)
  generate [dir]    generate every artifact from the taxonomy (--check: fail on drift)
  help [command]    show help for a command

Options:
  -h, --help        show help
  -v, --version     print the version

Exit codes: 0 ok, 1 findings or drift, 2 usage or I/O error.
Docs: README.md; the format: packages/core/schema/taxonomy.schema.json`;

const COMMAND_HELP: Record<string, string> = { check: CHECK_HELP, generate: GENERATE_HELP };

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean; multiple?: boolean }>;
/** The parsed flags, loosely typed: each command checks and narrows its own. */
type Parsed = { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };

function parse(args: string[], options: OptionSpec): Parsed {
  try {
    return parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true }) as Parsed;
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '-h':
      case '--help': {
        const topic = rest[0];
        io.out((topic && COMMAND_HELP[topic]) || HELP);
        io.out('\n');
        return topic && !COMMAND_HELP[topic] ? EXIT.usage : EXIT.ok;
      }
      case '-v':
      case '--version':
        io.out(version() + '\n');
        return EXIT.ok;
      case 'check': {
        const { values, positionals } = parse(rest, { format: { type: 'string', default: 'human' }, strict: { type: 'boolean', default: false } });
        if (values.help) { io.out(CHECK_HELP + '\n'); return EXIT.ok; }
        if (values.format !== 'human' && values.format !== 'json') throw new UsageError(`--format must be human or json; got '${String(values.format)}'`);
        if (positionals.length > 1) throw new UsageError(`check takes one folder; got ${positionals.length}`);
        return runCheck({ dir: positionals[0] ?? 'taxonomy', format: values.format, strict: !!values.strict }, io);
      }
      case 'generate': {
        const { values, positionals } = parse(rest, { check: { type: 'boolean' }, only: { type: 'string' }, force: { type: 'boolean' }, list: { type: 'boolean' } });
        if (values.help) { io.out(GENERATE_HELP + '\n'); return EXIT.ok; }
        if (positionals.length > 1) throw new UsageError(`generate takes one folder; got ${positionals.length}`);
        const only = typeof values.only === 'string' ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
        return await runGenerate({ dir: positionals[0] ?? 'taxonomy', check: !!values.check, only, force: !!values.force, list: !!values.list }, io);
      }
      default:
        throw new UsageError(`unknown command '${command}'${suggestion(command, Object.keys(COMMAND_HELP))}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`taxonomy: ${e.message}\nRun 'taxonomy help' for usage.\n`);
      return EXIT.usage;
    }
    throw e;
  }
}
