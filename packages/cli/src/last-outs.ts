import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where each generator wrote last (relative to the repository root), so that when
 * taxonomy.yaml moves its `out:`, `generate` finds the old folder and removes what its
 * manifest owns there. Kept in .taxonomy-cache/ (not committed); without it, only the
 * generator's default folder is looked at.
 */
const FILE = '.taxonomy-cache/outputs.json';

export function readLastOuts(rootDir: string): Record<string, string> {
  try {
    const v = JSON.parse(readFileSync(join(rootDir, FILE), 'utf8')) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function writeLastOuts(rootDir: string, outs: Record<string, string>): void {
  try {
    const p = join(rootDir, FILE);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, JSON.stringify(outs, Object.keys(outs).sort(), 2) + '\n');
  } catch {
    // Only a hint: a read-only checkout still generates.
  }
}
