#!/usr/bin/env node
import { main } from './index.js';
import { processIo } from './io.js';

main(process.argv.slice(2), processIo()).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    // Only a bug in the tool itself gets here: user mistakes are diagnostics.
    process.stderr.write(`taxonomy: internal error: ${(e as Error)?.stack ?? String(e)}\nPlease report this with the command you ran.\n`);
    process.exitCode = 3;
  },
);
