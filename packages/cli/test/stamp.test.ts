import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeHash } from '../dist/stamp.js';

const js = (n: string) => n.endsWith('.js');

describe('code hashes (they go into committed manifests)', () => {
  it('regression: the same files in two checkouts hash the same (the hash once included the absolute path)', () => {
    const a = mkdtempSync(join(tmpdir(), 'stamp-a-'));
    mkdirSync(join(a, 'dist/sub'), { recursive: true });
    writeFileSync(join(a, 'dist/index.js'), 'export const x = 1;\n');
    writeFileSync(join(a, 'dist/sub/more.js'), 'export const y = 2;\n');
    const b = join(mkdtempSync(join(tmpdir(), 'stamp-b-')), 'elsewhere');
    cpSync(a, b, { recursive: true });
    expect(treeHash(b, js)).toBe(treeHash(a, js));
    writeFileSync(join(b, 'dist/sub/more.js'), 'export const y = 3;\n');
    expect(treeHash(b, js)).not.toBe(treeHash(a, js));
  });
});
