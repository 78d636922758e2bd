import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event } from 'js-yaml';

/**
 * The fast path of YAML loading. The `yaml` package (kept for everything that goes wrong:
 * its errors and positions are the best there are) builds a full document tree, which for a
 * 2,000-event taxonomy costs seconds. js-yaml's event parser reads the same text an order of
 * magnitude faster; from its events we construct the data and a small index of where every
 * key and value starts. Anything unusual (anchors, aliases, tags, several documents, a key
 * the loader refuses, any parse error) returns undefined and the caller takes the `yaml` path,
 * so every diagnostic is still produced by one parser. A differential test checks that both
 * paths give the same data and the same locations for every YAML file in the repository.
 */

/**
 * Where a node starts, and its children (by key for mappings, by index for sequences). A
 * scalar is just its start offset: most nodes are scalars, and an object each costs GC time.
 */
export type PosNode =
  | { readonly kind: 'map'; readonly start: number; readonly keys: Map<string, PosPair> }
  | { readonly kind: 'seq'; readonly start: number; readonly items: PosNode[] }
  | number;

/** The start offset of a node. */
export const startOf = (node: PosNode): number => (typeof node === 'number' ? node : node.start);

export interface PosPair {
  readonly keyStart: number;
  readonly value: PosNode;
}

export interface FastParse {
  readonly data: unknown;
  readonly root: PosNode;
}

/** YAML 1.2 core schema, as the `yaml` package uses it (no merge keys, no timestamps). */
const OPTIONS = { schema: CORE_SCHEMA, maxAliases: 0 } as const;

/**
 * Parses `text` as one plain YAML document, or returns undefined when the slow path must
 * decide (including for any error: the slow path reports it with a precise location).
 */
export function parseFast(text: string, forbiddenKeys: ReadonlySet<string>): FastParse | undefined {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: 1000 });
  } catch {
    return undefined;
  }
  const root = positions(text, events, forbiddenKeys);
  if (!root) return undefined;
  let docs: unknown[];
  try {
    docs = constructFromEvents(events, { ...OPTIONS, source: text });
  } catch {
    return undefined;
  }
  if (docs.length !== 1) return undefined;
  return { data: docs[0], root };
}

/** The start of a scalar as the `yaml` package reports it: the opening quote or block indicator. */
function scalarStart(text: string, ev: Extract<Event, { type: typeof EVENT_ID.SCALAR }>, after: number): number {
  switch (ev.style) {
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED:
      return ev.valueStart - 1;
    case SCALAR_STYLE.LITERAL_BLOCK:
    case SCALAR_STYLE.FOLDED_BLOCK: {
      const i = text.slice(after, ev.valueStart).search(/[|>]/);
      return i >= 0 ? after + i : ev.valueStart;
    }
    default:
      return ev.valueStart;
  }
}

/** An empty value sits, for the `yaml` package, just past its indicator (`key:` or `-`). */
function emptyStart(text: string, after: number, indicator: string): number {
  const i = text.indexOf(indicator, after);
  return i === -1 ? after : i + 1;
}

/** Builds the position tree from the event stream; undefined when the slow path must decide. */
function positions(text: string, events: readonly Event[], forbiddenKeys: ReadonlySet<string>): PosNode | undefined {
  type Frame = { node: PosNode; key?: string; keyStart: number };
  const stack: Frame[] = [];
  let root: PosNode | undefined;
  let documents = 0;
  // Offset just past the last token seen: where a value with no text of its own sits.
  let cursor = 0;

  const attach = (node: PosNode): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root) return false;
      root = node;
      return true;
    }
    if (typeof top.node === 'number') return false;
    if (top.node.kind === 'seq') {
      top.node.items.push(node);
      return true;
    }
    // A mapping or sequence as a key is not taxonomy YAML (scalar keys never come here).
    if (top.key === undefined) return false;
    top.node.keys.set(top.key, { keyStart: top.keyStart, value: node });
    top.key = undefined;
    return true;
  };

  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        if (++documents > 1) return undefined;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (ev.anchorStart !== -1 || ev.tagStart !== -1) return undefined;
        const node: PosNode = ev.type === EVENT_ID.MAPPING
          ? { kind: 'map', start: ev.start, keys: new Map() }
          : { kind: 'seq', start: ev.start, items: [] };
        if (!attach(node)) return undefined;
        stack.push({ node, keyStart: -1 });
        cursor = ev.start + 1;
        break;
      }
      case EVENT_ID.SCALAR: {
        if (ev.anchorStart !== -1 || ev.tagStart !== -1) return undefined;
        const top = stack[stack.length - 1];
        const inSeq = top !== undefined && typeof top.node !== 'number' && top.node.kind === 'seq';
        const start = ev.valueStart === -1 ? emptyStart(text, cursor, inSeq ? '-' : ':') : ev.style === SCALAR_STYLE.PLAIN ? ev.valueStart : scalarStart(text, ev, cursor);
        if (top !== undefined && !inSeq && top.key === undefined) {
          const map = top.node as Extract<PosNode, { kind: 'map' }>;
          const key = ev.valueStart === -1 ? '' : ev.fast ? text.slice(ev.valueStart, ev.valueEnd) : getScalarValue(text, ev);
          if (forbiddenKeys.has(key) || map.keys.has(key)) return undefined;
          top.key = key;
          top.keyStart = start;
        } else if (!attach(start)) {
          return undefined;
        }
        if (ev.valueEnd !== -1) cursor = ev.valueEnd;
        break;
      }
      case EVENT_ID.POP: {
        if (stack.length === 0) break; // the document's own end
        const done = stack.pop()!;
        if (done.key !== undefined) return undefined; // a key without a value
        break;
      }
      default:
        return undefined; // an alias
    }
  }
  return documents === 1 ? root : undefined;
}
