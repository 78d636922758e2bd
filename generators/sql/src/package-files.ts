import { stableJson, type GeneratedFile, type TaxonomyModel } from '@taxonomy/core';
import type { Compiled } from './compile.js';
import type { DialectName } from './dialect.js';
import { DEFAULT_ENVELOPE, ENVELOPE_KEYS, envelopeMap, type EnvelopeOptions } from './envelope.js';
import { metricColumns } from './metric-sql.js';
import { formatFinding } from './findings.js';
import { RAW_COLUMNS } from './schema.js';
import { SEMANTICS } from './semantics.js';
import type { DialectOutput, SqlNames } from './sql-files.js';
import { render } from './templates.js';

const md = (s: string) => s.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');

const DESCRIBE: Record<string, string> = {
  event_id: 'the envelope `id`; without one the collector assigns a random UUID. Unique: the same id is stored once',
  event_name: 'the envelope `event`',
  event_version: 'the envelope `version`; without one the event\'s current version in the taxonomy',
  occurred_at: 'the envelope `timestamp` (ISO 8601 or ms); without one the event\'s date-time property listed below; else `received_at`',
  received_at: 'when the collector stored it (the collector\'s clock)',
  org_id: 'the first listed property the event defines (string or integer), as text; NULL when none',
  workspace_id: 'as `org_id`, from the workspace properties listed below',
  user_id: 'as `org_id`, from the user properties listed below',
  session_id: 'as `org_id`, from the session properties listed below',
  properties: 'the envelope `properties` object as JSON, unchanged',
};

export interface PackageInput {
  readonly model: TaxonomyModel;
  readonly compiled: Compiled;
  readonly packageName: string;
  readonly names: SqlNames;
  readonly dataset: string;
  readonly envelope: EnvelopeOptions;
  readonly outputs: ReadonlyMap<DialectName, DialectOutput>;
  readonly inserts: ReadonlyMap<DialectName, string>;
}

export function packageFiles(x: PackageInput): GeneratedFile[] {
  const { model, compiled, names } = x;
  const dialects = [...x.outputs.keys()];
  const js = (v: unknown) => JSON.stringify(v, null, 2);
  const byDialect = <T>(f: (o: DialectOutput, d: DialectName) => T) => Object.fromEntries(dialects.map((d) => [d, f(x.outputs.get(d)!, d)]));
  const columns = RAW_COLUMNS.map((c) => ({ name: c.name, description: DESCRIBE[c.name]! }));
  const eventViews = [
    ...compiled.events.map((e) => ({ event: e.event.name, view: `${names.eventViewPrefix}${e.sqlName}`, columns: e.columns.map((c) => c.column) })),
    // Older live versions: a view per version (`version`), and one over all of them (`version: 'all'`).
    ...compiled.events.flatMap((e) => (e.versions ?? []).map((v) => ({ event: e.event.name, version: v.version ?? 'all', view: `${names.eventViewPrefix}${v.sqlName}`, columns: v.columns.map((c) => c.column) }))),
  ];
  const metricViews = compiled.plans.map((p) => ({ metric: p.name, view: `${names.metricViewPrefix}${p.name}`, type: p.type, columns: metricColumns(p) }));
  const findings = compiled.findings.map((f) => ({ code: f.code, message: f.message, hint: f.hint, ...(f.location ? { location: `${f.location.file}:${f.location.line}:${f.location.column}` } : {}) }));
  const common = { taxonomy: model.name, version: model.version };
  const indexJs = render('index.js', {
    ...common,
    dialects: JSON.stringify(dialects),
    taxonomyInfo: JSON.stringify({ name: model.name, version: model.version }),
    eventsTable: JSON.stringify(names.eventsTable),
    asOfTable: JSON.stringify(names.asOfTable),
    retentionDays: JSON.stringify(model.retentionDays ?? null),
    columns: js(columns),
    envelope: js(envelopeMap(model, x.envelope)),
    versions: js(Object.fromEntries(model.events.map((e) => [e.name, e.version]))),
    schema: js(byDialect((o) => o.schema)),
    retention: js(byDialect((o) => o.retentionStatement ?? null)),
    insert: js(Object.fromEntries(x.inserts)),
    eventViews: js(eventViews),
    metricViews: js(metricViews),
    findings: js(findings),
  });
  const readme = render('README.md', {
    ...common,
    packageName: x.packageName,
    dialectList: dialects.join(', '),
    eventViewPrefix: names.eventViewPrefix,
    eventsTable: names.eventsTable,
    asOfTable: names.asOfTable,
    dataset: x.dataset,
    columns: columns.map((c) => ({ name: c.name, description: c.description })),
    envelopeRules: ENVELOPE_KEYS.map((k) => ({ column: k, names: (x.envelope[k] ?? DEFAULT_ENVELOPE[k]).map((n) => `\`${n}\``).join(', ') })),
    retentionText: model.retentionDays ? `Events whose \`occurred_at\` is more than ${model.retentionDays} days old are deleted by \`<dialect>/retention.sql\` (run it daily; BigQuery partitions and the ClickHouse TTL also expire on their own). The period is \`retention.days\` in taxonomy.yaml.` : 'taxonomy.yaml sets no `retention.days`: nothing is deleted.',
    semantics: SEMANTICS,
    metrics: metricViews.map((m) => ({ name: m.metric, type: m.type, view: m.view, columns: m.columns.map((c) => `\`${c}\``).join(', ') })),
    findingsText: findings.length ? compiled.findings.map((f) => `- ${md(formatFinding(f))}`).join('\n') : 'None: every metric of the taxonomy is expressed in every dialect.',
  });
  return [
    { path: 'index.js', contents: indexJs },
    { path: 'index.d.ts', contents: render('index.d.ts', { ...common, dialectUnion: dialects.map((d) => `'${d}'`).join(' | ') }) },
    { path: 'README.md', contents: readme },
    {
      path: 'package.json',
      contents: stableJson({
        name: x.packageName, version: model.version, type: 'module', sideEffects: false,
        description: `SQL of the ${model.name} analytics events: raw table DDL, typed event views and metric views. Generated by \`taxonomy generate\`; do not edit.`,
        main: './index.js', types: './index.d.ts',
        exports: { '.': { types: './index.d.ts', import: './index.js' }, './*.sql': './*.sql' },
      }),
    },
  ];
}
