// The docs say what a ratio's `within: denominator` means: a definition that left it out would
// describe seed 002's template usage rate as counting every draft with a template.
import { describe, expect, it } from 'vitest';
import { definitionText } from '../src/describe.js';
import { model } from './helpers.js';

const plain = (m: string) => definitionText(model().metrics.find((x) => x.name === m)!).map((s) => (s.code ? `\`${s.text}\`` : s.text)).join('');

describe('metric definitions in the docs', () => {
  it('a numerator within its denominator names the shared key', () => {
    expect(plain('template_usage_rate')).toBe('(distinct count of `draftId` over `workbench.template_inserted`, only where `draftId` is one of the denominator\'s) ÷ (distinct count of `draftId` over `workbench.draft_accepted`)');
  });
  it('a ratio without within says nothing of keys', () => {
    expect(plain('template_suggestion_rate')).toBe('(count of `workbench.template_suggested`) ÷ (count of `workbench.chat_message_sent`)');
  });
});
