import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FastParse, ParseCache } from '@taxonomy/core';

const SEAL_BYTES = 32;
/** Bytes of entries kept beyond those a run used: earlier versions of files, other branches. */
const KEEP_UNUSED_BYTES = 32 * 1024 * 1024;
/** Unused entries older than this go whatever their number. */
const MAX_AGE_MS = 14 * 24 * 3600 * 1000;

/**
 * The parse cache on disk: `.taxonomy-cache/parsed/<key>.bin`, one file per distinct file
 * content (the key hashes the text and the parser, see parseCacheKey in @taxonomy/core).
 * V8's serializer keeps the position index's Maps as they are and reads back ~4× faster than
 * YAML parses. Each file starts with the SHA-256 of the rest, so a torn or damaged entry is a
 * miss, never wrong data; any error reading or writing is a miss too: it is only a cache.
 */
export class ParseCacheStore implements ParseCache {
  private readonly used = new Set<string>();
  /** Hits and misses (tests read them). */
  readonly stats = { hits: 0, misses: 0 };

  /** @param readOnly looks entries up but never writes or removes any (for `generate --check`). */
  constructor(private readonly dir: string, private readonly readOnly = false) {}

  static forRoot(rootDir: string, readOnly = false): ParseCacheStore {
    return new ParseCacheStore(join(rootDir, '.taxonomy-cache', 'parsed'), readOnly);
  }

  get(key: string): FastParse | undefined {
    if (!/^[0-9a-f]{64}$/.test(key)) return undefined;
    this.used.add(key);
    try {
      const bytes = readFileSync(join(this.dir, `${key}.bin`));
      const payload = bytes.subarray(SEAL_BYTES);
      if (bytes.length <= SEAL_BYTES || !createHash('sha256').update(payload).digest().equals(bytes.subarray(0, SEAL_BYTES))) return this.miss();
      const value = deserialize(payload) as FastParse;
      if (!value || typeof value !== 'object' || !('data' in value) || !isPosNode(value.root)) return this.miss();
      this.stats.hits++;
      return value;
    } catch {
      return this.miss();
    }
  }

  set(key: string, value: FastParse): void {
    if (this.readOnly || !/^[0-9a-f]{64}$/.test(key)) return;
    this.used.add(key);
    try {
      const payload = serialize({ data: value.data, root: value.root });
      const file = join(this.dir, `${key}.bin`);
      mkdirSync(this.dir, { recursive: true });
      // Written aside and renamed: a reader sees the old entry, the new one, or none.
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
      renameSync(tmp, file);
    } catch {
      // A read-only checkout still loads; it only parses again next time.
    }
  }

  /** Drops entries this run did not use once they are old or beyond 32 MB; the cache never grows without bound. */
  prune(now = Date.now(), keepUnusedBytes = KEEP_UNUSED_BYTES): void {
    if (this.readOnly) return;
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const unused: { name: string; mtime: number; size: number }[] = [];
    for (const name of names) {
      if (name.endsWith('.bin') && this.used.has(name.slice(0, -'.bin'.length))) continue;
      try {
        const st = statSync(join(this.dir, name));
        unused.push({ name, mtime: st.mtimeMs, size: st.size });
      } catch {
        // Gone already (another process pruned it).
      }
    }
    // Newest first: what was parsed last is likeliest to be asked for again (a branch switch).
    unused.sort((a, b) => b.mtime - a.mtime);
    let kept = 0;
    for (const e of unused) {
      // Temporary files of a writer that died are stale after a minute.
      const stale = e.name.endsWith('.tmp') ? now - e.mtime > 60_000 : kept + e.size > keepUnusedBytes || now - e.mtime > MAX_AGE_MS;
      if (!stale) {
        kept += e.size;
        continue;
      }
      try { unlinkSync(join(this.dir, e.name)); } catch { /* already gone */ }
    }
  }

  private miss(): undefined {
    this.stats.misses++;
    return undefined;
  }
}

function isPosNode(n: unknown): boolean {
  if (typeof n === 'number') return true;
  if (!n || typeof n !== 'object') return false;
  const o = n as { kind?: unknown; start?: unknown; keys?: unknown; items?: unknown };
  return typeof o.start === 'number' && ((o.kind === 'map' && o.keys instanceof Map) || (o.kind === 'seq' && Array.isArray(o.items)));
}
