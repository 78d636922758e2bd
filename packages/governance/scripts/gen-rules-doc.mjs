// Writes docs/rules.md (the rules page) from the rules' own metadata. `--check` fails
// when the committed page differs. Run after `npm run build`.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderRulesPage } from '../dist/index.js';

const out = fileURLToPath(new URL('../../../docs/rules.md', import.meta.url));
const page = renderRulesPage();
if (process.argv.includes('--check')) {
  const cur = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (cur !== page) { console.error('docs/rules.md is out of date: run `node packages/governance/scripts/gen-rules-doc.mjs`'); process.exit(1); }
  console.log('docs/rules.md up to date');
} else { writeFileSync(out, page); console.log('wrote', out); }
