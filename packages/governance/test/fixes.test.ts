// The fix test (issue 19, item 5): every suggested fix that is an edit, applied literally to
// the head of each fixture scenario, removes its finding and yields no new error.
import { describe, expect, it } from 'vitest';
import { applyEdits, subjectKey, type ClassifiedFinding, type FixEdit } from '@taxonomy/governance';
import { loadScenario, scenarioNames } from './scenario.js';

const names = scenarioNames().filter((n) => loadScenario(n).head.model);
/** A finding's identity across line moves: the rule and what it is about. */
const key = (f: ClassifiedFinding) => subjectKey(f.id, f);

function applyAll(files: ReadonlyMap<string, string>, fixes: readonly ClassifiedFinding[]): Map<string, string> {
  const byFile = new Map<string, FixEdit[]>();
  for (const f of fixes) byFile.set(f.edit!.file, [...(byFile.get(f.edit!.file) ?? []), f.edit!]);
  const out = new Map(files);
  for (const [file, edits] of byFile) {
    const rel = file.replace(/^taxonomy\//, '');
    const text = out.get(rel);
    if (text === undefined) throw new Error(`the fix names ${file}, which is not in the head taxonomy`);
    out.set(rel, applyEdits(text, edits));
  }
  return out;
}

describe('suggested fixes, applied literally', () => {
  const edited: string[] = [];
  const rules = new Set<string>();
  for (const name of names) {
    it(name, () => {
      const s = loadScenario(name);
      const before = s.run();
      const fixes = before.findings.filter((f) => f.edit && f.level !== 'info');
      if (!fixes.length) return;
      edited.push(name);
      for (const f of fixes) rules.add(f.id);
      const after = s.run(applyAll(s.headFiles, fixes));
      const loadErrors = after.headDiagnostics.filter((d) => d.severity === 'error' && !s.head.diagnostics.some((x) => x.code === d.code && x.message === d.message));
      expect(loadErrors.map((d) => `${d.code} ${d.message}`), 'the fixed taxonomy loads without a new error').toEqual([]);
      const had = new Set(before.findings.map(key));
      const newErrors = after.findings.filter((f) => f.level === 'error' && !had.has(key(f)));
      expect(newErrors.map((f) => `${f.id}: ${f.message}`), 'no new error').toEqual([]);
      const left = new Set(after.findings.map(key));
      expect(fixes.filter((f) => left.has(key(f))).map((f) => `${f.id}: ${f.message} (fix: ${f.fix})`), 'each applied fix removes its finding').toEqual([]);
    });
  }
  it('the fixes of many scenarios are edits (the test above is not vacuous)', () => {
    expect(edited.length).toBeGreaterThanOrEqual(8);
    // Every rule whose fix is an edit has it applied in at least one scenario.
    expect([...rules].sort()).toEqual(['compat/version-bump', 'doc/description', 'doc/property-description', 'doc/shape-change', 'doc/trigger', 'privacy/content-gating', 'privacy/free-text']);
  });
});

describe('applyEdits', () => {
  const text = [
    'domain: shop',
    'events:',
    '  # the cart',
    '  cart_viewed:',
    '    description: Cart opened.',
    '    changelog:',
    '      - { version: 1, change: First. }',
    '    properties:',
    '      note: { type: string, privacy: public }',
    '',
  ].join('\n');
  it.each([
    ['sets a key on a flow-mapping property, keeping the line', { file: 'f', line: 9, set: { maxLength: 200 } }, '      note: { type: string, privacy: public, maxLength: 200 }'],
    ['appends to an existing list on an event', { file: 'f', line: 4, append: { changelog: [{ version: 1, change: '<what changed and why>' }] } }, '      - { version: 1, change: <what changed and why> }'],
    ['creates a missing key on an event', { file: 'f', line: 4, set: { trigger: '<when>' } }, '    trigger: <when>'],
  ])('%s', (_name, edit, line) => {
    const out = applyEdits(text, [edit]);
    expect(out.split('\n')).toContain(line);
    expect(out).toContain('# the cart');
  });
  it('an edit that points at no mapping throws, naming the place', () => {
    expect(() => applyEdits(text, [{ file: 'f', line: 1, set: { x: 1 } }])).toThrow('no mapping at f:1');
  });
});
