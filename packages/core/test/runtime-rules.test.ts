// Seed 003's runtime rules as taxonomy data: normalize:, overflow:, json_value_max_length: on a
// property and distinct_id: on an event. The resolver keeps them in the model and refuses the
// ones a runtime could not apply, with a location.
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { CATEGORIES, writeTaxonomy } from './helpers.js';

function load(event: string, properties = '') {
  const dir = writeTaxonomy({
    'taxonomy.yaml': 'name: t\nversion: 1.0.0\n', 'categories.yaml': CATEGORIES,
    'domains/a.yaml': `domain: a\nproperties:\n  environment:\n    type: string\n    enum: [production, staging, dev]\n${properties}events:\n  e:\n    category: core_loop\n${event}`,
  });
  return loadTaxonomy(dir);
}

const GOOD = `    distinct_id: [{ property: user_id }, { property: workspace_id, prefix: "workspace:" }]
    properties:
      environment: { ref: environment, required: true }
      user_id: { type: string }
      workspace_id: { type: string }
      signup_source: { type: string, maxLength: 512, overflow: empty, json_value_max_length: 96 }
`;
const NORMALIZE = '    normalize: { aliases: { production: [prod, PRD] }, fallback: dev }\n';

describe('seed 003 runtime rules in the taxonomy', () => {
  it('keeps normalize, overflow, json_value_max_length and distinct_id in the model (a ref inherits normalize)', () => {
    const r = load(GOOD, NORMALIZE);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const e = r.model!.events.find((x) => x.name === 'e')!;
    expect(e.distinctId).toEqual([{ property: 'user_id' }, { property: 'workspace_id', prefix: 'workspace:' }]);
    const env = e.properties.find((p) => p.name === 'environment')!;
    expect(env.normalize).toEqual({ aliases: { production: ['prod', 'PRD'] }, fallback: 'dev' });
    const src = e.properties.find((p) => p.name === 'signup_source')!;
    expect([src.overflow, src.jsonValueMaxLength, src.maxLength]).toEqual(['empty', 96, 512]);
  });

  it.each([
    ['an alias target outside the enum', '    properties: { environment: { ref: environment } }\n', '    normalize: { aliases: { prodution: [prod] } }\n', 'property/normalize-unknown-value', /'prodution' of 'environment' is not one of production, staging, dev/],
    ['a fallback outside the enum', '    properties: { environment: { ref: environment } }\n', '    normalize: { fallback: qa }\n', 'property/normalize-unknown-value', /fallback 'qa'/],
    ['normalize on a string without an enum', '    properties: { x: { type: string, normalize: { fallback: a } } }\n', '', 'property/normalize-needs-enum', /needs a string property with an enum/],
    ['overflow without maxLength', '    properties: { s: { type: string, overflow: empty } }\n', '', 'property/overflow-needs-max-length', /overflow: of 's' needs a string property with maxLength/],
    ['json_value_max_length on a number', '    properties: { n: { type: integer, json_value_max_length: 5 } }\n', '', 'property/json-value-max-length-not-string', /applies to strings/],
    ['distinct_id naming a property the event lacks', '    distinct_id: [{ property: usr_id }]\n    properties: { user_id: { type: string } }\n', '', 'event/distinct-id-unknown-property', /names 'usr_id', which is not a property of the event/],
    ['distinct_id naming a number', '    distinct_id: [{ property: n }]\n    properties: { n: { type: integer } }\n', '', 'event/distinct-id-not-string', /which is integer, not a string/],
    ['an unknown overflow policy', '    properties: { s: { type: string, maxLength: 3, overflow: truncate } }\n', '', 'schema/', /overflow/],
  ])('refuses %s, with a location', (_name, event, properties, code, message) => {
    const r = load(event, properties);
    const d = r.diagnostics.find((x) => x.code.startsWith(code));
    expect(d, r.diagnostics.map((x) => `${x.code} ${x.message}`).join('\n')).toBeDefined();
    expect(`${d!.message} ${d!.hint ?? ''}`).toMatch(message);
    expect(d!.location?.file).toMatch(/domains\/a\.yaml$/);
    expect(d!.location?.line).toBeGreaterThan(1);
    expect(r.failed).toBe(true);
  });
});
