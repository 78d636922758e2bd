import { describe, expect, it } from 'vitest';
import { importMarkdown } from '@taxonomy/interop';
import { normalize, parseBlocks, splitRow } from '../src/markdown/blocks.js';
import { splitRunTogether } from '../src/markdown/lines.js';
import { guessType, mapTypeText, saysOptional, valuesIn } from '../src/markdown/words.js';
import { loadDomain } from './helpers.js';

const run = (md: string) => importMarkdown(md, { domain: 'doc', sourceName: 'doc.md' });
const props = (md: string, event: string) => loadDomain(run(md).yaml, 'doc').events.find((e) => e.name === event)!.properties;

describe('the words of a doc', () => {
  it.each([
    ['string', { type: 'string' }], ['string (UUID)', { type: 'string', format: 'uuid' }], ['string UUID', { type: 'string', format: 'uuid' }],
    ['`int64`', { type: 'integer' }], ['int', { type: 'integer' }], ['bool', { type: 'boolean' }], ['float', { type: 'number' }],
    ['string (RFC3339)', { type: 'string', format: 'date-time' }], ['string[]', { type: 'array', items: { type: 'string' } }],
    ['array<int>', { type: 'array', items: { type: 'integer' } }], ['object', { type: 'object' }], ['Sink', undefined], ['—', undefined],
  ])('type %j', (text, want) => expect(mapTypeText(text)).toEqual(want));

  it.each([
    ['durationMs', '', 'integer'], ['is_first_sync', '', 'boolean'], ['hasAttachment', '', 'boolean'], ['toolIds[]', '', 'array'],
    ['metadata', 'JSON string with metadata including:', 'object'], ['table_count', 'Number of tables synced', 'integer'],
    ['deleted', 'Whether user account is deleted', 'boolean'], ['primary_cta', '`true` for the hero CTA, `false` otherwise', 'boolean'],
    ['workspace_id', 'string (UUID) when the modal opens', 'string'], ['sync_duration_seconds', '', 'number'], ['label', '', 'string'],
  ])('guessed type of %s (%j) is %s', (name, description, type) => expect(guessType(name, description).type).toBe(type));

  it.each([
    ['`production` / `staging` / `dev`; stamped by the clients.', { enum: ['production', 'staging', 'dev'] }],
    ['Canonical values: `onboarding`, `manual`, `chat`.', { enum: ['onboarding', 'manual', 'chat'] }],
    ['`found` (at least one runtime) or `empty` (none).', { enum: ['found', 'empty'] }],
    ['Runtime provider (`claude`, `codex`, etc).', { examples: ['claude', 'codex'] }],
    ['e.g. `"codex"`, `"claude"`.', { examples: ['codex', 'claude'] }],
    ['Always `chat`.', { const: 'chat' }],
    ['Currently always `"email"`.', {}],
    ['Service tier used (standard, priority, batch)', { enum: ['standard', 'priority', 'batch'] }],
    ['Type of invite (governance, main_channel, etc.)', { examples: ['governance', 'main_channel'] }],
    ['Bot details (bot type, organization info, etc.)', {}],
    ['false when the fetch failed. Also writes `first_os` / `first_arch` via $set_once', {}],
  ])('values of %j', (text, want) => expect(valuesIn(text)).toEqual(want));

  it.each([
    ['Optional. Time to ready.', true], ['Present only when the user has a workspace.', true], ['Agent or creating agent when applicable.', true],
    ['Omitted when the header is absent.', true], ['Failed events only.', true], ['The Slack channel ID', false], ['Empty when no template was picked.', false],
  ])('optional: %j → %s', (text, want) => expect(saysOptional(text)).toBe(want));

  it('splits event names that lost their separators at words that end event names', () => {
    expect(splitRunTogether('auth.sign_in.successauth.sign_in.failureworkspace.createdkb.publishedcomment_responder.reply.sentbilling.plan_changed'))
      .toEqual(['auth.sign_in.success', 'auth.sign_in.failure', 'workspace.created', 'kb.published', 'comment_responder.reply.sent', 'billing.plan_changed']);
    expect(splitRunTogether('a.bc.de')).toBeUndefined();
  });

  it('splits table rows on unescaped pipes only', () => {
    expect(splitRow('| `a` | x \\| y | z |')).toEqual(['`a`', 'x | y', 'z']);
    expect(splitRow('a | b |')).toEqual(['a', 'b']);
  });

  it('repairs pages saved as text: lone | lines, "Section titled" headings, glued bullets', () => {
    const pipes = ['# T', ...Array.from({ length: 30 }, (_, i) => [`line ${i}`, '|', '|']).flat()].join('\n');
    expect(normalize(pipes).notes[0]).toMatch(/removed 60 lines holding a lone '\|'/);
    const { lines, notes } = normalize('Signal events\nSection titled “Signal events”a.b- first\nx,y - Optional:\nz');
    expect(lines.map((l) => l.text)).toEqual(['## Signal events', 'a.b- first', 'x,y', '- Optional:', 'z']);
    expect(notes).toHaveLength(2);
    expect(parseBlocks(normalize('- Required:\norg_id,user_id\n- Optional:\nresult').lines)).toMatchObject([{ kind: 'list', items: [{ text: 'Required: org_id,user_id' }, { text: 'Optional: result' }] }]);
  });
});

