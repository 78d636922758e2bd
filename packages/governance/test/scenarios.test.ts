// Every folder test/scenarios/NN-slug is a pull request: a base and a head taxonomy
// (overlaid on _template/), optional changesets/, app/ sources and facts.json, and the
// findings it must produce (expected.json). One runner, driven by the folder listing.
// UPDATE_SCENARIOS=1 rewrites the expected findings from the code, for review.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '@taxonomy/governance';
import { actual, loadScenario, scenarioNames } from './scenario.js';

const names = scenarioNames();

describe('pull-request scenarios', () => {
  it('there are at least 60', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  it('the template alone is clean: no findings, no changes', () => {
    const s = loadScenario('00-template-unchanged');
    expect(s.head.diagnostics).toEqual([]);
    const r = s.run();
    expect(r.findings).toEqual([]);
    expect(r.diff.changes).toEqual([]);
  });

  for (const name of names) {
    it(name, () => {
      const s = loadScenario(name);
      expect(s.base.model, 'the base taxonomy loads').toBeDefined();
      const r = s.run();
      const got = actual(r);
      if (process.env.UPDATE_SCENARIOS) {
        // Rewrites what the code produces; review the diff before committing (golden files).
        const { title, today, passes, says } = s.expected;
        const out = { title, ...(today ? { today } : {}), verdict: got.verdict, findings: got.findings, ...(got.notes.length ? { notes: got.notes } : {}), changes: got.changes, bump: got.bump, ...(passes ? { passes } : {}), ...(says ? { says } : {}) };
        writeFileSync(join(s.dir, 'expected.json'), JSON.stringify(out, null, 2) + '\n');
        return;
      }
      expect(got.findings, s.expected.title).toEqual(s.expected.findings);
      expect(got.notes).toEqual(s.expected.notes ?? []);
      if (s.expected.changes) expect(got.changes).toEqual(s.expected.changes);
      if (s.expected.bump) expect(got.bump).toBe(s.expected.bump);
      expect(s.expected.verdict, 'expected.json states the verdict').toBeDefined();
      expect(got.verdict).toBe(s.expected.verdict);
      for (const id of s.expected.passes ?? []) expect(r.findings.filter((f) => f.id === id), `${id} stays silent`).toEqual([]);
      for (const [id, text] of Object.entries(s.expected.says ?? {})) {
        const f = r.findings.filter((x) => x.id === id);
        expect(f.length, `a ${id} finding`).toBeGreaterThan(0);
        expect(f.map((x) => `${x.message}\n${x.fix}`).join('\n')).toContain(text);
      }
    });
  }

  it('every rule is exercised both ways: caught in one scenario, and silent in a compliant one', () => {
    const caught = new Set<string>();
    const passed = new Set<string>();
    let compliant = 0;
    for (const name of names) {
      const s = loadScenario(name);
      for (const f of [...s.expected.findings, ...(s.expected.notes ?? [])]) caught.add(f.id);
      for (const id of s.expected.passes ?? []) passed.add(id);
      if (s.expected.findings.length === 0) compliant++;
    }
    const ids = ALL_RULES.map((r) => r.id);
    expect(ids.filter((id) => !caught.has(id)), 'rules no scenario catches').toEqual([]);
    expect(ids.filter((id) => !passed.has(id)), 'rules no compliant scenario exercises').toEqual([]);
    expect([...passed].filter((id) => !ids.includes(id)), 'unknown ids in passes').toEqual([]);
    expect(compliant).toBeGreaterThanOrEqual(12);
  });
});
