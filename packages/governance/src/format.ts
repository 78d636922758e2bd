import type { ClassifiedFinding, GovernanceReport } from './engine.js';
import type { Finding } from './types.js';

const where = (f: Finding) => (f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : '(taxonomy)');
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Whether a finding decides the verdict: introduced by the change, or any finding with --all. */
export const blocks = (r: GovernanceReport, f: ClassifiedFinding) => r.all || f.introduced;

/** One line of counts: "✗ 2 errors, 1 warning introduced by this change, 3 notes; 14 existing (debt)". */
export function countsLine(r: GovernanceReport): string {
  const { error, warn, info } = r.counts;
  const mark = error ? '✗' : '✓';
  const d = r.debt.error + r.debt.warn;
  const scope = d && !r.all ? ' introduced by this change' : '';
  return `${mark} ${plural(error, 'error')}, ${plural(warn, 'warning')}${scope}${info ? `, ${plural(info, 'note')}` : ''}${d ? `; ${d} existing at the base (debt, not blocking)` : ''}`;
}

function humanFinding(f: Finding): string[] {
  return [`${where(f)} ${f.id} ${f.level === 'warn' ? 'warning' : f.level} ${f.message}`, ...f.fix.split('\n').map((l, i) => `  ${i === 0 ? '→' : ' '} ${l}`)];
}

function changeCounts(r: GovernanceReport): string {
  const n = (l: string) => r.diff.changes.filter((c) => c.level === l).length;
  return `${n('breaking')} breaking, ${n('additive')} additive, ${n('patch')} patch`;
}

/** `file:line:col rule-id severity message` and an indented fix, then a summary line. */
export function formatHuman(r: GovernanceReport): string {
  const lines: string[] = [];
  for (const f of r.findings.filter((x) => blocks(r, x))) lines.push(...humanFinding(f));
  const debt = r.findings.filter((x) => !blocks(r, x));
  if (debt.length) {
    lines.push(`existing at the base (debt: not introduced by this change, not blocking; --all blocks on them): ${debt.length}`);
    for (const f of debt) lines.push(...humanFinding(f));
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  const bump = r.release.bump === 'none' ? 'no release needed' : `required bump: ${r.release.bump}`;
  lines.push(`${countsLine(r)} (changes: ${changeCounts(r)}; ${bump})`);
  return lines.join('\n') + '\n';
}

/** Everything, for machines. */
export function formatJson(r: GovernanceReport): string {
  return JSON.stringify({
    ok: r.counts.error === 0,
    counts: r.counts,
    debt: r.debt,
    all: r.all,
    notes: r.notes,
    release: r.release,
    changes: r.diff.changes,
    events: r.diff.events.map(({ changes: _c, ...e }) => e),
    impact: r.impact,
    lifecycle: r.lifecycle,
    findings: r.findings,
  }, null, 2) + '\n';
}

/** GitHub workflow commands escape %, CR and LF in data, and also : and , in properties. */
const escData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,col=…,title=rule-id::message` annotations, then the counts. */
export function formatGithub(r: GovernanceReport): string {
  const cmd = { error: 'error', warn: 'warning', info: 'notice' } as const;
  const out = r.findings.filter((f) => blocks(r, f)).map((f) => {
    const props = [f.location && `file=${escProp(f.location.file)}`, f.location && `line=${f.location.line}`, f.location && `col=${f.location.column}`, `title=${escProp(f.id)}`].filter(Boolean).join(',');
    return `::${cmd[f.level]} ${props}::${escData(`${f.message}\n→ ${f.fix}`)}`;
  });
  out.push(`${countsLine(r)} (changes: ${changeCounts(r)}; required bump: ${r.release.bump})`);
  return out.join('\n') + '\n';
}
