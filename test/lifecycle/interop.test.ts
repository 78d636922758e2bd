// Per-property lifecycle survives an Iglu (JSON Schema) export and its import: `deprecated: true`
// with x-deprecation, x-stability and x-enum-members come back as the taxonomy's own fields.
import { describe, expect, it } from 'vitest';
import { loadTaxonomyFromFiles, type Property } from '@taxonomy/core';
import { exportIglu, importJsonSchemas } from '@taxonomy/interop';
import { loadLifecycle } from './load.js';

const model = loadLifecycle();
const lifecycleOf = (ps: readonly Property[]) => Object.fromEntries(ps.map((p) => [p.name, { stability: p.stability, deprecated: p.deprecated, enumMembers: p.enumMembers }]));

describe('lifecycle through export iglu → import jsonschema', () => {
  const registry = exportIglu(model, { vendor: 'com.example' });
  const imported = importJsonSchemas(registry.files.map((f) => ({ path: f.path, text: f.contents })), { domain: 'checkout', sourceName: 'iglu' });

  it('imports without unmapped items and loads', () => {
    expect(registry.errors).toEqual([]);
    expect(imported.report.unmapped).toEqual([]);
    expect(imported.yaml).toContain('deprecated: {renamed_to: customerId, since: 2026-03-01}');
    expect(imported.yaml).not.toContain('x-deprecated');
  });

  it('gives back the same stability, deprecation and enum members', () => {
    const r = loadTaxonomyFromFiles([
      { path: 'taxonomy.yaml', contents: 'name: lifecycle\nversion: 1.0.0\n' },
      { path: 'privacy.yaml', contents: 'classes:\n  internal: { description: I., sensitivity: 1 }\n' },
      { path: 'domains/checkout.yaml', contents: imported.yaml },
    ]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const before = model.events.find((e) => e.name === 'checkout_completed')!;
    const after = r.model!.events.find((e) => e.name === 'checkout_completed')!;
    expect(lifecycleOf(after.properties)).toEqual(lifecycleOf(before.properties));
  });
});
