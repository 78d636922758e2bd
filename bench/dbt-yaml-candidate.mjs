// One candidate of `npm run bench -- dbt-yaml`, alone in a fresh process:
//   node bench/dbt-yaml-candidate.mjs emit|library <setup.json>
// Checks its text is the generator's schema.yml byte for byte, then prints the milliseconds of
// its first call (what one `taxonomy generate` pays) and the median of 5 calls.
import { readFileSync } from 'node:fs';
import { jinjaSafe } from '../generators/dbt/dist/index.js';
import { toYaml } from '../generators/dbt/dist/yaml-emit.js';
import { yamlText } from '../generators/dbt/dist/yaml-text.js';
import { median } from './lib.mjs';

const [which, setupFile] = process.argv.slice(2);
const { doc, expected, header } = JSON.parse(readFileSync(setupFile, 'utf8'));
const write = which === 'emit' ? toYaml : yamlText;
const times = [];
let text = '';
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  text = write(doc, jinjaSafe);
  times.push(performance.now() - t);
}
if (header + text !== expected) {
  console.error(`${which}: the text differs from the generator's schema.yml`);
  process.exit(1);
}
console.log(JSON.stringify({ first: times[0], warm: median(times) }));
