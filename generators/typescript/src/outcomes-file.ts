import type { TaxonomyModel } from '@taxonomy/core';
import type { Flavour } from './domain-file.js';
import { objectKey, stringLiteral } from './literal.js';

/**
 * The outcome layer (seed 001: `isOutcomeEvent(event)`, `outcomeKind(event)` "to filter or
 * label"): every event whose YAML sets `outcome:` and its kind, generated from the taxonomy so
 * a new outcome event needs no code. Accepts an event name or anything with an `event` name
 * (an envelope, a stored event).
 */
export function outcomesText(model: TaxonomyModel, flavour: Flavour): string {
  const outcomes = model.events.filter((e) => e.outcome).map((e) => [e.name, e.outcome!] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const kinds = [...new Set(outcomes.map(([, k]) => k))].sort();
  const union = (xs: readonly string[]) => (xs.length ? xs.map(stringLiteral).join(' | ') : 'never');
  const types = `/** An event that carries outcome semantics. */\nexport type OutcomeEvent = ${union(outcomes.map(([n]) => n))};\n`
    + `/** The kinds of outcome the taxonomy names. */\nexport type OutcomeKind = ${union(kinds)};\n`
    + '/** An event name, or an envelope or stored event with an `event` name. */\nexport type EventLike = string | { readonly event: string } | null | undefined;\n';
  const table = `{\n${outcomes.map(([n, k]) => `    ${objectKey(n)}: ${stringLiteral(k)},\n`).join('')}}`;
  const docKinds = '/** Each outcome event\'s kind. */\n';
  const docIs = '/** Whether the event is an outcome event (seed 001: "to filter"). */\n';
  const docKind = '/** The outcome kind of the event, or null when it is not an outcome event (seed 001: "to label"). */\n';
  const nameOf = 'function nameOf(event) {\n    return typeof event === "string" ? event : event !== null && typeof event === "object" && typeof event.event === "string" ? event.event : undefined;\n}\n';
  const has = 'const has = (name) => name !== undefined && Object.prototype.hasOwnProperty.call(OUTCOME_KINDS, name);\n';
  switch (flavour) {
    case 'dts':
      return types + docKinds + 'export declare const OUTCOME_KINDS: Readonly<Record<OutcomeEvent, OutcomeKind>>;\n'
        + docIs + 'export declare function isOutcomeEvent(event: EventLike): boolean;\n'
        + docKind + 'export declare function outcomeKind(event: EventLike): OutcomeKind | null;\n';
    case 'js':
      return `export const OUTCOME_KINDS = Object.freeze(${table});\n` + nameOf + has
        + 'export function isOutcomeEvent(event) {\n    return has(nameOf(event));\n}\n'
        + 'export function outcomeKind(event) {\n    const name = nameOf(event);\n    return has(name) ? OUTCOME_KINDS[name] : null;\n}\n';
    default:
      return types + docKinds + `export const OUTCOME_KINDS: Readonly<Record<OutcomeEvent, OutcomeKind>> = Object.freeze(${table});\n`
        + nameOf.replace('function nameOf(event) {', 'function nameOf(event: EventLike): string | undefined {').replace('event.event', '(event as { event: string }).event').replace('typeof event.event', 'typeof (event as { event?: unknown }).event')
        + 'const has = (name: string | undefined): name is OutcomeEvent => name !== undefined && Object.prototype.hasOwnProperty.call(OUTCOME_KINDS, name);\n'
        + docIs + 'export function isOutcomeEvent(event: EventLike): boolean {\n    return has(nameOf(event));\n}\n'
        + docKind + 'export function outcomeKind(event: EventLike): OutcomeKind | null {\n    const name = nameOf(event);\n    return has(name) ? OUTCOME_KINDS[name] : null;\n}\n';
  }
}
