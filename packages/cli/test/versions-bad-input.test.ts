// Bad input of several live versions (issue 18): a version gap, two definitions of one version
// (the event and versions:, or the keys 1 and "1"), a version newer than the event. `generate`
// reports each with file:line:column and what to do, exits 1 and leaves what it had written.
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './cli-run.js';

const fixtures = join(import.meta.dirname, '../../core/test/fixtures');

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taxonomy-versions-'));
  cpSync(join(fixtures, '60-versions-clean/taxonomy'), join(dir, 'taxonomy'), { recursive: true });
  return dir;
}

/** Every file under a folder with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'utf8'));
  }
  return out;
}

describe('taxonomy generate: bad versions', () => {
  it.each([
    ['a version gap', (y: string) => y.replace('      2:\n        addition: 2\n', '      0x:\n        addition: 2\n').replace(/      0x:[\s\S]*?(?=  cart_viewed:)/, ''),
      /taxonomy\/domains\/shop\.yaml:24:7 error 'order_completed' keeps versions 1 and 3 live but not version 2 \[event\/version-gap\]\n  → add version 2 under versions:/],
    ['the newest version defined twice', (y: string) => y.replace('    version: 3\n', '    version: 2\n').replace('    changelog:\n      - { version: 2, change: total became an object with amount and currency. }\n      - { version: 3, change: coupon added; items became required. }\n', ''),
      /shop\.yaml:\d+:7 error version 2 of 'order_completed' is defined twice: by the event itself \(version: 2\) and under versions: \[event\/version-defined-twice\]/],
    ['an older version defined twice (1 and "1")', (y: string) => y.replace('      2:\n        addition: 2\n', '      "1":\n        addition: 2\n'),
      /shop\.yaml:\d+:7 error duplicate key in the same mapping \[yaml\/duplicate-key\]/],
  ])('%s: a located error, exit 1, nothing written', async (_title, edit, expected) => {
    const dir = project();
    expect((await run(['generate', '--only', 'json-schema,sql'], dir)).code).toBe(0);
    const before = snapshot(join(dir, 'packages'));
    const file = join(dir, 'taxonomy/domains/shop.yaml');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    const r = await run(['generate', '--only', 'json-schema,sql'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(expected);
    expect(r.err).toMatch(/nothing generated/);
    expect(snapshot(join(dir, 'packages'))).toEqual(before);
  });
});
