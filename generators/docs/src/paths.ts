import type { TaxonomyModel } from '@taxonomy/core';

/**
 * File names of the pages. Event names may start with `$` and differ only in case
 * (`MODAL_SUBMITTED`); pages are lower-case so that a checkout on a case-insensitive
 * file system still holds one file per event, and collisions get a numbered suffix
 * in name order, which keeps the names stable while the taxonomy does not change.
 */
export interface PageNames {
  event(name: string): string;
  metric(name: string): string;
}

/** A file-name-safe, lower-case form of a name. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/^\$/, '_').replace(/[^a-z0-9._-]/g, '-');
}

function unique(names: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const n of [...names].sort()) {
    const base = slug(n);
    let s = base;
    for (let i = 2; taken.has(s); i++) s = `${base}-${i}`;
    taken.add(s);
    out.set(n, s);
  }
  return out;
}

export function pageNames(model: TaxonomyModel): PageNames {
  const events = unique(model.events.map((e) => e.name));
  const metrics = unique(model.metrics.map((m) => m.name));
  return {
    event: (n) => events.get(n) ?? slug(n),
    metric: (n) => metrics.get(n) ?? slug(n),
  };
}

/**
 * Where a file sits relative to the taxonomy folder (`domains/workbench.yaml`). The
 * model's paths are relative to the working directory of the run; the docs must not
 * change with it. The taxonomy folder (the one holding taxonomy.yaml) is a prefix
 * unless the run started inside that folder; then the layout (domains/, metrics/, …)
 * gives the best guess.
 */
export function taxonomyRelative(model: TaxonomyModel, file: string): string {
  let root = roots.get(model);
  if (root === undefined) roots.set(model, (root = { file: model.files.filter((f) => /(^|\/)taxonomy\.ya?ml$/.test(f)).sort((a, b) => a.length - b.length)[0] }));
  return relativeTo(root.file, file);
}

// Every event and metric page asks; the model is frozen, so its root file is looked up once.
const roots = new WeakMap<TaxonomyModel, { readonly file: string | undefined }>();

function relativeTo(root: string | undefined, file: string): string {
  const prefix = root?.replace(/taxonomy\.ya?ml$/, '') ?? '';
  if (root && file.startsWith(prefix)) return file.slice(prefix.length);
  const parts = file.split('/');
  const dir = parts[parts.length - 2];
  return dir && LAYOUT_FOLDERS.has(dir) ? `${dir}/${parts[parts.length - 1]}` : parts[parts.length - 1]!;
}

const LAYOUT_FOLDERS = new Set(['domains', 'metrics', 'categories', 'properties']);
