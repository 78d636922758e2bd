// No command the project shows or runs may resolve to a registry package by accident:
// a bare `npx <name>` fetches and runs whatever the registry holds under that name when
// the local bin is missing. Every npx call says `--no-install` (or `--no`).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean);
const shown = tracked.filter((f) =>
  /\.(md|ya?ml|sh|mjs|js|ts|hbs|json)$/.test(f) && !f.startsWith('node_modules/') && f !== 'package-lock.json' && !f.endsWith('no-bare-npx.test.ts'),
);

/**
 * Every `npx` call in a text that could fetch a package (not followed by --no-install/--no),
 * where a command starts: a line, a code span or string, after `&&`, `;`, `|`, `$ ` or a YAML
 * key (`run:`); prose that mentions npx is not a call.
 */
export function bareNpx(text: string): string[] {
  const call = /(?:^|[`'"(]|&&|\|\|?|;|\b[\w-]+:)[ \t]*(?:-[ \t]+)?(?:\$[ \t]+)?(npx[ \t]+(?!--no-install\b|--no\b)[^\s`'"]+)/gm;
  return [...text.matchAll(call)].map((m) => m[1]!);
}

describe('npx calls', () => {
  it.each([
    ['npx taxonomy check', ['npx taxonomy']],
    ['run: npx changeset version', ['npx changeset']],
    ['`npx --no-install taxonomy generate`', []],
    ['npm exec --no -- taxonomy; npx --no taxonomy', []],
    ['npx -y cowsay', ['npx -y']],
    ['  - run: npm ci && npx tsc -p .', ['npx tsc']],
    ['$ npx taxonomy init', ['npx taxonomy']],
    ["spawn('npx taxonomy')", ['npx taxonomy']],
    ['and npx then looked up a registry package', []],
  ])('the scan finds the bare ones in %j', (text, found) => {
    expect(bareNpx(text)).toEqual(found);
  });

  it('no tracked README, doc, workflow, script or source file has a bare npx', () => {
    expect(shown.length).toBeGreaterThan(50);
    const bad = shown.flatMap((f) => bareNpx(readFileSync(join(repo, f), 'utf8')).map((c) => `${f}: ${c}`));
    expect(bad).toEqual([]);
  });
});
