import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { formatDiagnostic, loadTaxonomyFromFiles } from '@taxonomy/core';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';
import { answers } from '../init/answers.js';
import { initFiles } from '../init/files.js';
import { refusal, writeScaffold } from '../init/write.js';

export const INIT_HELP = `Usage: taxonomy init [dir] [--name NAME] [--vendor com.acme] [--yes] [--force]

Starts a taxonomy repository in dir (default: the current folder): taxonomy/ with
one example domain (two events, a shared property, a metric), privacy classes,
destinations and categories; package.json depending on the tool's packages;
the pull-request workflows; a changesets config; a README.
On a terminal it asks for the name and vendor; flags answer for scripts.

Options:
  --name <name>       the taxonomy's name and the npm scope of its generated
                      packages (@name/tracker); default: from the folder's name
  --vendor <vendor>   reverse domain name for Iglu schemas; default: com.<name>
  -y, --yes           ask nothing: take the flags and the defaults
  --force             write into a folder that is not empty (never over a file,
                      never beside an existing taxonomy)

Exit codes: 0 created, 2 usage error or a folder that cannot take it (nothing
is written then).`;

/** The version range of the tool packages a new repository depends on: this CLI's own. */
function toolRange(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `^${pkg.version}`;
}

export const initCommand: Command = {
  name: 'init',
  help: INIT_HELP,
  async run(args, io: Io) {
    const { values, positionals } = parse(args, {
      name: { type: 'string' }, vendor: { type: 'string' }, yes: { type: 'boolean', short: 'y', default: false }, force: { type: 'boolean', default: false },
    });
    if (values.help) { io.out(INIT_HELP + '\n'); return EXIT.ok; }
    if (positionals.length > 1) throw new UsageError(`init takes one folder; got ${positionals.length}: ${positionals.join(' ')}`);
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    const shown = relative(io.cwd, dir) || '.';
    const force = !!values.force;
    // Refuse before asking anything: a folder that cannot take the scaffold wastes no answers.
    const early = refusal(dir, initFiles({ name: 'x', vendor: 'com.x', toolRange: '^0' }), force);
    if (early) throw new UsageError(early.replace(dir, shown));
    const ask = values.yes ? undefined : io.ask;
    const a = await answers({ dir, name: str(values.name), vendor: str(values.vendor), ...(ask ? { ask } : {}), warn: (t) => io.err(t) });
    const files = initFiles({ ...a, toolRange: toolRange() });
    const why = refusal(dir, files, force);
    if (why) throw new UsageError(why.replace(dir, shown));
    selfCheck(files);
    writeScaffold(dir, files);
    io.out(`✓ created the ${a.name} taxonomy in ${shown} (${files.length} files, vendor ${a.vendor})

Next:
${shown === '.' ? '' : `  cd ${shown}\n`}  npm install
  npx --no-install taxonomy generate     # packages/, dbt/ and docs/catalog/ from taxonomy/
  git init && git add -A && git commit -m "taxonomy: start"
`);
    return EXIT.ok;
  },
};

/** The scaffold must load with no finding: a failure here is a bug of init, never the user's. */
function selfCheck(files: readonly { path: string; contents: string }[]): void {
  const tax = files.filter((f) => f.path.startsWith('taxonomy/')).map((f) => ({ path: f.path.slice('taxonomy/'.length), contents: f.contents }));
  const r = loadTaxonomyFromFiles(tax);
  const bad = r.diagnostics.filter((d) => d.severity === 'error');
  if (bad.length) throw new Error(`init's own taxonomy does not load: ${bad.map((d) => formatDiagnostic(d)).join("; ")}`);
}
