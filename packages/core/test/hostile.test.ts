// Hostile inputs that cannot live as committed fixtures (too big) or need timing bounds.
import { describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { formatDiagnostic, loadTaxonomy, parseYamlText } from '@taxonomy/core';
import { CATEGORIES, ROOT, writeTaxonomy } from './helpers.js';

describe('hostile inputs', () => {
  it('refuses a 50 MB file quickly, naming the file and the limit', () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    const dir = writeTaxonomy({ 'taxonomy.yaml': ROOT, 'domains/huge.yaml': big });
    const t0 = performance.now();
    const r = loadTaxonomy(dir, { cwd: dirname(dir) });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.failed).toBe(true);
    expect(r.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/^taxonomy\/domains\/huge\.yaml:1:1 error file is 50\.0 MB; taxonomy files may be at most 5 MB/);
  });

  it('stops an alias bomb without expanding it', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const t0 = performance.now();
    const r = parseYamlText(levels.join('\n'), 'bomb.yaml');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.file).toBeUndefined();
    expect(r.diagnostics[0]?.code).toBe('yaml/alias-bomb');
  });

  it('never pollutes Object.prototype, whatever the key', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const r = parseYamlText(`${key}:\n  polluted: true\n`, 'x.yaml');
      expect(r.diagnostics[0]?.code).toBe('yaml/forbidden-key');
      expect(r.diagnostics[0]?.location).toEqual({ file: 'x.yaml', line: 1, column: 1 });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a non-UTF-8 byte at its line and column', () => {
    const dir = writeTaxonomy({ 'taxonomy.yaml': ROOT, 'domains/a.yaml': Buffer.from([...Buffer.from('domain: a\nevents: {}\n# caf'), 0xe9, 0x0a]) });
    const r = loadTaxonomy(dir, { cwd: dirname(dir) });
    expect(r.diagnostics.map(formatDiagnostic)[0]).toMatch(/^taxonomy\/domains\/a\.yaml:3:6 error file is not valid UTF-8/);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const dir = writeTaxonomy({ 'taxonomy.yaml': '\ufeff' + ROOT, 'categories.yaml': CATEGORIES, 'domains/a.yaml': 'domain: a\nevents:\n  e: { category: core_loop }\n' });
    expect(loadTaxonomy(dir).failed).toBe(false);
  });

  it('reports a missing folder as an I/O error (exit 2), not a finding', () => {
    const r = loadTaxonomy('/nonexistent/taxonomy', { cwd: '/' });
    expect(r.ioError).toBe(true);
    expect(r.diagnostics[0]?.message).toBe("taxonomy folder 'nonexistent/taxonomy' does not exist");
  });

  it('handles deeply nested YAML without a stack overflow', () => {
    const deep = 'domain: a\nevents:\n  e:\n    x-deep: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    const dir = writeTaxonomy({ 'taxonomy.yaml': ROOT, 'categories.yaml': CATEGORIES, 'domains/a.yaml': deep });
    const r = loadTaxonomy(dir);
    // Either it loads (an x- annotation may hold anything) or it reports; it never throws.
    expect(Array.isArray(r.diagnostics)).toBe(true);
  });
});
