import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { formatDiagnostic, loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { loadContract, type Contract } from './contract.js';
import { openStore, type OpenedStore, type StoreSpec } from './open.js';

/** What the `taxonomy serve|retention|export-events|replay-quarantine` commands are given. */
export interface SetupOptions extends StoreSpec {
  readonly cwd: string;
  /** The taxonomy folder (default taxonomy/): where the generated packages are found, and the retention period. */
  readonly dir?: string;
  /** The generated validators package (a folder or package name); default: the validators generator's output folder. */
  readonly validators?: string;
  /** The generated SQL package; default: the sql generator's output folder. */
  readonly sql?: string;
  /** The SQLite file must exist already (export, retention, replay: a missing file is a wrong path, not an empty store). */
  readonly mustExist?: boolean;
}

export interface Setup {
  readonly contract: Contract;
  readonly opened: OpenedStore;
  /** Undefined when both packages were given and the taxonomy was not read. */
  readonly model?: TaxonomyModel;
  /** Where the packages were loaded from (relative to cwd when inside it). */
  readonly from: { readonly validators: string; readonly sql: string };
}

/** A mistake in what the command was given (no taxonomy, packages not generated): a message, never a stack. */
export class SetupError extends Error {}

/** Reads the taxonomy (unless both packages are given), loads the generated packages, opens (not initialises) the store. */
export async function setup(o: SetupOptions, needModel = false): Promise<Setup> {
  if (o.mustExist && !o.postgres && !existsSync(resolve(o.cwd, o.sqlite ?? 'events.sqlite'))) {
    throw new SetupError(`no database at ${o.sqlite ?? 'events.sqlite'}; pass --db <file> (the one \`taxonomy serve\` writes) or --postgres <url>`);
  }
  let model: TaxonomyModel | undefined;
  const dir = resolve(o.cwd, o.dir ?? 'taxonomy');
  if (needModel || !o.validators || !o.sql) {
    const r = loadTaxonomy(dir, { cwd: o.cwd });
    if (!r.model || r.failed) {
      const errors = r.diagnostics.filter((d) => d.severity === 'error').slice(0, 10).map(formatDiagnostic).join('\n');
      throw new SetupError(`cannot read the taxonomy in ${relative(o.cwd, dir) || '.'}:\n${errors}\nfix it (taxonomy check), or pass --validators and --sql`);
    }
    model = r.model;
  }
  const root = dirname(dir);
  const out = (name: string, fallback: string) => join(root, model?.generators[name]?.out ?? fallback);
  const validators = o.validators ?? out('validators', 'packages/validators');
  const sql = o.sql ?? out('sql', 'packages/sql');
  let contract: Contract;
  try {
    contract = await loadContract({ validators, sql }, o.cwd);
  } catch (e) {
    throw new SetupError((e as Error).message);
  }
  const rel = (p: string) => (p.startsWith(o.cwd) ? relative(o.cwd, p) || '.' : p);
  return { contract, opened: openStore({ ...o, sqlite: resolve(o.cwd, o.sqlite ?? 'events.sqlite') }, contract.sql), model, from: { validators: rel(validators), sql: rel(sql) } };
}
