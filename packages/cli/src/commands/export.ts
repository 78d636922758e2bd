import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { formatDiagnostic, loadTaxonomy } from '@taxonomy/core';
import { exportIglu, exportSegmentPlan, type ExportResult, type ReportItem } from '@taxonomy/interop';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';

export const EXPORT_HELP = `Usage: taxonomy export <segment|iglu> [dir] [--out path] [--domains a,b] [--vendor com.acme]

Hands the taxonomy (default dir: taxonomy/) to the pipelines teams already run.

Targets:
  segment   a Segment Protocols tracking plan: the body of the Public API's
            PUT /tracking-plans/{id}/rules ({ "rules": [...] }, one rule per event,
            jsonSchema draft-07); RudderStack imports the same file. Without --out
            the plan goes to stdout. It imports back with 'taxonomy import segment'.
  iglu      an Iglu registry: one self-describing JSON Schema (draft-04) per live
            SchemaVer of each event at schemas/{vendor}/{name}/jsonschema/{M-R-A}
            under --out (default iglu/): version:, revision:, addition: (v1 →
            1-0-0), every older model under versions: and every earlier
            REVISION-ADDITION under revisions:; the vendor is taxonomy.yaml's
            vendor: (or the event's namespace); dots in event names become '-'
            (the name is kept in x-taxonomy-event); an event marked
            x-iglu-payload: data has its data property's shape as the root.

Options:
  --out <path>       the plan file (segment) or registry folder (iglu)
  --domains a,b      export only these domains
  --vendor <vendor>  Iglu vendor (overrides taxonomy.yaml's vendor:)

What a target cannot hold (person properties in Iglu, trigger/category/owner in
either) is listed on stderr.

Examples:
  taxonomy export segment --out plan.json
  curl -X PUT https://api.segmentapis.com/tracking-plans/$TP_ID/rules \\
    -H "Authorization: Bearer $SEGMENT_TOKEN" -H 'Content-Type: application/json' -d @plan.json
  taxonomy export iglu --out iglu-registry && igluctl lint iglu-registry/schemas

Exit codes: 0 ok, 1 taxonomy errors or events that could not be exported,
2 usage or I/O error.`;

const lines = (items: readonly ReportItem[], mark: string) => items.map((n) => `${mark} ${n.where} ${n.message}${n.hint ? `\n    → ${n.hint}` : ''}\n`).join('');

export function runExport(o: { target: 'segment' | 'iglu'; dir: string; out?: string; domains?: string[]; vendor?: string }, io: Io): number {
  const loaded = loadTaxonomy(resolve(io.cwd, o.dir), { cwd: io.cwd });
  if (loaded.ioError) { for (const d of loaded.diagnostics) io.err(formatDiagnostic(d) + '\n'); return EXIT.usage; }
  if (loaded.failed || !loaded.model) {
    for (const d of loaded.diagnostics) if (d.severity === 'error') io.err(formatDiagnostic(d) + '\n');
    io.err(`✗ the taxonomy has errors; nothing exported (run 'taxonomy check' for details)\n`);
    return EXIT.findings;
  }
  const model = loaded.model;
  const unknown = (o.domains ?? []).filter((d) => !model.domains.some((x) => x.name === d));
  if (unknown.length) throw new UsageError(`unknown domain '${unknown[0]}'; the taxonomy has ${model.domains.map((d) => d.name).join(', ')}`);
  const result: ExportResult = o.target === 'segment' ? exportSegmentPlan(model, { domains: o.domains }) : exportIglu(model, { domains: o.domains, vendor: o.vendor });
  io.err(lines(result.notes, '-'));
  io.err(lines(result.errors, '✗'));
  if (o.target === 'segment' && !o.out) {
    io.out(result.files[0]!.contents);
  } else {
    const base = resolve(io.cwd, o.out ?? 'iglu');
    for (const f of result.files) {
      const p = o.target === 'segment' ? base : resolve(base, f.path);
      if (o.target === 'iglu' && !p.startsWith(base + sep)) throw new Error(`export wrote outside its folder: ${f.path}`);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.contents);
    }
    const rel = relative(io.cwd, base);
    const shown = rel.startsWith('..') ? base : rel || '.';
    const rules = model.events.filter((e) => !o.domains || o.domains.includes(e.domain)).length;
    io.out(`${result.errors.length ? '✗' : '✓'} exported ${o.target === 'segment' ? `${rules} rules to ${shown}` : `${result.files.length} schemas to ${shown}/schemas`}${result.errors.length ? `; ${result.errors.length} events not exported (see above)` : ''}\n`);
  }
  return result.errors.length ? EXIT.findings : EXIT.ok;
}

export const exportCommand: Command = {
  name: 'export',
  help: EXPORT_HELP,
  run(args, io) {
    const { values, positionals } = parse(args, { out: { type: 'string' }, domains: { type: 'string' }, vendor: { type: 'string' } });
    if (values.help) { io.out(EXPORT_HELP + '\n'); return EXIT.ok; }
    const [target, dir, ...rest] = positionals;
    if (target !== 'segment' && target !== 'iglu') throw new UsageError(target ? `unknown export target '${target}'; use segment or iglu` : 'export needs a target: segment or iglu');
    if (rest.length) throw new UsageError(`export takes one taxonomy folder; got ${rest.length + 1}`);
    const domains = typeof values.domains === 'string' ? values.domains.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    if (values.vendor !== undefined && target !== 'iglu') throw new UsageError('--vendor applies to export iglu only');
    return runExport({ target, dir: dir ?? 'taxonomy', out: str(values.out), domains, vendor: str(values.vendor) }, io);
  },
};