describe('import markdown: the shapes the seeds use', () => {
  it('an events table with required/optional columns, enums in the When column and examples', () => {
    const md = `# Shop\n\n| Event | Required Properties | Optional Properties | When to emit |\n|---|---|---|---|\n| \`cart.item_added\` | \`cartId\`, \`source\` | \`qty\`, \`tags[]\`, \`channel\` (e.g. web \\| app) | Item added (source: \`search\` \\| \`pdp\`) |\n| \`cart.viewed\` | \`cartId\` | — | Cart opened |\n`;
    const p = props(md, 'cart.item_added');
    expect(p.map((x) => [x.name, x.type, x.required])).toEqual([['cartId', 'string', true], ['source', 'string', true], ['qty', 'string', false], ['tags', 'array', false], ['channel', 'string', false]]);
    expect(p[1]!.enum).toEqual(['search', 'pdp']);
    expect(p[4]!.examples).toEqual(['web', 'app']);
    const m = loadDomain(run(md).yaml, 'doc');
    expect(m.events[0]).toMatchObject({ trigger: 'Item added (source: search | pdp)' });
    expect(m.domains[0]).toMatchObject({ naming: 'dot.snake', propertyNaming: 'camel' });
  });

  it('a payload column with `?` for optional keys', () => {
    const md = `| Event | When | Payload |\n|---|---|---|\nsession_started | Automatic | { resumed, identityKind, conversationId? } |\n`;
    expect(props(md, 'session_started').map((x) => [x.name, x.type, x.required])).toEqual([['resumed', 'boolean', true], ['identityKind', 'string', true], ['conversationId', 'string', false]]);
  });

  it('per-event headings with Property | Type | Description tables, person properties, and a category table', () => {
    const md = [
      '# Product', '', '| Category | Events |', '|---|---|', '| `core_loop` | `signup`, `issue_created` |', '',
      '### `signup`', '', 'Fires when a user is created.', '', '| Property | Type | Description |', '|---|---|---|',
      '| `email_domain` | string | Lower-cased domain. |', '| `auth_method` | string | Optional. `"google"` for Google OAuth. |', '',
      'Person properties set with `$set_once`:', '', '| Property | Type | Description |', '|---|---|---|', '| `email` | string | Full email. |', '',
      '### `issue_created` / `issue_executed`', '', '| Property | Type | Description |', '|---|---|---|', '| `issue_id` | string (UUID) | The issue. |',
    ].join('\n');
    const r = run(md);
    const m = loadDomain(r.yaml.replace(/^ +category: core_loop\n/gm, ''), 'doc');
    expect(r.draft.events.map((e) => [e.name, e.category])).toEqual([['signup', 'core_loop'], ['issue_created', 'core_loop'], ['issue_executed', undefined]]);
    const signup = m.events.find((e) => e.name === 'signup')!;
    expect([signup.description, signup.properties.map((p) => [p.name, p.required]), signup.personProperties.setOnce.map((p) => p.name)])
      .toEqual(['Fires when a user is created.', [['email_domain', true], ['auth_method', false]], ['email']]);
    expect(m.events.find((e) => e.name === 'issue_executed')!.properties[0]).toMatchObject({ ref: 'issue_id', format: 'uuid' });
  });

  it('UPPER_SNAKE headings with nested field bullets, and a glossary section for a nested object', () => {
    const md = [
      '# Bot', '## Events', '### NEW_REPLY', 'Logged when a user replies.', '**Fields:**',
      '- `channel_id`: The channel', '- `user_id`: The user (if known)', '- `metadata`: JSON string with metadata including:', '  - `message_length`: Length of the message', '  - `user_info`: Enriched user information',
      '### THUMBS_UP / THUMBS_DOWN', '- `message_ts`: The message timestamp',
      '## Reference', '### User Information (`user_info`)', '- `real_name`: Full name', '- `is_admin`: Whether the user is an admin',
    ].join('\n');
    const m = loadDomain(run(md).yaml, 'doc');
    const reply = m.events.find((e) => e.name === 'NEW_REPLY')!;
    expect(reply.properties.map((p) => [p.name, p.type, p.required])).toEqual([['channel_id', 'string', true], ['user_id', 'string', false], ['metadata', 'object', true]]);
    const info = reply.properties[2]!.properties!.find((p) => p.name === 'user_info')!;
    expect(info.properties!.map((p) => [p.name, p.type])).toEqual([['real_name', 'string'], ['is_admin', 'boolean']]);
    expect(m.events.map((e) => e.name)).toEqual(['NEW_REPLY', 'THUMBS_DOWN', 'THUMBS_UP']);
    expect(m.domains[0]!.naming).toBe('UPPER_SNAKE');
  });

  it('event bullets ("— fired when"), flat property bullets after them, and "x values:" lists', () => {
    const md = [
      '### Frontend events', '- `download_clicked` — fired when the user clicks download. Properties: `os` (`mac` / `linux`), `source` (`landing`), and `is_beta`.',
      '- `page_seen` — fired once per mount', 'Properties:', '- `path`: the path', '', 'Person properties set with `$set`:', '', '- `has_cli`: boolean — cohort signal',
      '### `onboarding_done`', '| Property | Type | Description |', '|---|---|---|', '| `completion_path` | string | How it ended. |', '', '`completion_path` values:', '', '- `full` — all steps', '- `skipped` — skipped a step',
    ].join('\n');
    const m = loadDomain(run(md).yaml, 'doc');
    const by = Object.fromEntries(m.events.map((e) => [e.name, e]));
    expect(by.download_clicked!.properties.map((p) => [p.name, p.enum ?? p.const ?? null, p.type])).toEqual([['os', ['mac', 'linux'], 'string'], ['source', 'landing', 'string'], ['is_beta', null, 'boolean']]);
    expect(by.page_seen!.properties.map((p) => p.name)).toEqual(['path']);
    expect(by.page_seen!.personProperties.set.map((p) => [p.name, p.type])).toEqual([['has_cli', 'boolean']]);
    expect(by.onboarding_done!.properties[0]).toMatchObject({ enum: ['full', 'skipped'], extensions: { 'x-value-descriptions': { full: 'all steps', skipped: 'skipped a step' } } });
  });

  it('a docs page saved as text: name- description lines, payload labels, run-together names', () => {
    const md = [
      'Analytics Events', 'Suggested global events', 'Section titled “Suggested global events”kb.createdkb.publishedchannel.connectedchannel.disconnected',
      'Signal events', 'Section titled “Signal events”signal.detected- A signal was detected', 'signal.clustered- Signals were grouped',
      'Suggested optional payloads:', 'signal_typetheme_idconfidence_band', 'Payload guidelines', 'Section titled “Payload guidelines”- Required:', 'org_id,user_id(internal)',
    ].join('\n');
    const r = run(md);
    const m = loadDomain(r.yaml, 'doc');
    expect(m.events.map((e) => e.name)).toEqual(['channel.connected', 'channel.disconnected', 'kb.created', 'kb.published', 'signal.clustered', 'signal.detected']);
    expect(m.events.find((e) => e.name === 'signal.detected')!.properties.map((p) => [p.name, p.origin, p.required])).toEqual([
      ['org_id', 'domain', true], ['user_id', 'domain', true], ['signal_type', 'event', false], ['theme_id', 'event', false], ['confidence_band', 'event', false],
    ]);
    expect(m.events.find((e) => e.name === 'kb.created')!.properties.map((p) => p.name)).toEqual(['org_id', 'user_id']);
    expect(r.report.guessed.map((g) => g.message).join('\n')).toMatch(/split names run together into 4 events[\s\S]*split names run together at words that end property names/);
  });
});

