import type { TaxonomyModel } from '@taxonomy/core';
import { objectKey, valueText } from './literal.js';
import { buildView, type TrackerView } from './view.js';

/**
 * The call of one event on the generated tracker, with example property values, as the docs
 * show it: `tracker.<domain>.<method>({ … })`. Properties the tracker fills itself (globals,
 * event time, constants) are left out. Names come from the same view the generator uses.
 * `version`: one of the event's older live versions, whose own method the call is then on
 * (`tracker.shop.orderCompletedV1({ … })`); undefined or the newest: the event's method.
 */
export function typescriptCalls(model: TaxonomyModel, view: TrackerView = buildView(model)): (event: string, example: Readonly<Record<string, unknown>>, version?: number) => string | undefined {
  const byEvent = new Map(view.domains.flatMap((d) => d.events.map((ev) => [ev.event.name, { key: d.key, ev }] as const)));
  return (event, example, version) => {
    const found = byEvent.get(event);
    if (!found) return undefined;
    const { key } = found;
    const ev = version === undefined ? found.ev : [found.ev, ...found.ev.older].find((x) => x.event.version === version);
    if (!ev) return undefined;
    const skip = new Set([...ev.globalKeys, ...ev.autoKeys]);
    const entries = ev.event.properties.filter((p) => !skip.has(p.name) && example[p.name] !== undefined).map((p) => `  ${objectKey(p.name)}: ${valueText(example[p.name])},`);
    const call = `tracker.${key}.${ev.method}`;
    return entries.length ? `${call}({\n${entries.join('\n')}\n});` : `${call}(${ev.optionalArg ? '' : '{}'});`;
  };
}
