// patternProperties keys as TypeScript template-literal key types: a literal prefix is read
// only when the pattern pins it; anything else is left to the validators (undefined: any string).
import { describe, expect, it } from 'vitest';
import { templateKey } from '../src/pattern-key.js';

describe('templateKey', () => {
  it.each([
    ['^x-[a-z]+$', '`x-${string}`'],
    ['^x_', '`x_${string}`'],
    ['^data\\.', '`data.${string}`'],
    ['^ab?c', '`a${string}`'], // b is optional: the prefix stops before it
    ['^ab*', '`a${string}`'],
    ['^ab{2}', '`a${string}`'],
    ['^ab+', '`a${string}`'],
    ['^(x|y)-', undefined],
    ['^x-|^y-', undefined], // an alternation: keys need not start with x-
    ['^(?=x)', undefined],
    ['x-', undefined], // unanchored
    ['^[a-z]', undefined], // no literal prefix
    ['^\\d+', undefined],
    // Hostile text: backticks, ${, backslashes and line separators are escaped inside the template.
    ['^q"`\\$\\{a\\}\\\\\u2028-\\d+', '`q"\\`\\${a}\\\\\\u2028-${string}`'],
  ])('%s → %s', (pattern, want) => {
    expect(templateKey(pattern)).toBe(want);
  });
});
