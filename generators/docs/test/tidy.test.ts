// tidy() replaced four regular expressions with scans; it must give exactly their result.
import { describe, expect, it } from 'vitest';
import { tidy, trimLineEnds } from '../src/tidy.js';

const reference = (t: string) => t.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').replace(/\n*$/, '\n');
const CASES = [
  '', '\n', '\n\n\n', 'a', 'a\n', 'a\n\n', 'a \n', 'a\t \n b  ', '  \n  \n', ' ', '\t', 'x\n\n\n\ny', '\n\nx', 'a \r\nb \r\n', 'a \u2028b', 'a\t\u2029',
  '| a | b |  \n|---|---|\n\n\n\n## h \n', 'no trailing', 'trailing spaces   ', 'line\n \n \n \nend\n\n\n', 'é  \n𝄞\t\n',
];

/** A deterministic pseudo-random pick, so a failure is reproducible. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('tidy', () => {
  it('equals the regular-expression rules on edge cases', () => {
    for (const c of CASES) {
      expect(tidy(c), JSON.stringify(c)).toBe(reference(c));
      expect(trimLineEnds(c), JSON.stringify(c)).toBe(c.replace(/[ \t]+$/gm, ''));
    }
  });

  it('equals them on random mixes of spaces, tabs, line breaks and text', () => {
    const next = rng(7);
    const parts = [' ', '\t', '\n', '\n\n', 'a', 'word', '\r', '|'];
    for (let i = 0; i < 2000; i++) {
      const t = Array.from({ length: Math.floor(next() * 30) }, () => parts[Math.floor(next() * parts.length)]).join('');
      expect(tidy(t), JSON.stringify(t)).toBe(reference(t));
    }
  });
});
