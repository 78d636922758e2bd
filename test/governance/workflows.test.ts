// The CI workflows of the taxonomy (.github/workflows/taxonomy.yml and release.yml):
// parsed as YAML, checked against a structural schema of GitHub Actions workflows (written
// here, no network), then against what the gates need (order, flags, comment, blocking).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { main, type Io } from '@taxonomy/cli';
import { SUMMARY_MARKER } from '@taxonomy/governance';

const repo = join(import.meta.dirname, '../..');
type Step = { id?: string; name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string>; 'continue-on-error'?: boolean };
type Workflow = { name: string; on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, { 'runs-on': string; steps: Step[] }> };

function load(file: string): { wf: Workflow; text: string } {
  const text = readFileSync(join(repo, '.github/workflows', file), 'utf8');
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return { wf: doc.toJS() as Workflow, text };
}

/** The shape of a workflow this repository writes (a subset of GitHub's schema, strict on what we use). */
const schema = {
  type: 'object', required: ['name', 'on', 'jobs'], additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    on: { type: 'object', minProperties: 1, propertyNames: { enum: ['pull_request', 'push', 'workflow_dispatch'] } },
    permissions: { type: 'object', additionalProperties: { enum: ['read', 'write', 'none'] } },
    concurrency: { type: 'object', required: ['group'], properties: { group: { type: 'string' }, 'cancel-in-progress': { type: 'boolean' } }, additionalProperties: false },
    env: { type: 'object' },
    jobs: {
      type: 'object', minProperties: 1,
      additionalProperties: {
        type: 'object', required: ['runs-on', 'steps'], additionalProperties: false,
        properties: {
          name: { type: 'string' }, 'runs-on': { type: 'string' }, 'timeout-minutes': { type: 'integer', minimum: 1 }, if: { type: 'string' }, needs: {}, permissions: { type: 'object' }, env: { type: 'object' },
          steps: {
            type: 'array', minItems: 1,
            items: {
              type: 'object', additionalProperties: false,
              oneOf: [{ required: ['uses'] }, { required: ['run'] }],
              properties: {
                id: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' }, name: { type: 'string' }, if: { type: 'string' },
                uses: { type: 'string', pattern: '^[a-z0-9-]+/[a-z0-9-]+@v[0-9]+$' }, run: { type: 'string', minLength: 1 },
                with: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
                env: { type: 'object', additionalProperties: { type: 'string' } },
                'continue-on-error': { type: 'boolean' }, 'timeout-minutes': { type: 'integer' }, shell: { type: 'string' }, 'working-directory': { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
};
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const CONTEXTS = /^(github|env|steps|runner|secrets|needs|matrix|inputs|vars|job)\./;
function expressions(text: string): string[] {
  return [...text.matchAll(/\$\{\{\s*(.+?)\s*\}\}/g)].map((m) => m[1]!);
}

async function command(name: string): Promise<string> {
  let out = '';
  const io: Io = { out: (t) => { out += t; }, err: () => {}, color: false, cwd: repo };
  expect(await main(['help', name], io), `taxonomy ${name} exists`).toBe(0);
  return out;
}

describe.each(['taxonomy.yml', 'release.yml'])('%s', (file) => {
  const { wf, text } = load(file);

  it('is a valid workflow by the structural schema', () => {
    expect(validate(wf) ? [] : validate.errors).toEqual([]);
  });

  it('uses only known expression contexts, and never interpolates event data into a shell script', () => {
    for (const e of expressions(text)) expect(e, e).toMatch(CONTEXTS);
    for (const job of Object.values(wf.jobs)) for (const s of job.steps) {
      if (s.run) expect(s.run, `${s.name}: pass values through env:`).not.toMatch(/\$\{\{/);
    }
  });

  it('checks out the full history and installs with npm ci on Node 20', () => {
    const steps = Object.values(wf.jobs)[0]!.steps;
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps.find((s) => s.uses === 'actions/setup-node@v4')?.with?.['node-version']).toBe(20);
    expect(steps.some((s) => s.run === 'npm ci')).toBe(true);
  });

  it('every taxonomy command it runs exists, with the flags it passes', async () => {
    for (const job of Object.values(wf.jobs)) for (const s of job.steps) {
      for (const m of (s.run ?? '').matchAll(/npx --no-install taxonomy (\w+)((?: [^\n]*)?)/g)) {
        const help = await command(m[1]!);
        for (const flag of m[2]!.match(/--[a-z-]+/g) ?? []) expect(help, `taxonomy ${m[1]} ${flag}`).toContain(flag);
      }
    }
  });
});

describe('the structural schema', () => {
  const { wf } = load('taxonomy.yml');
  const broken = (mutate: (w: Workflow) => void) => { const w = structuredClone(wf); mutate(w); return validate(w); };
  it.each([
    ['a step with both uses and run', (w: Workflow) => { w.jobs.gates!.steps[0]!.run = 'echo'; }],
    ['a step with neither', (w: Workflow) => { w.jobs.gates!.steps[0] = { name: 'x' }; }],
    ['an action not pinned to a major version', (w: Workflow) => { w.jobs.gates!.steps[0]!.uses = 'actions/checkout@main'; }],
    ['a job without runs-on', (w: Workflow) => { delete (w.jobs.gates as Partial<Workflow['jobs'][string]>)['runs-on']; }],
    ['a misspelt key', (w: Workflow) => { (w.jobs.gates!.steps[1] as Record<string, unknown>).wiht = {}; }],
    ['an unknown trigger', (w: Workflow) => { w.on = { pull_requests: null }; }],
  ])('rejects %s', (_name, mutate) => expect(broken(mutate)).toBe(false));
});

describe('taxonomy.yml: the pull-request gates', () => {
  const { wf } = load('taxonomy.yml');
  const steps = wf.jobs.gates!.steps;
  const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);

  it('runs on pull requests and may comment on them', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it('installs, checks, checks generated drift, then governs against origin/<base branch>', () => {
    const order = [
      index((s) => s.run === 'npm ci'),
      index((s) => s.run === 'npx --no-install taxonomy check'),
      index((s) => s.run === 'npx --no-install taxonomy generate --check'),
      index((s) => s.id === 'govern'),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const govern = steps[order[3]!]!;
    expect(govern.run).toBe('npx --no-install taxonomy govern --base "origin/$BASE_REF" --format github --summary "$SUMMARY_FILE"');
    expect(govern.env).toMatchObject({ BASE_REF: '${{ github.base_ref }}', SUMMARY_FILE: '${{ runner.temp }}/taxonomy-summary.md' });
    expect(govern['continue-on-error']).toBe(true);
  });

  it('posts or updates one PR comment found by the summary marker', () => {
    const c = steps.find((s) => s.uses === 'actions/github-script@v7')!;
    expect(c.if).toContain('always()');
    const script = String(c.with?.script);
    expect(script).toContain(`'${SUMMARY_MARKER}'`);
    expect(script).toContain('updateComment');
    expect(script).toContain('createComment');
    expect(script).toContain('github.paginate');
    expect(index((s) => s === c)).toBeGreaterThan(index((s) => s.id === 'govern'));
    // The script is valid JavaScript (wrapped the way github-script runs it).
    expect(() => new Function('require', 'github', 'context', 'core', `return (async () => {\n${script}\n})`)).not.toThrow();
  });

  it('fails the job (blocking the merge) when govern failed, after the comment is posted', () => {
    const last = steps[steps.length - 1]!;
    expect(last.if).toBe("steps.govern.outcome == 'failure'");
    expect(last.run).toMatch(/exit 1\s*$/);
  });
});

describe('release.yml: changesets version and publish the generated packages', () => {
  const { wf } = load('release.yml');
  const steps = wf.jobs.release!.steps;

  it('runs on pushes to the base branch changesets is configured for', () => {
    const config = JSON.parse(readFileSync(join(repo, '.changeset/config.json'), 'utf8')) as { baseBranch: string };
    expect((wf.on.push as { branches: string[] }).branches).toEqual([config.baseBranch]);
    expect(wf.permissions).toMatchObject({ contents: 'write', 'pull-requests': 'write' });
  });

  it('checks generated output, then versions or publishes with changesets/action', () => {
    const check = steps.findIndex((s) => s.run === 'npx --no-install taxonomy generate --check');
    const cs = steps.findIndex((s) => s.uses === 'changesets/action@v1');
    expect(check).toBeGreaterThan(0);
    expect(cs).toBeGreaterThan(check);
    // The version pull request is checked too: changeset version, then generate --check (one npm script: the action runs no shell).
    expect(steps[cs]!.with).toMatchObject({ version: 'npm run version-packages', publish: 'npx --no-install changeset publish' });
    const scripts = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['version-packages']).toMatch(/^changeset version && .*taxonomy(\.js)? generate --check$/);
    expect(steps[cs]!.env).toMatchObject({ GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}', NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    expect(steps.find((s) => s.uses === 'actions/setup-node@v4')?.with?.['registry-url']).toBe('https://registry.npmjs.org');
  });
});
