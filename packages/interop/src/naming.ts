import { EVENT_NAMING, PROPERTY_NAMING, toConvention, type NamingConvention } from '@taxonomy/core';
import type { DraftDomain, DraftMap } from './draft.js';
import type { ImportReport } from './report.js';

/** Most specific first: a name like `signup` is snake and camel; snake is the better guess. */
const EVENT_ORDER: NamingConvention[] = ['dot.snake', 'snake', 'UPPER_SNAKE', 'camel', 'pascal', 'title'];
const PROPERTY_ORDER: ('snake' | 'camel')[] = ['snake', 'camel'];

interface Detected<C extends string> {
  /** The convention every name follows, if one does. */
  readonly all?: C;
  /** The convention most names follow, and the names that do not. */
  readonly dominant?: C;
  readonly outliers: string[];
}

function detect<C extends string>(names: readonly string[], order: readonly C[], test: (c: C, n: string) => boolean): Detected<C> {
  if (!names.length) return { outliers: [] };
  let best: C | undefined;
  let bestCount = -1;
  for (const c of order) {
    const n = names.filter((x) => test(c, x)).length;
    if (n === names.length) return { all: c, dominant: c, outliers: [] };
    if (n > bestCount) { best = c; bestCount = n; }
  }
  if (bestCount <= 0) return { outliers: [...names] };
  return { dominant: best, outliers: names.filter((x) => !test(best!, x)) };
}

function propertyNames(map: DraftMap | undefined, out: Set<string>): void {
  for (const [name, p] of map ?? []) {
    out.add(name.replace(/^\$/, ''));
    propertyNames(p.properties, out);
  }
}

const sample = (xs: readonly string[]) => xs.slice(0, 8).map((x) => `'${x}'`).join(', ') + (xs.length > 8 ? `, … (${xs.length} in all)` : '');

/**
 * Sets naming:/property_naming: when every name follows one convention (so the
 * check keeps them that way), and otherwise reports the names that differ from
 * the dominant convention with their suggested spelling. Names are never renamed.
 */
export function applyNaming(d: DraftDomain, report: ImportReport, where: string): void {
  const events = d.events.map((e) => e.name);
  if (events.some((n) => n.startsWith('$'))) {
    d.reservedPrefix = '$';
    report.guessed.push({ where, message: `event names starting with '$' (${sample(events.filter((n) => n.startsWith('$')))}) read as vendor events: reserved_prefix: "$"` });
  }
  // A namespaced key (io.snowplow.ecomm/add_to_cart): the convention is the name's, after the namespace.
  const bare = events.map((n) => n.replace(/^[^/]*\//, '').replace(/^\$/, ''));
  const ev = detect(bare, EVENT_ORDER, (c, n) => EVENT_NAMING[c].test(n));
  if (ev.all) {
    d.naming = ev.all;
    report.guessed.push({ where, message: `every event name is ${ev.all}: naming: ${ev.all}` });
  } else if (ev.dominant) {
    report.findings.push({
      where, message: `event names mix naming conventions: most are ${ev.dominant}, but not ${sample(ev.outliers)}; kept as they are (naming: not set)`,
      hint: `rename them (e.g. '${ev.outliers[0]}' → '${toConvention(ev.outliers[0]!, ev.dominant)}') in the source and the code that sends them, then set naming: ${ev.dominant}`,
    });
  }
  const props = new Set<string>();
  propertyNames(d.globalProperties, props);
  propertyNames(d.properties, props);
  for (const e of d.events) propertyNames(e.properties, props);
  const names = [...props];
  const pr = detect(names, PROPERTY_ORDER, (c, n) => PROPERTY_NAMING[c].test(n));
  if (pr.all) {
    d.propertyNaming = pr.all;
    report.guessed.push({ where, message: `every property key is ${pr.all}: property_naming: ${pr.all}` });
  } else if (pr.dominant) {
    report.findings.push({
      where, message: `property keys mix naming conventions: most are ${pr.dominant}, but not ${sample(pr.outliers)}; kept as they are (property_naming: not set)`,
      hint: `rename them (e.g. '${pr.outliers[0]}' → '${toConvention(pr.outliers[0]!, pr.dominant)}') in the source and the code that sends them, then set property_naming: ${pr.dominant}`,
    });
  }
}
