// Generated files are marked for diffs (.gitattributes: linguist-generated), and only they.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** The value of linguist-generated for each path. */
function generatedAttr(paths: readonly string[]): Map<string, string> {
  const out = git('check-attr', '-z', 'linguist-generated', '--', ...paths).split('\0');
  const m = new Map<string, string>();
  for (let i = 0; i + 2 < out.length; i += 3) m.set(out[i]!, out[i + 2]!);
  return m;
}

describe('.gitattributes', () => {
  it('marks every file a generator\'s manifest lists (and the manifest) as linguist-generated', () => {
    const manifests = git('ls-files', '*.taxonomy-generated.*.json', '**/.taxonomy-generated.*.json').split('\n').filter(Boolean);
    expect(manifests.length).toBeGreaterThanOrEqual(8);
    const files = manifests.flatMap((m) => [m, ...Object.keys((JSON.parse(readFileSync(join(repo, m), 'utf8')) as { files: Record<string, string> }).files).map((f) => join(dirname(m), f))]);
    const attrs = generatedAttr(files);
    const unmarked = files.filter((f) => attrs.get(f) !== 'true');
    expect(unmarked).toEqual([]);
  });

  it('marks no hand-written file', () => {
    const handWritten = git('ls-files', 'packages/core', 'packages/cli', 'generators', 'taxonomy', 'README.md').split('\n').filter(Boolean);
    const attrs = generatedAttr(handWritten);
    expect(handWritten.filter((f) => attrs.get(f) === 'true')).toEqual([]);
  });
});
