import type { DraftDeprecation, DraftProperty, Scalar } from './draft.js';
import { isObject } from './schema-forms.js';

const STABILITY = new Set(['stable', 'experimental', 'deprecated']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A deprecation object as our exports write it (`x-deprecation`, members' `deprecated`); anything else is dropped. */
function deprecationOf(v: unknown, renamedTo: (x: unknown) => boolean): DraftDeprecation | undefined {
  if (!isObject(v)) return undefined;
  const d: DraftDeprecation = {};
  if (renamedTo(v.renamed_to)) d.renamed_to = v.renamed_to as Scalar;
  if (typeof v.reason === 'string') d.reason = v.reason;
  if (typeof v.since === 'string' && DATE.test(v.since)) d.since = v.since;
  if (typeof v.removal === 'string' && DATE.test(v.removal)) d.removal = v.removal;
  return d;
}

/**
 * Per-property lifecycle from JSON Schema: `deprecated: true` (2019-09+), and what the JSON
 * Schema generator writes beside it (`x-stability`, `x-deprecation`, `x-enum-members`,
 * `x-enum-descriptions` as openapi-generator reads it). Returns the keys it consumed.
 */
export function importLifecycle(s: Record<string, unknown>, p: DraftProperty): Set<string> {
  const used = new Set<string>();
  if (typeof s['x-stability'] === 'string' && STABILITY.has(s['x-stability'])) { p.stability = s['x-stability'] as DraftProperty['stability']; used.add('x-stability'); }
  if (s.deprecated === true) { p.stability = 'deprecated'; used.add('deprecated'); }
  const dep = deprecationOf(s['x-deprecation'], (x) => typeof x === 'string' && /^\$?[A-Za-z_][A-Za-z0-9_]*$/.test(x));
  if (dep) { p.stability = 'deprecated'; if (Object.keys(dep).length) p.deprecated = dep; used.add('x-deprecation'); }
  const values = p.enum ?? [];
  const scalar = (x: unknown) => ['string', 'number', 'boolean'].includes(typeof x);
  if (Array.isArray(s['x-enum-members']) && values.length) {
    const members = (s['x-enum-members'] as unknown[]).filter(isObject).filter((m) => values.includes(m.value as Scalar));
    p.enumMembers = values.map((v) => {
      const m = members.find((x) => x.value === v);
      const out: NonNullable<DraftProperty['enumMembers']>[number] = { value: v };
      if (typeof m?.description === 'string' && m.description) out.description = m.description;
      if (typeof m?.stability === 'string' && STABILITY.has(m.stability)) out.stability = m.stability as DraftProperty['stability'];
      const d = deprecationOf(m?.deprecated, (x) => scalar(x) && values.includes(x as Scalar));
      if (d) { out.stability = 'deprecated'; out.deprecated = d; }
      return out;
    });
    used.add('x-enum-members');
    used.add('x-enum-descriptions');
  } else if (Array.isArray(s['x-enum-descriptions']) && values.length) {
    const words = s['x-enum-descriptions'] as unknown[];
    p.enumMembers = values.map((v, i) => (typeof words[i] === 'string' && words[i] ? { value: v, description: words[i] as string } : { value: v }));
    used.add('x-enum-descriptions');
  }
  if (p.enumMembers && !p.enumMembers.some((m) => Object.keys(m).length > 1)) delete p.enumMembers;
  return used;
}
