// TypeScript names for events: `workbench.draft_created` → `WorkbenchDraftCreated`,
// `CONVERSATION_STARTED` → `ConversationStarted`, `$pageview` → `DollarPageview`.
// The names are already what json-schema-to-typescript would make of them (letters and
// digits, a capital after every digit run), so it keeps them as given.

/** Names the generated file declares itself. */
export const RESERVED = new Set(['AnalyticsEvent', 'EventName', 'EventPropertiesMap', 'EventOf', 'PropertiesOf']);

function word(w: string): string {
  const lower = w === w.toUpperCase() ? w.toLowerCase() : w;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The PascalCase base name of an event. */
export function baseName(event: string): string {
  const words = event.replace(/^\$/, 'dollar_').split(/[^A-Za-z0-9]+/).filter(Boolean).map(word);
  let name = words.join('').replace(/(\d+)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());
  if (!/^[A-Za-z]/.test(name)) name = `Event${name}`;
  return name;
}

export interface EventTypeNames {
  readonly properties: string;
  readonly event: string;
}

/**
 * Type names for each event, in the given order (sorted by event name). When two events
 * share a base name, the later one gets a number (`…2`), so a name never depends on
 * events that sort after it.
 */
export function typeNames(events: readonly string[]): Map<string, EventTypeNames> {
  const taken = new Set(RESERVED);
  const out = new Map<string, EventTypeNames>();
  for (const e of events) {
    const base = baseName(e);
    let candidate = base;
    for (let n = 2; taken.has(`${candidate}Properties`) || taken.has(`${candidate}Event`); n++) candidate = `${base}${n}`;
    const names = { properties: `${candidate}Properties`, event: `${candidate}Event` };
    taken.add(names.properties);
    taken.add(names.event);
    out.set(e, names);
  }
  return out;
}
