import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, YAMLMap, type Document, type Pair } from 'yaml';
import type { FixEdit } from './types.js';

export type { FixEdit };

/** The mapping whose key is on `line` (1-based): the outermost one, preferring a key at `column`. */
function mappingAt(doc: Document, lc: LineCounter, line: number, column?: number): YAMLMap | undefined {
  const found: { map: YAMLMap; col: number }[] = [];
  visit(doc, {
    Pair(_k, pair: Pair) {
      const key = pair.key;
      if (!isScalar(key) || !key.range || !isMap(pair.value)) return;
      const pos = lc.linePos(key.range[0]);
      if (pos.line === line) found.push({ map: pair.value, col: pos.col });
    },
  });
  return (column !== undefined ? found.find((f) => f.col === column) : undefined)?.map ?? found[0]?.map;
}

/** Sets and appends on one mapping; objects in appended lists are written as flow mappings. */
function applyTo(doc: Document, map: YAMLMap, edit: FixEdit): void {
  for (const [k, v] of Object.entries(edit.set ?? {})) map.set(k, doc.createNode(v));
  for (const [k, items] of Object.entries(edit.append ?? {})) {
    const found: unknown = map.get(k, true);
    const seq = isSeq(found) ? found : doc.createNode([]);
    if (seq !== found) map.set(k, seq);
    for (const item of items) {
      const node = doc.createNode(item);
      if (isMap(node)) node.flow = true;
      seq.add(node);
    }
  }
}

/**
 * Applies the edits of one file to its text, literally: each edit finds the mapping its
 * finding points at (an event or property key on that line) and sets or appends keys.
 * Comments and the rest of the file are kept. Throws when an edit points at no mapping.
 */
export function applyEdits(text: string, edits: readonly (FixEdit & { column?: number })[]): string {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: false });
  // Locate every target before changing anything: an edit moves the lines below it.
  const targets = edits.map((e) => {
    const map = mappingAt(doc, lc, e.line, e.column);
    if (!map) throw new Error(`no mapping at ${e.file}:${e.line} to apply the fix to`);
    return { map, e };
  });
  for (const { map, e } of targets) applyTo(doc, map, e);
  return doc.toString({ lineWidth: 0 });
}


