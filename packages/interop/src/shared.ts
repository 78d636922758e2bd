import { canonical, type DraftDomain, type DraftEvent, type DraftProperty } from './draft.js';
import { PAYLOAD_EXTENSION } from './iglu-export.js';
import type { ImportReport } from './report.js';

interface Use { event: DraftEvent; prop: DraftProperty }
interface Group { key: string; shape: DraftProperty; uses: Use[] }

/** A property's shape for comparison: everything but whether it is required and its words. */
function shapeOf(p: DraftProperty): DraftProperty {
  const { required: _r, description: _d, todos: _t, ...shape } = p;
  return shape;
}

function mostCommon(xs: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | undefined;
  for (const [x, n] of counts) if (best === undefined || n > counts.get(best)!) best = x;
  return best;
}

function refUse(name: string, shared: DraftProperty, u: Use): DraftProperty {
  const out: DraftProperty = { ref: name };
  if (u.prop.required) out.required = true;
  if (u.prop.description !== undefined && u.prop.description !== shared.description) out.description = u.prop.description;
  return out;
}

/**
 * Factors out properties that several events define identically (same key, same
 * shape) into the domain's `properties:`, and points the events at them with `ref:`.
 * A shape that differs between events stays inline, and the report says so. Shared
 * definitions the source itself declares (`d.properties`) are reused first.
 */
export function factorShared(d: DraftDomain, report: ImportReport, where: string): void {
  const byName = new Map<string, Map<string, Group>>();
  for (const event of d.events) {
    for (const [name, prop] of event.properties) {
      // requires/required_when name siblings of this event: they stay with it.
      if (prop.ref !== undefined || prop.todos?.length || prop.requires || prop.requiredWhen) continue;
      // A payload that is not an object travels as `data`: the event's whole payload, not a property events share.
      if (event.extensions[PAYLOAD_EXTENSION] === name) continue;
      const shape = shapeOf(prop);
      const key = canonical(shape);
      let groups = byName.get(name);
      if (!groups) byName.set(name, (groups = new Map()));
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { key, shape, uses: [] }));
      g.uses.push({ event, prop });
    }
  }
  for (const [name, groups] of byName) {
    const declared = d.properties.get(name);
    const declaredKey = declared ? canonical(shapeOf(declared)) : undefined;
    let chosen: Group | undefined;
    if (declaredKey !== undefined) chosen = groups.get(declaredKey);
    else for (const g of groups.values()) if (g.uses.length >= 2 && (!chosen || g.uses.length > chosen.uses.length)) chosen = g;
    if (chosen) {
      let shared = declared;
      if (!shared) {
        shared = { ...chosen.shape };
        // Only a description every use has can move to the shared definition without
        // giving a description to a use that had none.
        const descriptions = chosen.uses.map((u) => u.prop.description);
        if (descriptions.every((x): x is string => x !== undefined)) shared.description = mostCommon(descriptions);
        d.properties.set(name, shared);
        report.created.push({ where, message: `shared property '${name}' (the same definition in ${chosen.uses.length} events)` });
      }
      for (const u of chosen.uses) u.event.properties.set(name, refUse(name, shared, u));
    }
    const others = [...groups.values()].filter((g) => g !== chosen);
    // Nested objects differ by event by nature (a metadata blob per event); scalars that differ are worth a look.
    const allObjects = [...groups.values()].every((g) => g.shape.type === 'object' && g.shape.properties?.size);
    if (others.length && (chosen || others.length > 1) && !allObjects) {
      const n = others.reduce((s, g) => s + g.uses.length, 0);
      report.findings.push({
        where, message: `property '${name}' has ${groups.size} different definitions across events${chosen ? ` (${chosen.uses.length} events share one, factored out; ${n} keep their own: ${others.flatMap((g) => g.uses.map((u) => u.event.name)).slice(0, 5).join(', ')}${n > 5 ? ', …' : ''})` : ''}`,
        hint: 'if they mean the same thing, make the definitions agree in the source; if not, give them different names',
      });
    }
  }
}
