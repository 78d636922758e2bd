import { readFileSync } from 'node:fs';
import { didYouMean } from '@taxonomy/core';
import { COMMANDS } from './commands/registry.js';
import { EXIT, processIo, UsageError, type Io } from './io.js';

export { runCheck } from './commands/check.js';
export { runGenerate, manifestName, resolveOptions } from './commands/generate.js';
export { loadGenerators } from './generators.js';
export { startServe, type ServeOptions } from './commands/serve.js';
export { EXIT, UsageError, statusLine, type Io, type StatusStream } from './io.js';
export type { Command } from './command.js';
export { COMMANDS, type CommandEntry } from './commands/registry.js';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `taxonomy: analytics taxonomy as code

Usage: taxonomy <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}
  ${'help'.padEnd(width)}show help for a command (taxonomy help <command>)

Options:
  -h, --help   show help
  -v, --version  print the version

Exit codes: 0 ok, 1 findings or drift, 2 usage or I/O error.
The format: packages/core/schema/taxonomy.schema.json; docs: README.md`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '-h' || name === '--help') {
      const topic = rest[0];
      const entry = COMMANDS.find((c) => c.name === topic);
      if (topic && !entry) throw new UsageError(`no command '${topic}'`);
      io.out((entry ? (await entry.load()).help : help()) + '\n');
      return EXIT.ok;
    }
    if (name === '-v' || name === '--version') {
      io.out(version() + '\n');
      return EXIT.ok;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry) {
      const m = didYouMean(name, COMMANDS.map((c) => c.name));
      throw new UsageError(`unknown command '${name}'${m ? ` (did you mean '${m}'?)` : ''}`);
    }
    return await (await entry.load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`taxonomy: ${e.message}\nRun 'taxonomy help' for usage.\n`);
      return EXIT.usage;
    }
    throw e;
  }
}
