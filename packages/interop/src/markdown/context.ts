import { EVENT_NAME, PROPERTY_NAME, newEvent, safePropertyName, type DraftDomain, type DraftEvent, type DraftMap, type DraftProperty } from '../draft.js';
import type { ImportReport } from '../report.js';
import { guessType, mapTypeText, plain, saysOptional, typedValues, valuesIn, type Values } from './words.js';

/** One heading level of the document, and what it is about. */
export interface Section {
  readonly level: number;
  readonly title: string;
  readonly line: number;
  /** Events the heading names (or inherits from the heading above). */
  readonly events: string[];
  /** Events defined inside this section by lines or lists (for "Suggested payloads:" lines). */
  readonly defined: string[];
  /** A heading like "User Information (`user_info`)": its bullets are keys of that object. */
  readonly objectProp?: string;
}

/** What a doc says about one property, before it becomes a draft property. */
export interface PropertyWords {
  readonly name: string;
  readonly line: number;
  readonly typeText?: string;
  readonly description?: string;
  /** Explicitly required/optional (a column, a `?`); otherwise guessed from the description. */
  readonly required?: boolean;
  readonly values?: Values;
}

const strip = (s: string) => s.replace(/`/g, '').replace(/\*\*/g, '').trim();

/** The importer's state while it walks the blocks of one document. */
export class MdContext {
  readonly events = new Map<string, DraftEvent>();
  /** Properties the doc defines outside any event (a glossary, a standard-properties table). */
  readonly docProps: DraftMap = new Map();
  /** Properties whose type the doc's words gave (not guessed from a name). */
  readonly typed = new WeakSet<DraftProperty>();
  readonly stack: Section[] = [];
  /** Guesses made again and again (a type from a name) are counted, not listed one by one. */
  readonly guessCounts = new Map<string, { n: number; example: string }>();
  /** The whole normalised document (to find names it spells out elsewhere). */
  allText = '';
  /** The last event a bullet defined: flat property bullets after it are its keys (pages that lost indentation). */
  bulletEvent: DraftEvent | undefined;
  bulletPerson: 'set' | 'set_once' | undefined;
  /** "`completion_path` values:": the next list gives the values of that property. */
  valuesFor: string | undefined;

  constructor(readonly file: string, readonly report: ImportReport, readonly domain: DraftDomain) {}

  where(line: number): string {
    return `${this.file}:${line}`;
  }

  get section(): Section | undefined {
    return this.stack[this.stack.length - 1];
  }

  countGuess(kind: string, example: string): void {
    const g = this.guessCounts.get(kind);
    if (g) g.n++;
    else this.guessCounts.set(kind, { n: 1, example });
  }

  todo(line: number, message: string, hint: string, event?: DraftEvent): void {
    this.report.unmapped.push({ where: this.where(line), message, hint });
    (event ? event.todos : this.domain.todos).push(`${this.where(line)}: ${message}`);
  }

  /** The event of that name, created on first mention. */
  event(name: string, line: number, how: string): DraftEvent | undefined {
    const existing = this.events.get(name);
    if (existing) return existing;
    if (!EVENT_NAME.test(name)) {
      this.todo(line, `'${name}' looks like an event but is not a valid event name`, 'rename it (letters, digits, _ and dots) and add it by hand');
      return undefined;
    }
    const e = newEvent(name);
    this.events.set(name, e);
    this.domain.events.push(e);
    this.report.created.push({ where: this.where(line), message: `event '${name}' (${how})` });
    this.section?.defined.push(name);
    return e;
  }

  /** A draft property from the words about it. */
  property(w: PropertyWords): { name: string; prop: DraftProperty } {
    let name = strip(w.name);
    let required = w.required;
    if (name.endsWith('?')) { name = name.slice(0, -1); required ??= false; }
    const isArray = name.endsWith('[]');
    const bare = isArray ? name.slice(0, -2) : name;
    const mapped = w.typeText ? mapTypeText(w.typeText) : undefined;
    const prop: DraftProperty = {};
    if (mapped) {
      Object.assign(prop, mapped);
      this.typed.add(prop);
    } else {
      if (w.typeText && strip(w.typeText) && !/^[-—–]$/.test(strip(w.typeText))) {
        this.report.guessed.push({ where: this.where(w.line), message: `type '${strip(w.typeText)}' of '${bare}' is not a JSON type; guessed from the name instead` });
      }
      const g = guessType(name, w.description);
      Object.assign(prop, { type: g.type, ...(g.format ? { format: g.format } : {}), ...(g.items ? { items: g.items } : {}) });
      this.countGuess(`type of a property from its name or description (${g.why} → ${g.type})`, bare);
      if (g.why !== 'no clue: string by default') this.typed.add(prop);
    }
    if (w.description && plain(w.description)) prop.description = plain(w.description);
    const values = typedValues(w.values ?? (w.description ? valuesIn(w.description) : {}), prop.type!);
    if (values.enum?.length) { prop.enum = values.enum; this.countGuess('allowed values (enum) read from backticked or parenthesised lists', bare); }
    if (values.const !== undefined) { prop.const = values.const; this.countGuess("a const read from 'Always `x`'", bare); }
    if (values.examples?.length) prop.examples = values.examples;
    if (required === undefined) {
      required = !(w.description && saysOptional(w.description));
      this.countGuess(`required unless the description says optional/omitted/when available (${required ? 'required' : 'optional'})`, bare);
    }
    if (required) prop.required = true;
    let key = bare;
    if (!PROPERTY_NAME.test(bare)) {
      key = safePropertyName(bare);
      prop.extensions = { 'x-wire-name': bare };
      this.report.findings.push({ where: this.where(w.line), message: `property '${bare}' is not a valid taxonomy key; imported as '${key}' with x-wire-name`, hint: 'rename it at the source if you can' });
    }
    return { name: key, prop };
  }

  /** Adds a property to a map; a second mention fills in what the first did not say. */
  add(map: DraftMap, name: string, prop: DraftProperty): void {
    const prev = map.get(name);
    if (!prev) { map.set(name, prop); return; }
    const fill = prev as Record<string, unknown>;
    for (const [k, v] of Object.entries(prop)) if (fill[k] === undefined) fill[k] = v;
    if (this.typed.has(prop) && !this.typed.has(prev) && prop.type !== prev.type) {
      Object.assign(prev, { type: prop.type, items: prop.items, format: prop.format });
      this.typed.add(prev);
    }
  }

  /** A deep copy (one per event that gets the property), still marked typed if it was. */
  clone(p: DraftProperty): DraftProperty {
    const out: DraftProperty = { ...p };
    if (p.items) out.items = this.clone(p.items);
    if (p.properties) out.properties = new Map([...p.properties].map(([k, v]) => [k, this.clone(v)]));
    if (p.enum) out.enum = [...p.enum];
    if (this.typed.has(p)) this.typed.add(out);
    return out;
  }

  /** Where properties of the current block go: the events in scope, or the doc's glossary. */
  targets(): { maps: DraftMap[]; events: DraftEvent[] } {
    const s = this.section;
    const events = (s?.events ?? []).map((n) => this.events.get(n)).filter((e): e is DraftEvent => !!e);
    if (events.length) return { maps: events.map((e) => e.properties), events };
    if (s?.objectProp) {
      const obj = this.docProps.get(s.objectProp) ?? { type: 'object' as const, properties: new Map() };
      obj.properties ??= new Map();
      this.docProps.set(s.objectProp, obj);
      this.typed.add(obj);
      return { maps: [obj.properties], events: [] };
    }
    return { maps: [this.docProps], events: [] };
  }
}
