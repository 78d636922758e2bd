import { formatDiagnostic } from '@taxonomy/core';
import type { Rule } from '../types.js';

export const governanceBaseInvalid: Rule = {
  id: 'governance/base-invalid',
  defaultLevel: 'error',
  compares: false,
  summary: 'The taxonomy at the base ref loads, so the change can be judged against it.',
  details: 'When the base does not load, nothing can be compared: the compat/, doc/shape-change, impact/ and policy rules cannot run, every finding counts as introduced, and the rule levels are the change\'s own (which it could have relaxed). So the gate does not pass by accident: it blocks, naming the base\'s first error. The base branch is fixed first (a pull request an administrator merges), or the comparison is made with an older base (`--base <commit>`).',
  example: { bad: '# main has a YAML error in taxonomy/domains/shop.yaml', good: '# main loads: taxonomy check on main exits 0 or 1, never with schema errors' },
  check: (_base, _head, facts) => {
    const errors = facts.baseErrors ?? [];
    if (!errors.length) return [];
    return [{
      message: `the taxonomy at the base does not load (${errors.length} error${errors.length === 1 ? '' : 's'}; first: ${formatDiagnostic(errors[0]!)}), so the change could not be compared with it: the compat/, doc/shape-change, impact/ and policy rules did not run and every finding counts as introduced`,
      fix: 'fix the base branch first (taxonomy check on it shows the errors), or compare with an older base that loads: --base <commit>',
    }];
  },
};
