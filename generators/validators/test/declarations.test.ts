// Issue 17: one ValidationError declaration (there were three: the runtime's, the generated
// index.d.ts's text and the collector's). Core declares it; the generated index.d.ts copies it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declarations } from '../src/declarations.js';
import { loadMini } from './helpers.js';

const repo = join(import.meta.dirname, '../../..');
const core = readFileSync(join(repo, 'packages/core/src/validation-error.ts'), 'utf8');

/** Hand-written TypeScript sources of the workspaces (not generated packages, tests or builds). */
function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(join(dir, e.name));
    }
  };
  for (const group of ['packages', 'generators']) {
    for (const pkg of readdirSync(join(repo, group))) {
      try { walk(join(repo, group, pkg, 'src')); } catch { /* a generated package has no src */ }
    }
  }
  return out;
}

describe('ValidationError', () => {
  it('is declared once in the hand-written sources, in @taxonomy/core', () => {
    const declaring = sources().filter((f) => /^export (?:interface|type) ValidationError\b/m.test(readFileSync(f, 'utf8')));
    expect(declaring.map((f) => f.slice(repo.length + 1))).toEqual(['packages/core/src/validation-error.ts']);
  });

  it("the generated index.d.ts holds core's interface, doc comments included", () => {
    const body = /\/\*\* One reason[^]*?\n\}\n/.exec(core)![0];
    expect(declarations(loadMini(), 'validators')).toContain(body);
  });
});
