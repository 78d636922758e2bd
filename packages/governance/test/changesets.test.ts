import { describe, expect, it } from 'vitest';
import { bumpCovers, bumpsByPackage, changesetTemplate, isChangesetFile, parseChangeset } from '@taxonomy/governance';

describe('parseChangeset', () => {
  it('reads package → bump with each line, and the summary', () => {
    const r = parseChangeset('.changeset/a.md', '---\n"@shop/schemas": major\n\'@shop/tracker\': minor\n---\n\nRemoved coupon.\n');
    expect(r.errors).toEqual([]);
    expect(r.changeset).toEqual({
      file: '.changeset/a.md',
      releases: [{ name: '@shop/schemas', bump: 'major', line: 2 }, { name: '@shop/tracker', bump: 'minor', line: 3 }],
      summary: 'Removed coupon.',
    });
  });

  it('accepts CRLF line ends, a BOM and an empty changeset', () => {
    expect(parseChangeset('x.md', '\uFEFF---\r\n"a": patch\r\n---\r\nFix.\r\n').changeset?.releases).toEqual([{ name: 'a', bump: 'patch', line: 2 }]);
    expect(parseChangeset('x.md', '---\n---\n').changeset?.releases).toEqual([]);
  });

  it('accepts the bump none, as changesets does', () => {
    expect(parseChangeset('x.md', '---\na: none\n---\n').changeset?.releases).toEqual([{ name: 'a', bump: 'none', line: 2 }]);
  });

  // The wording is @changesets/parse's: the gate refuses exactly what `changeset version` refuses.
  it.each([
    ['no front matter', 'Just text.\n', 1, 'missing or invalid frontmatter'],
    ['front matter never closed', '---\n"a": major\n', 1, 'missing or invalid frontmatter'],
    ['invalid YAML', '---\n"a": [major\n---\n', 3, 'invalid YAML in frontmatter'],
    ['duplicate package', '---\na: major\na: minor\n---\n', 3, 'duplicated mapping key'],
    ['a list instead of a map', '---\n- a\n---\n', 1, 'must be an object mapping package names'],
    ['an unknown bump', '---\nb: minor\n"@shop/schemas": huge\n---\n', 3, 'invalid version type "huge" for package "@shop/schemas"'],
    ['a bump that is not a string', '---\na: 1\n---\n', 2, 'invalid release type for package "a"'],
  ])('%s is a finding with a line, never a throw', (_name, text, line, says) => {
    const r = parseChangeset('.changeset/bad.md', text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.location).toEqual({ file: '.changeset/bad.md', line, column: 1 });
    expect(r.errors[0]!.message).toContain(says);
    expect(r.errors[0]!.fix.length).toBeGreaterThan(0);
  });

  it('a file with one invalid release is refused whole, as changeset version refuses it', () => {
    const r = parseChangeset('c.md', '---\na: huge\nb: minor\n---\n');
    expect(r.changeset).toBeUndefined();
    expect(r.errors).toHaveLength(1);
  });
});

describe('bumps', () => {
  it('takes the largest bump per package across changesets', () => {
    const a = parseChangeset('a.md', '---\nx: patch\ny: major\n---\n').changeset!;
    const b = parseChangeset('b.md', '---\nx: minor\n---\n').changeset!;
    expect([...bumpsByPackage([a, b])]).toEqual([['x', 'minor'], ['y', 'major']]);
  });
  it.each([
    ['major', 'major', true], ['major', 'minor', true], ['minor', 'major', false], ['patch', 'minor', false], [undefined, 'patch', false], [undefined, 'none', true],
  ] as const)('%s covers %s: %s', (have, need, ok) => expect(bumpCovers(have, need)).toBe(ok));
  it('a template is a changeset the parser reads back', () => {
    const t = changesetTemplate(['@a/x', '@a/y'], 'major', 'Note.');
    expect(parseChangeset('t.md', t).changeset?.releases.map((r) => `${r.name}:${r.bump}`)).toEqual(['@a/x:major', '@a/y:major']);
  });
  it('README.md in .changeset is not a changeset', () => {
    expect(['README.md', 'readme.md', 'brave-dogs.md', 'config.json'].filter(isChangesetFile)).toEqual(['brave-dogs.md']);
  });
});
