import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes a taxonomy folder from a map of relative path → content; returns the folder. */
export function writeTaxonomy(files: Record<string, string | Buffer>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'taxonomy-test-')), 'taxonomy');
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const ROOT = 'name: t\nversion: 1.0.0\n';
export const CATEGORIES = 'categories:\n  core_loop: { description: Core. }\n';
