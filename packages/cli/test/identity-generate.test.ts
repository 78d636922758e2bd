// Regression: a second domain with an event `SIGNUP` beside seed 003's `signup` passed check
// and generate, while one SQL view and dbt model overwrote the other and
// metric_acquisition_funnel disappeared from SQL, dbt and the metrics package.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './cli-run.js';

const repoTaxonomy = join(import.meta.dirname, '../../../taxonomy');
const SHOUTING = `domain: growth
owner: growth
destinations: [warehouse]
events:
  SIGNUP:
    description: A signup counted by the growth team.
    trigger: The growth backend sees a new account.
    category: acquisition
    properties:
      plan: { type: string, enum: [free, pro], required: true, privacy: public }
`;

describe('identity in generated names', () => {
  it('signup and SIGNUP in two domains: two views, two dbt models, two schema files, every metric kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taxonomy-identity-'));
    cpSync(repoTaxonomy, join(dir, 'taxonomy'), { recursive: true });
    writeFileSync(join(dir, 'taxonomy/domains/growth.yaml'), SHOUTING);
    const r = await run(['generate', '--no-cache', '--only', 'json-schema,sql,dbt,metrics'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const views = readFileSync(join(dir, 'packages/sql/sqlite/views.sql'), 'utf8');
    expect(views).toMatch(/CREATE VIEW "ev_signup" AS/);
    expect(views).toMatch(/CREATE VIEW "ev_signup__growth" AS/);
    // The growth view reads the growth event only.
    const growth = views.slice(views.indexOf('CREATE VIEW "ev_signup__growth"'));
    expect(growth.slice(0, growth.indexOf(';'))).toContain(`'SIGNUP'`);
    expect(views).toContain('"metric_acquisition_funnel"');
    expect(existsSync(join(dir, 'dbt/models/staging/stg_signup.sql'))).toBe(true);
    expect(existsSync(join(dir, 'dbt/models/staging/stg_signup__growth.sql'))).toBe(true);
    expect(existsSync(join(dir, 'dbt/models/metrics/metric_acquisition_funnel.sql'))).toBe(true);
    expect(readFileSync(join(dir, 'packages/metrics/index.js'), 'utf8')).toContain('computeAcquisitionFunnel');
    expect(existsSync(join(dir, 'packages/schemas/schemas/signup.v1.json'))).toBe(true);
    expect(existsSync(join(dir, 'packages/schemas/schemas/SIGNUP.growth.v1.json'))).toBe(true);
  }, 60_000);

  it('a twin inside one domain is refused by check and generate, naming both places', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taxonomy-identity-'));
    cpSync(repoTaxonomy, join(dir, 'taxonomy'), { recursive: true });
    writeFileSync(join(dir, 'taxonomy/domains/growth.yaml'), SHOUTING.replace('  SIGNUP:', '  sign_up:\n    description: x\n    trigger: y\n    category: acquisition\n  SIGNUP:'));
    for (const cmd of ['check', 'generate']) {
      const r = await run([cmd, '--no-cache'], dir);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/taxonomy\/domains\/growth\.yaml:9:3 error event 'SIGNUP' differs from 'sign_up' \(taxonomy\/domains\/growth\.yaml:5:3\)/);
    }
  }, 60_000);
});
