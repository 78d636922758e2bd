import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratorCache } from '@taxonomy/core';

/**
 * The memo a generator gets through its GenerateContext (see `memo` in @taxonomy/core), kept in
 * `.taxonomy-cache/memo/<generator>.json` (not committed). Keys are hashes of every input of
 * a value, so a stale entry is never looked up; entries not used in a run are dropped when it
 * saves, so the file holds one taxonomy's worth and does not grow without bound. A file that
 * cannot be read or parsed is an empty cache, never an error: it is only a cache.
 */
export class MemoStore implements GeneratorCache {
  private readonly old: Map<string, string>;
  private readonly used = new Map<string, string>();
  private dirty = false;

  constructor(private readonly file: string) {
    this.old = new Map();
    try {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; entries?: Record<string, unknown> };
      if (json.version === 1 && json.entries && typeof json.entries === 'object') {
        for (const [k, v] of Object.entries(json.entries)) if (typeof v === 'string') this.old.set(k, v);
      }
    } catch {
      // Missing or unreadable: start empty.
    }
  }

  static forGenerator(rootDir: string, generator: string): MemoStore {
    return new MemoStore(join(rootDir, '.taxonomy-cache', 'memo', `${generator}.json`));
  }

  get(key: string): string | undefined {
    const v = this.used.get(key) ?? this.old.get(key);
    if (v !== undefined) this.used.set(key, v);
    return v;
  }

  set(key: string, value: string): void {
    this.used.set(key, value);
    this.dirty = true;
  }

  /** Hits and misses of this run, for the progress line. */
  get stats(): { entries: number; reused: number } {
    let reused = 0;
    for (const k of this.used.keys()) if (this.old.has(k)) reused++;
    return { entries: this.used.size, reused };
  }

  /** Writes the entries this run used (atomically: a crash leaves the old file or the new one). */
  save(): void {
    if (!this.dirty && this.used.size === this.old.size) return;
    const entries: Record<string, string> = {};
    for (const k of [...this.used.keys()].sort()) entries[k] = this.used.get(k)!;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(`${this.file}.tmp`, JSON.stringify({ version: 1, entries }));
      renameSync(`${this.file}.tmp`, this.file);
    } catch {
      // A read-only checkout still generates; it only recomputes next time.
    }
  }
}
