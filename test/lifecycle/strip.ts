// The lifecycle fixture's model without any lifecycle field: what it was before the feature.
import type { Shape, TaxonomyModel } from '@taxonomy/core';

function stripShape<T extends Shape>(s: T): T {
  const { stability: _s, deprecated: _d, enumMembers: _m, ...rest } = s;
  const out: Record<string, unknown> = { ...rest };
  if (s.items) out.items = stripShape(s.items);
  if (s.values) out.values = stripShape(s.values);
  if (s.properties) out.properties = s.properties.map(stripShape);
  return out as T;
}

export function stripLifecycle(model: TaxonomyModel): TaxonomyModel {
  return {
    ...model,
    globalProperties: model.globalProperties.map(stripShape),
    properties: model.properties.map(stripShape),
    events: model.events.map((e) => ({
      ...e,
      properties: e.properties.map(stripShape),
      personProperties: { set: e.personProperties.set.map(stripShape), setOnce: e.personProperties.setOnce.map(stripShape) },
    })),
  };
}
