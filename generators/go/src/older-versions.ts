// Older live versions (`versions:`): a struct per older major, its README rows and doc words.
import { extraField, fieldsOf, type Ctx, type EventStruct } from './go-types.js';

/**
 * A struct per older live version (`versions:`), named after every event's struct so that a
 * version never takes an event's name: OrderCompletedV1 beside OrderCompleted, else
 * OrderCompletedVersion1 (else numbered) when an event already has that name. Its Spec() says
 * its version, so the envelope carries it; its fields are that version's properties.
 */
export function declareOlderVersions(events: readonly EventStruct[], ctx: Ctx): EventStruct[] {
  return events.flatMap(({ ev: newest, struct: newestStruct }) => newest.older.map((ev) => {
    const wanted = `${newestStruct}V${ev.event.version}`;
    const struct = ctx.types.claim(ctx.types.has(wanted) ? `${newestStruct}Version${ev.event.version}` : wanted);
    const auto = new Set([...ev.autoKeys, ...ev.globalKeys]);
    const fields = fieldsOf(ev.event.properties, struct, ctx, auto);
    return { ev, struct, fields, extra: extraField(ev.event, struct, fields, ctx) };
  }));
}

/** The README section on older live versions: which struct sends which version (none: empty). */
export function olderVersionsReadme(structs: readonly EventStruct[]): string {
  const older = structs.filter((s) => s.ev.olderOf);
  if (!older.length) return '';
  const rows = structs.filter((s) => !s.ev.olderOf && older.some((o) => o.ev.event.name === s.ev.event.name)).flatMap((s) => [
    `| \`${s.struct}\` | ${mdCode(s.ev.event.name)} | ${s.ev.event.version} (the newest) |`,
    ...older.filter((o) => o.ev.event.name === s.ev.event.name).map((o) => `| \`${o.struct}\` | ${mdCode(o.ev.event.name)} | ${o.ev.event.version} |`),
  ]);
  return `\n## Older live versions\n\nThe struct named after an event sends its newest version. An event that keeps older versions live (\`versions:\` in the taxonomy) has a struct per older version, for app releases still on that shape: its fields are that version's properties, and the envelope says that version (the validators and the collector check it against that version).\n\n| struct | event | version sent |\n|---|---|---|\n${rows.join('\n')}\n`;
}

/** A Markdown code span no backtick or newline in the text can break. */
export function mdCode(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/[\r\n\u2028\u2029|]/g, ' ')}${pad}${fence}`;
}

/** The struct of an older live version's newest version (undefined on a newest one). */
export const newestOf = (s: EventStruct, all: readonly EventStruct[]) => (s.ev.olderOf ? all.find((x) => !x.ev.olderOf && x.ev.event.name === s.ev.event.name) : undefined);

/** What a struct's doc says of versions, when its event keeps older live ones. */
export function versionDoc(s: EventStruct, all: readonly EventStruct[]): string {
  if (!s.ev.olderOf && !s.ev.older.length) return '';
  if (s.ev.olderOf) return `An older live version, for app releases still on its shape: Track sends version ${s.ev.event.version} with these fields. ${newestOf(s, all)?.struct ?? 'The struct named after the event'} sends the newest (version ${s.ev.olderOf.version}).`;
  const older = all.filter((x) => x.ev.olderOf && x.ev.event.name === s.ev.event.name);
  return older.length ? `The newest version; the older live ones: ${older.map((x) => `${x.struct} (version ${x.ev.event.version})`).join(', ')}.` : '';
}