describe('import markdown: bad input', () => {
  it.each([
    ['no tables and nothing else', 'Just some prose.\n\nNothing to see here.\n', /no tables, event headings or event lists found: nothing to import/],
    ['tables that are not event tables', '| Option | Type | Default |\n|---|---|---|\n| sink | Sink | [] |\n', /no events found in 1 tables/],
    ['an empty file', '', /nothing to import/],
  ])('%s: a clear report and exit 1', (_n, md, pattern) => {
    const r = run(md);
    expect(r.exitCode).toBe(1);
    expect(r.report.unmapped.map((u) => u.message).join('\n')).toMatch(pattern);
    expect(r.report.unmapped[0]!.hint).toMatch(/the importer reads tables with an Event column/);
    expect(loadDomain(r.yaml, 'doc').events).toEqual([]);
  });

  it('keeps what it can and writes a TODO for what it cannot (names run together, mentioned-only events, bad rows)', () => {
    const md = [
      '| Event | When |', '|---|---|', '| `ok_event` | Always |', '| not an event name | ? |', '',
      '## Notes', 'This replaces the more specific OLD_THING event.', 'Suggested optional payloads:', 'severitytheme_id',
    ].join('\n');
    const r = run(md);
    expect(r.exitCode).toBe(1);
    expect(r.report.unmapped.map((u) => `${u.where} ${u.message}`)).toEqual([
      "doc.md:4 row 'not an event name | ?' of the events table names no event",
      "doc.md:9 'Suggested optional payloads' names run together without separators: could not split 'severitytheme_id'",
    ]);
    expect(r.yaml).toContain("# TODO(import): doc.md:9: 'Suggested optional payloads' names run together without separators: could not split 'severitytheme_id'");
    expect(loadDomain(r.yaml, 'doc').events.map((e) => e.name)).toEqual(['ok_event']);
  });

  it('reports a name used as an event but never defined', () => {
    const r = run('### NEW_REPLY\n- `a`: x\n### NEW_THREAD\n- `b`: y\n\nReplaces the more specific MODAL_SUBMITTED event.\n');
    expect(r.report.unmapped.map((u) => u.message)).toEqual(["'MODAL_SUBMITTED' is mentioned as an event but not defined in the doc"]);
  });
});
