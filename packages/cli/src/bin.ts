#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { main } from './index.js';
import { processIo } from './io.js';
import { relaunch, shouldRelaunch } from './relaunch.js';

const args = process.argv.slice(2);
const io = processIo();
const script = fileURLToPath(import.meta.url);

main(args, shouldRelaunch(process.execArgv, process.env) ? { ...io, relaunch: () => relaunch(script, args) } : io).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    // Only a bug in the tool itself gets here: user mistakes are diagnostics.
    process.stderr.write(`taxonomy: internal error: ${(e as Error)?.stack ?? String(e)}\nPlease report this with the command you ran.\n`);
    process.exitCode = 3;
  },
);
