import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { docsGenerator, pageNames, renderCatalog } from '@taxonomy/gen-docs';
import { fixtures, golden, hostile, model, repo } from './helpers.js';

const m = model();
const files = renderCatalog(m, {});
const byPath = new Map(files.map((f) => [f.path, f.contents]));
const page = (p: string) => { const c = byPath.get(p); if (c === undefined) throw new Error(`no page ${p}`); return c; };
const renderer = new MarkdownIt({ html: true });

/** GitHub's heading anchor: lower case, punctuation but - and _ dropped, spaces to -. */
const anchor = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

describe('Markdown catalog of the seed taxonomy', () => {
  it('has an index, a page per domain, category and event, metrics and privacy pages', () => {
    const count = (prefix: string) => files.filter((f) => f.path.startsWith(prefix)).length;
    expect(count('events/')).toBe(m.events.length);
    expect(count('domains/')).toBe(m.domains.length);
    expect(count('categories/')).toBe(m.categories.length);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['README.md', 'metrics.md', 'privacy.md', 'domains/workbench.md', 'events/workbench.draft_created.md', 'events/_pageview.md']));
    expect(files.length).toBe(3 + m.domains.length + m.categories.length + m.events.length);
  });

  it('every relative link points at a generated page, and every #anchor at a heading there', () => {
    let checked = 0;
    for (const f of files) {
      for (const [, href] of f.contents.matchAll(/\]\(([^)\s]+)\)/g)) {
        const [path, hash] = decodeURI(href!).split('#');
        const target = path ? posix.normalize(posix.join(posix.dirname(f.path), path)) : f.path;
        expect(byPath.has(target), `${f.path} links to ${href}`).toBe(true);
        if (hash) {
          const headings = [...page(target).matchAll(/^#+ (.+)$/gm)].map((h) => anchor(h[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')));
          expect(headings, `${f.path} links to ${href}`).toContain(hash);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('every table row has as many cells as its header (no taxonomy text breaks a table)', () => {
    for (const f of files) {
      const html = renderer.render(f.contents);
      for (const table of html.split('<table>').slice(1)) {
        const head = (table.split('</thead>')[0]!.match(/<th[ >]/g) ?? []).length;
        for (const row of table.split('</thead>')[1]!.split('</table>')[0]!.split('</tr>').slice(0, -1)) {
          expect((row.match(/<td[ >]/g) ?? []).length, `${f.path}: ${row.slice(0, 120)}`).toBe(head);
        }
      }
    }
  });

  it('an event page has its property table (seed 002: name, type, required, enum values, privacy, description)', () => {
    const p = page('events/workbench.draft_created.md');
    expect(p).toContain('| Property | Type | Required | Values | Privacy | Description |');
    expect(p).toContain('| `source` | string | yes | `chat`, `template`, `blank` | [`internal`](../privacy.md#internal) | Where the draft came from. |');
    expect(p).toContain('| `nodeCount` | integer | no | ≥ 0 |');
    expect(p).toContain('| Category | [`workbench_drafts`](../categories/workbench_drafts.md) |');
    expect(p).toContain('| Owner | `platform` |');
    expect(p).toContain('| Destinations | `warehouse` |');
    expect(p).toContain('- [`time_to_create_workflow`](../metrics.md#time_to_create_workflow): median time from `workbench.draft_created` to `workbench.draft_accepted`, joined on `draftId` within 30d');
  });

  it('lists every property of every event, nested keys flattened', () => {
    for (const e of m.events) {
      const p = page(`events/${pageNames(m).event(e.name)}.md`);
      for (const prop of e.properties) expect(p, e.name).toContain(`| \`${prop.name}\` |`);
    }
    expect(page('events/purchase_completed.md')).toMatch(/\| `items\[\]\.productId` \| string \| yes \|/);
  });

  it('shows deprecation, replacement, version history and person properties', () => {
    const dep = page('events/modal_submitted.md');
    expect(dep).toContain('> **Deprecated.** Use [`slack_modal_interaction`](../events/slack_modal_interaction.md) instead.');
    expect(page('events/_pageview.md')).toMatch(/## Version history\n\n\| Version \| Date \| Change \|/);
    const signup = page('events/signup.md');
    expect(signup).toContain('Set once with `$set_once` (never overwritten):');
    expect(signup).toMatch(/\| `email` \| string \(email\) \| no \|  \| \[`pii`\]\(\.\.\/privacy\.md#pii\) \| Full email\. Never broadcast per-event\. \|/);
  });

  it('has seed 003\'s category table in the index', () => {
    const row = page('README.md').split('\n').find((l) => l.startsWith('| [`core_loop`]'))!;
    for (const e of ['workspace_created', 'agent_created', 'issue_created', 'chat_message_sent', 'issue_executed', 'autopilot_created', 'squad_created']) expect(row).toContain(`[\`${e}\`]`);
    expect(page('README.md')).toContain('Events without a category: [`team_invite_accepted`](events/team_invite_accepted.md), [`team_invite_sent`](events/team_invite_sent.md).');
  });

  it('maps every metric to its events (seed 000 and 002 mapping tables)', () => {
    const p = page('metrics.md');
    for (const x of m.metrics) expect(p).toContain(`### \`${x.name}\``);
    expect(p).toContain('| [`dissatisfaction_detected`](metrics.md#dissatisfaction_detected) | Number of messages, reviews and comments classified as dissatisfaction. | `customer_signal.detected` where `signal_type` = `dissatisfaction` |');
    expect(p).toContain('| `workbench.template_suggested` / `workbench.chat_message_sent` | 30% of chats suggest template |');
  });

  it('has seed 002\'s do-not-log / safe-to-log lists and seed 001\'s sensitive keys on the privacy page', () => {
    const p = page('privacy.md');
    expect(p).toContain('## Do not log\n\n- Full chat message content (unless explicitly required for product and compliant with policy).\n- PII in free text (e.g. user names, emails) unless hashed or approved.\n- Credentials or tokens.\n');
    expect(p).toContain('## Safe to log\n\n- Counts (node count, message length buckets).\n');
    expect(p).toContain('`token`, `apiKey`, `secret`, `password`, `authorization`, `credential`, `cookie`');
    // pii is not allowed in events: every use is listed for review.
    expect(p).toMatch(/### `pii`[\s\S]*\| \[`signup`\]\(events\/signup\.md\) \| `\$set_once\.email` \|/);
  });

  it('is deterministic and does not depend on the working directory', () => {
    expect(renderCatalog(m, {})).toEqual(files);
    for (const cwd of [join(repo, 'packages/cli'), tmpdir()]) expect(renderCatalog(model(join(repo, 'taxonomy'), cwd), {})).toEqual(files);
  });

  it('is what is committed under docs/catalog (run `taxonomy generate --only docs` when this fails)', () => {
    const out = join(repo, docsGenerator.defaultOut);
    for (const f of files) {
      const p = join(out, f.path);
      expect(existsSync(p), `${p} is missing`).toBe(true);
      expect(readFileSync(p, 'utf8'), p).toBe(f.contents);
    }
  });

  it('uses the title option', () => {
    expect(renderCatalog(m, { title: 'Acme events' }).find((f) => f.path === 'README.md')!.contents).toContain('\n# Acme events\n');
  });
});

describe('Markdown catalog of a hostile taxonomy', () => {
  const h = renderCatalog(hostile(), {});

  it.each(h.map((f) => [f.path, f.contents]))('%s matches its reviewed golden file', (path, contents) => {
    expect(contents).toBe(golden(join(fixtures, 'hostile/golden-md', path), contents));
  });

  it('gives events whose names differ only in case their own page', () => {
    expect(h.map((f) => f.path)).toEqual(expect.arrayContaining(['events/shop.visit.md', 'events/shop.visit-2.md']));
  });

  it('renders no taxonomy HTML as HTML', () => {
    for (const f of h) {
      const html = renderer.render(f.contents);
      expect(html, f.path).not.toMatch(/<(script|img|button|em|b|i)\b/);
      expect(html, f.path).not.toMatch(/href="javascript:/);
    }
  });
});



describe('lifecycle metadata on the pages', () => {
  it('an event page shows its expiry and contacts; a domain page its contacts (escaped like any taxonomy text)', () => {
    const d = m.domains[0]!;
    const e = m.events.find((x) => x.domain === d.name)!;
    const lm = {
      ...m,
      domains: m.domains.map((x) => (x === d ? { ...x, contacts: ['team|a@example.com'] } : x)),
      events: m.events.map((x) => (x === e ? { ...x, expires: '2026-12-31', contacts: ['owner@example.com'] } : x)),
    };
    const out = new Map(renderCatalog(lm, {}).map((f) => [f.path, f.contents]));
    const ev = [...out].find(([p, c]) => p.startsWith('events/') && c.includes('2026-12-31'));
    expect(ev, 'the event page shows the expiry').toBeDefined();
    expect(ev![1]).toContain('2026-12-31 (then disabled: trackers stop sending it)');
    expect(ev![1]).toContain('owner@example.com');
    expect(out.get(`domains/${d.name}.md`) ?? [...out].find(([p]) => p.startsWith('domains/') && p.includes(d.name))?.[1]).toMatch(/Contacts[^\n]*team\\?\|a@example\.com/);
  });
});
