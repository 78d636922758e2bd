import { join } from 'node:path';
import { loadTaxonomy, loadTaxonomyFromFiles, type TaxonomyModel } from '@taxonomy/core';

export const repo = join(import.meta.dirname, '../../..');

/** The seed taxonomy's model. */
export const seed = (): TaxonomyModel => loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;

const PRIVACY = `classes:
  internal: { description: Ours., sensitivity: 1, allowed_in_events: true }
  content: { description: Authored text., sensitivity: 5, allowed_in_events: true, content_gated: true }
  secret: { description: Keys., sensitivity: 10, allowed_in_events: false, redact: true }
sensitive_keys: [token]
`;
const DESTINATIONS = `destinations:
  warehouse: { kind: warehouse, description: Our store. }
  metrics: { kind: metrics, description: Counters. }
`;

/** A small taxonomy from in-memory YAML; throws with the diagnostics when it does not load. */
export function modelOf(domains: Record<string, string>, root = 'name: t\nversion: 1.0.0\ndefault_destinations: [warehouse]\n'): TaxonomyModel {
  const files = [
    { path: 'taxonomy.yaml', contents: root },
    { path: 'privacy.yaml', contents: PRIVACY },
    { path: 'destinations.yaml', contents: DESTINATIONS },
    ...Object.entries(domains).map(([name, text]) => ({ path: `domains/${name}.yaml`, contents: text })),
  ];
  const r = loadTaxonomyFromFiles(files);
  if (!r.model || r.failed) throw new Error(r.diagnostics.map((d) => `${d.location?.file}:${d.location?.line} ${d.message}`).join('\n'));
  return r.model;
}

/** A deep, mutable copy of a model, to forge names the loader would refuse. */
export const mutable = <T>(m: T): T => structuredClone(m) as T;
