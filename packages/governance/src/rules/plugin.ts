import type { Rule } from '../types.js';

export const governancePluginError: Rule = {
  id: 'governance/plugin-error',
  defaultLevel: 'error',
  compares: false,
  summary: 'Every custom rule (governance.plugins) loads, finishes in time and returns well-formed findings.',
  details: 'A custom rule that throws, runs past `governance.plugin_timeout_ms` (default 5000), returns something other than an array of `{ message, fix, location? }`, exports a malformed rule, or is listed by a path outside the repository is reported here, naming the module and what was wrong. Its own checks did not run, so the gate blocks rather than passing by accident.',
  example: { bad: "governance:\n  plugins: [../shared/rules/*.mjs]", good: "governance:\n  plugins: [./governance/rules/*.mjs]" },
  check: (_base, _head, facts) => facts.pluginErrors ?? [],
};
