#!/usr/bin/env node
// The file npm links as `taxonomy`. It is in the source tree (not only in dist/) so that
// `npm ci` on a fresh clone links the bin before anything is built; the compiled CLI
// arrives with the build.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/bin.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write(
    'taxonomy: the CLI is not built yet (no packages/cli/dist/bin.js).\n' +
      "Run 'npm run build' (or 'npm run generate') at the repository root first.\n",
  );
  process.exitCode = 2;
}
