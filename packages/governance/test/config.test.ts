import { describe, expect, it } from 'vitest';
import { levelFor, unknownRuleKeys, ALL_RULES } from '@taxonomy/governance';

const rule = { id: 'privacy/no-pii', defaultLevel: 'error' } as const;

describe('rule levels from taxonomy.yaml rules:', () => {
  it.each([
    [{}, 'error'],
    [{ '*': 'warn' }, 'warn'],
    [{ '*': 'warn', 'privacy/*': 'off' }, 'off'],
    [{ '*': 'off', 'privacy/*': 'warn', 'privacy/no-pii': 'error' }, 'error'],
    [{ 'doc/*': 'off' }, 'error'],
    [{ 'privacy/no-pii': 'warn' }, 'warn'],
  ] as const)('%j → %s', (rules, level) => expect(levelFor(rule, rules)).toBe(level));

  it('an info rule stays info unless configured', () => {
    expect(levelFor({ id: 'impact/affected', defaultLevel: 'info' }, {})).toBe('info');
    expect(levelFor({ id: 'impact/affected', defaultLevel: 'info' }, { 'impact/*': 'warn' })).toBe('warn');
  });

  it('keys that name no rule or group are reported', () => {
    expect(unknownRuleKeys({ 'privacy/no-pii': 'warn', 'privacy/*': 'off', '*': 'warn', 'privacy/no-pi': 'warn', 'nope/*': 'off' }, ALL_RULES)).toEqual(['nope/*', 'privacy/no-pi']);
  });
});
