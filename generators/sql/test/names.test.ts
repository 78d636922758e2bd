import { describe, expect, it } from 'vitest';
import { uniqueSqlNames } from '../src/names.js';

const ev = (name: string, domain: string) => ({ name, domain });

describe('uniqueSqlNames: the documented rule for names that fold together', () => {
  it.each([
    ['no twin', [ev('signup', 'a')], { signup: 'signup' }],
    ['the lower-case name keeps it, the other carries its domain', [ev('SIGNUP', 'growth'), ev('signup', 'product')], { SIGNUP: 'signup__growth', signup: 'signup' }],
    ['no keeper: every twin carries its domain', [ev('SignUp', 'a'), ev('SIGNUP', 'b')], { SignUp: 'signup__a', SIGNUP: 'signup__b' }],
    ['dot and double underscore', [ev('a.b', 'x'), ev('a__b', 'y')], { 'a.b': 'a__b__x', a__b: 'a__b' }],
    ['$ events', [ev('$pageview', 'ph'), ev('pageview', 'web')], { $pageview: '_pageview', pageview: 'pageview' }],
  ])('%s', (_, events, expected) => {
    expect(Object.fromEntries(uniqueSqlNames(events))).toEqual(expected);
  });

  it('does not depend on the order of the events', () => {
    const events = [ev('SIGNUP', 'growth'), ev('signup', 'product'), ev('Signup', 'ops')];
    expect(uniqueSqlNames(events)).toEqual(uniqueSqlNames([...events].reverse()));
  });

  it('a name still shared after the rule fails naming both events', () => {
    expect(() => uniqueSqlNames([ev('signup', 'a'), ev('SIGNUP', 'growth'), ev('signup__growth', 'c')])).toThrow(/events '(signup__growth|SIGNUP)' and '(SIGNUP|signup__growth)' both map to the SQL name 'signup__growth'/);
  });
});
