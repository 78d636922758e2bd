// A generated package's version has one source: its committed package.json, which
// `changeset version` bumps. generate starts a new package at taxonomy.yaml's version and
// keeps the released one after that; --check does not call a release drift.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableJson } from '@taxonomy/core';
import { project, run } from './cli-run.js';
import { withReleasedVersion } from '../src/release-version.js';

const pkg = (o: Record<string, unknown>) => ({ path: 'package.json', contents: stableJson(o) });

describe('withReleasedVersion', () => {
  const generated = pkg({ name: '@a/tracker', version: '1.0.0', description: 'has "version": "1.0.0" inside', dependencies: { version: '1.0.0' } });
  it.each([
    ['no file on disk: the generator\'s version', undefined, '1.0.0'],
    ['a release bumped it: the released version', { name: '@a/tracker', version: '1.3.0' }, '1.3.0'],
    ['a prerelease', { name: '@a/tracker', version: '2.0.0-next.1' }, '2.0.0-next.1'],
    ['another package\'s file: the generator\'s version', { name: '@a/other', version: '9.0.0' }, '1.0.0'],
  ])('%s', (_what, released, version) => {
    const out = withReleasedVersion(generated, released);
    const parsed = JSON.parse(out.contents) as { version: string; description: string; dependencies: { version: string } };
    expect(parsed.version).toBe(version);
    // Only the top-level version moves; nested keys and text that look alike do not.
    expect(parsed.description).toBe('has "version": "1.0.0" inside');
    expect(parsed.dependencies.version).toBe('1.0.0');
    expect(out.contents).toBe(stableJson({ ...JSON.parse(generated.contents), version }));
  });
});

describe('generate and the released version', () => {
  const file = (dir: string) => join(dir, 'packages/schemas/package.json');
  const read = (dir: string) => JSON.parse(readFileSync(file(dir), 'utf8')) as Record<string, unknown>;
  const bump = (dir: string, to: string) => writeFileSync(file(dir), readFileSync(file(dir), 'utf8').replace(/"version": "[^"]*"/, `"version": "${to}"`));

  it('starts a package at taxonomy.yaml\'s version, keeps a released one, and --check is clean after a release', async () => {
    const dir = project();
    expect((await run(['generate', '--only', 'json-schema'], dir)).code).toBe(0);
    const start = read(dir);
    expect(start.version).toBe(readFileSync(join(dir, 'taxonomy/taxonomy.yaml'), 'utf8').match(/^version: (\S+)/m)![1]);
    expect(start.private, 'a generated package is publishable').toBeUndefined();
    bump(dir, '4.5.6'); // what `changeset version` does
    expect((await run(['generate', '--check', '--only', 'json-schema'], dir)).code).toBe(0);
    expect((await run(['generate', '--only', 'json-schema'], dir)).code).toBe(0);
    expect(read(dir)).toEqual({ ...start, version: '4.5.6' });
  });

  it('still reports a hand edit of any other field of a generated package.json as drift', async () => {
    const dir = project();
    await run(['generate', '--only', 'json-schema'], dir);
    writeFileSync(file(dir), readFileSync(file(dir), 'utf8').replace('"type": "module"', '"type": "commonjs"'));
    const r = await run(['generate', '--check', '--only', 'json-schema'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/packages\/schemas\/package\.json \(differs/);
  });

  it('an invalid version on disk is not kept (the generator\'s version is written back)', async () => {
    const dir = project();
    await run(['generate', '--only', 'json-schema'], dir);
    bump(dir, 'latest');
    expect((await run(['generate', '--check', '--only', 'json-schema'], dir)).code).toBe(1);
    await run(['generate', '--only', 'json-schema'], dir);
    expect(read(dir).version).toBe('1.0.0');
  });
});
