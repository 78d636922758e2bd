import type { GovernanceReport } from './engine.js';
import type { Change, ChangeLevel } from './diff/types.js';
import { blocks, countsLine } from './format.js';
import type { Finding } from './types.js';

/** The hidden marker the workflow finds to update its one comment instead of adding another. */
export const SUMMARY_MARKER = '<!-- taxonomy-govern -->';

/** Taxonomy text is written by pull requests: escape it so it cannot inject HTML or break tables. */
export const md = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

const HEADINGS: Record<ChangeLevel, string> = {
  breaking: 'Breaking (consumers or existing code must change)',
  additive: 'Additive (new data; nothing breaks)',
  patch: 'Patch (words and metadata only)',
};
const ICON = { error: '❌', warn: '⚠️', info: 'ℹ️' } as const;
const MAX_LIST = 30;

/** The event or metric a change is about, unless its message already names it. */
function subject(c: Change): string {
  const name = c.event ?? c.metric;
  if (!name || c.message.includes(`'${name}'`)) return '';
  return c.event ? `${code(name)}: ` : `metric ${code(name)}: `;
}

function capped<T>(items: readonly T[], render: (t: T) => string, more: (n: number) => string): string[] {
  const lines = items.slice(0, MAX_LIST).map(render);
  if (items.length > MAX_LIST) lines.push(more(items.length - MAX_LIST));
  return lines;
}

function findingLine(f: Finding): string {
  const where = f.location ? ` ${code(`${f.location.file}:${f.location.line}`)}` : '';
  // A fix with several lines (a changeset to add) reads best as a block to copy.
  const [first, ...rest] = f.fix.split('\n');
  const block = rest.join('\n').trim() ? `\n\n  \`\`\`\n${rest.join('\n').trim().replace(/```/g, "'''").split('\n').map((l) => `  ${l}`).join('\n')}\n  \`\`\`\n` : '';
  return `- ${ICON[f.level]} **${f.id}**${where}: ${md(f.message)}<br>→ ${md(first ?? '')}${block}`;
}

/**
 * The pull-request comment: changes grouped breaking/additive/patch, the release the
 * changesets must declare, the findings with their fixes, and the metrics, funnels and
 * dashboard categories the changed events feed.
 */
export function formatSummary(r: GovernanceReport, opts: { base?: string } = {}): string {
  const out: string[] = [SUMMARY_MARKER, `## Taxonomy governance: ${countsLine(r)}`, ''];
  if (opts.base) out.push(`Compared with ${code(opts.base)}.`, '');
  for (const n of r.notes) out.push(`> **Note:** ${md(n)}`, '');
  const { bump, packages } = r.release;
  if (bump === 'none') out.push('**Release:** no taxonomy change, no release needed.');
  else out.push(`**Release:** a **${bump}** bump of ${packages.length ? packages.map(code).join(', ') : 'the generated packages'} (the largest change is ${bump === 'major' ? 'breaking' : bump === 'minor' ? 'additive' : 'a patch'}).`);
  out.push('');

  out.push('### Changes', '');
  if (!r.diff.changes.length) out.push('No changes to events or metrics.', '');
  for (const level of ['breaking', 'additive', 'patch'] as const) {
    const list = r.diff.changes.filter((c) => c.level === level);
    if (!list.length) continue;
    out.push(`#### ${HEADINGS[level]}: ${list.length}`, '');
    out.push(...capped(list, (c) => `- ${subject(c)}${md(c.message)}`, (n) => `- … and ${n} more (see \`taxonomy govern --format json\`)`), '');
  }

  const findings = r.findings.filter((f) => f.level !== 'info' && blocks(r, f));
  const debt = r.findings.filter((f) => f.level !== 'info' && !blocks(r, f));
  out.push('### Findings', '');
  if (!findings.length) out.push(debt.length ? 'None introduced by this change. ✅' : 'None: the change follows every rule. ✅', '');
  else out.push(...capped(findings, findingLine, (n) => `- … and ${n} more in the job log`), '');
  if (debt.length) {
    out.push(`<details><summary>Existing at the base (debt, not blocking): ${debt.length}</summary>`, '');
    out.push(...capped(debt, findingLine, (n) => `- … and ${n} more in the job log`), '', '</details>', '');
  }

  out.push('### Affected metrics, funnels and dashboards', '');
  if (!r.impact.length) out.push('No metric, funnel or dashboard category reads the changed events.', '');
  else {
    out.push('| Event | Change | Metrics | Funnels | Dashboard categories (dashboard) |', '|---|---|---|---|---|');
    for (const i of r.impact) {
      const list = (xs: readonly string[]) => (xs.length ? xs.map(code).join(', ') : '–');
      const cats = i.categories.length ? i.categories.map((c) => `${code(c)}${i.dashboards[c] ? ` (${md(i.dashboards[c]!)})` : ''}`).join(', ') : '–';
      out.push(`| ${code(i.event)} | ${i.level} | ${list(i.metrics)} | ${list(i.funnels)} | ${cats} |`);
    }
    out.push('');
  }
  if (r.lifecycle.length) {
    out.push('### Lifecycle and contacts of the changed events', '');
    out.push('| Event | Expires | Contacts |', '|---|---|---|');
    const state = { expired: ' ⛔ expired', expiring: ' ⚠️ soon', ok: '' } as const;
    for (const l of r.lifecycle) {
      const who = l.contacts.length ? l.contacts.map(md).join(', ') : l.owner ? `owner ${md(l.owner)}` : '—';
      out.push(`| ${code(l.event)} | ${l.expires ? `${l.expires}${state[l.state]}` : 'never'} | ${who} |`);
    }
    out.push('');
  }
  out.push('<sub>Generated by `taxonomy govern`; rule ids are documented in docs/rules.md.</sub>', '');
  return out.join('\n');
}
