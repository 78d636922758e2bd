// Which compiled chunk each schema goes to. Chunks exist for two reasons: ajv's multi-export
// standalone code grows its output by re-concatenation, which is quadratic in the number of
// exports (about a second for 2,000 events in one piece); and a chunk is the unit the memo
// reuses. For the memo, a chunk's content must not depend on anything but its own schemas:
// with chunks cut by position, one added event would shift every later boundary and every
// later name. So a schema goes to the bucket of a hash of its owner's name (the first event,
// in the model's order, that uses it), and its names are local to that bucket. (A schema
// shared by several events moves when its owner changes, when a new event sorting first uses
// it too, say: then two chunks compile again.)
import type { JsonSchema } from '@taxonomy/gen-json-schema';
import type { Entry } from './compile.js';

/** At most about this many events per chunk on average (between half and all of it). */
export const CHUNK = 64;

/** A schema to compile, and the key that picks its bucket. */
export interface Wanted {
  readonly owner: string;
  /** Exported as this prefix and a number local to the chunk (`p5`)… */
  readonly prefix: string;
  /** …or under this name. */
  readonly exportAs?: string;
  readonly schema: JsonSchema;
  readonly json: string;
}

export interface ChunkPlan {
  /** `c<bucket>`: the binding of the chunk's exports in index.js. */
  readonly name: string;
  readonly entries: readonly Entry[];
}

/**
 * A power of two, so the buckets (and every chunk with them) change only when the number of
 * events doubles or halves, not with every 64th event.
 */
export function bucketCount(events: number): number {
  let b = 1;
  while (b * CHUNK < events) b *= 2;
  return b;
}

/** FNV-1a over UTF-16 code units: stable across platforms and Node versions. */
export function bucketOf(owner: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < owner.length; i++) h = Math.imul(h ^ owner.charCodeAt(i), 0x01000193);
  return (h >>> 0) % buckets;
}

/**
 * The chunks, in bucket order (empty buckets left out), each holding its schemas in the
 * order given, and where each wanted schema ended up (`c3.p5`), by index.
 */
export function planChunks(wanted: readonly Wanted[], events: number): { chunks: ChunkPlan[]; refs: string[] } {
  const buckets = bucketCount(events);
  const lists: Entry[][] = Array.from({ length: buckets }, () => []);
  const refs = wanted.map((w) => {
    const b = bucketOf(w.owner, buckets);
    const list = lists[b]!;
    const exportName = w.exportAs ?? `${w.prefix}${list.length}`;
    list.push({ exportName, id: `urn:taxonomy-validators:c${b}.${exportName}`, schema: w.schema, json: w.json });
    return `c${b}.${exportName}`;
  });
  const chunks = lists.flatMap((entries, b) => (entries.length ? [{ name: `c${b}`, entries }] : []));
  return { chunks, refs };
}
