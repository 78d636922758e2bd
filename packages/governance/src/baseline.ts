import type { TaxonomyModel } from '@taxonomy/core';
import type { TaxonomyDiff } from './diff/types.js';
import type { RawFinding } from './types.js';

/**
 * Introduced or existing: a linter's baseline. A head finding matches a base finding of the
 * same rule about the same subject; the subject is the finding's message with every
 * `file:line:col` taken out (messages name events, properties, files and metrics, never
 * their lines), so text that moved still matches. Identical findings are counted: three at
 * the head against two at the base is one introduced.
 */
export function subjectKey(id: string, f: Pick<RawFinding, 'message'>): string {
  return `${id}\u0000${f.message.replace(/(?:[\w./-]+)?:\d+:\d+/g, '').replace(/\s+/g, ' ').trim()}`;
}

/** Line spans of the events the change adds or edits, per head file: touching an event owns its debt. */
export function touchedSpans(head: TaxonomyModel, diff: TaxonomyDiff): Map<string, [number, number][]> {
  const touched = new Set(diff.events.filter((e) => e.status !== 'removed').map((e) => e.name));
  const byFile = new Map<string, { name: string; line: number }[]>();
  for (const e of head.events) {
    const list = byFile.get(e.location.file) ?? [];
    list.push({ name: e.name, line: e.location.line });
    byFile.set(e.location.file, list);
  }
  const out = new Map<string, [number, number][]>();
  for (const [file, list] of byFile) {
    list.sort((a, b) => a.line - b.line);
    list.forEach((e, i) => {
      if (!touched.has(e.name)) return;
      const end = i + 1 < list.length ? list[i + 1]!.line - 1 : Number.MAX_SAFE_INTEGER;
      out.set(file, [...(out.get(file) ?? []), [e.line, end]]);
    });
  }
  return out;
}

/**
 * Marks each head finding introduced (true) or existing at the base (false). `base` holds
 * the findings the same rules give on the base taxonomy alone; undefined means nothing is
 * known about the base, so everything is introduced.
 */
export function classify<T extends { id: string; message: string; location?: { file: string; line: number } }>(
  findings: readonly T[], base: readonly { id: string; message: string }[] | undefined, spans: ReadonlyMap<string, readonly [number, number][]>,
): (T & { introduced: boolean })[] {
  const left = new Map<string, number>();
  for (const f of base ?? []) { const k = subjectKey(f.id, f); left.set(k, (left.get(k) ?? 0) + 1); }
  return findings.map((f) => {
    const k = subjectKey(f.id, f);
    const n = left.get(k) ?? 0;
    if (!base || n === 0) return { ...f, introduced: true };
    left.set(k, n - 1);
    const l = f.location;
    const touched = !!l && (spans.get(l.file) ?? []).some(([a, b]) => l.line >= a && l.line <= b);
    return { ...f, introduced: touched };
  });
}
