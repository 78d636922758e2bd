/** The example custom rule docs/rules.md prints; a test copies it out of the page and runs it. */
export const EXAMPLE_PLUGIN = `// governance/rules/no-test-events.mjs: test events stay out of the taxonomy
export default {
  id: 'acme/no-test-events',
  defaultLevel: 'error',
  compares: false,
  summary: 'No event is named test_… or …_test: test traffic goes to a test taxonomy.',
  check(base, head, facts) {
    return head.events
      .filter((e) => /^test_|_test$/.test(e.name))
      .map((e) => ({
        message: \`event '\${e.name}' looks like a test event\`,
        location: e.location,
        fix: 'remove it; send test traffic with a test write key instead',
      }));
  },
};`;

/** The "Custom rules" section of the rules page. */
export function customRulesSection(defaultTimeoutMs: number): string[] {
  return [
    '## Custom rules',
    '',
    'A team adds its own rules as ES modules listed in `taxonomy.yaml`, as globs relative to the repository root:',
    '',
    '```yaml',
    'governance:',
    '  plugins: [./governance/rules/*.mjs]',
    `  plugin_timeout_ms: ${defaultTimeoutMs}   # a module that runs longer is stopped (governance/plugin-error)`,
    'rules:',
    '  acme/no-test-events: warn   # levels are set by id (or acme/*), like built-in rules',
    '```',
    '',
    'The contract is the built-in rules\' one. A module exports a rule (or an array of rules) as its default export:',
    '',
    '- `id`: `<group>/<name>` in lower case, not a built-in id; the key under `rules:`.',
    '- `defaultLevel`: `error`, `warn` or `info`; `summary` (one line) and optionally `details`.',
    '- `compares`: `true` when the rule looks at the change (it then needs a base that loads), `false` when it looks at the head alone (it also runs on the base alone, so what it finds there is debt, as for built-in rules).',
    '- `check(base, head, facts)`: returns (or resolves to) an array of findings `{ message, fix, location?: { file, line, column } }`. `base` and `head` are the resolved models (`head.events`, `e.properties`, `e.location`, …; `base` is `undefined` when there is none); `facts` holds `today` (YYYY-MM-DD), `diff` (the classified changes) and `config` (the governance settings). Data only: no disk, clock or network is needed.',
    '',
    'The modules are read from the base ref\'s tree, like the rule levels: a change cannot add, edit or remove the rules that judge it. Each module runs in a worker thread, stopped after `plugin_timeout_ms`. A module that cannot be imported, throws, runs too long, exports a malformed rule or returns malformed findings, and a glob outside the repository or matching no file, is a `governance/plugin-error` finding naming the module and what was wrong.',
    '',
    'Example (the test suite copies this block into a repository and runs `taxonomy govern` with it):',
    '',
    '```js',
    EXAMPLE_PLUGIN,
    '```',
    '',
  ];
}
