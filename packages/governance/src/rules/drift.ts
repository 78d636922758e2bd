import { didYouMean, type TaxonomyEvent, type TaxonomyModel } from '@taxonomy/core';
import { trackerPath } from '../app/names.js';
import type { AppCall } from '../app/scan-types.js';
import type { RawFinding, Rule } from '../types.js';
import { isDocsGenerator } from './doc.js';
import { driftFindings } from './drift-files.js';

export const driftGenerated: Rule = {
  id: 'drift/generated',
  defaultLevel: 'error',
  compares: false,
  summary: 'Generated artifacts are what a fresh `taxonomy generate` makes of the taxonomy (names the files).',
  details: 'The same comparison as `taxonomy generate --check`: a file missing, different, or no longer generated. Documentation generators are reported by `doc/generated-docs`. A generator that fails is reported here too.',
  example: { bad: '# edited taxonomy/, committed without regenerating', good: 'npm run generate && git add packages/' },
  check: (_base, _head, facts) => [
    // The generator's own error text (a stack, "Cannot read properties of undefined") says
    // nothing to the author: the finding says which generator and how to see why.
    ...(facts.generatorErrors ?? []).map((g) => ({ message: `generator ${g.generator} could not run on this taxonomy, so its output could not be compared`, fix: `run taxonomy generate --only ${g.generator} to see why; fix the taxonomy or the generator options in taxonomy.yaml (generators:)` })),
    ...driftFindings((facts.drift ?? []).filter((d) => !isDocsGenerator(d.generator)), 'generated', 'run `npm run generate` (taxonomy generate) and commit the result; never edit generated files by hand'),
  ],
};

/** Index of the typed tracker's paths, and of event names, for matching calls. */
export function index(head: TaxonomyModel) {
  const byPath = new Map<string, TaxonomyEvent>();
  const domains = new Map<string, string[]>();
  for (const e of head.events) {
    const p = trackerPath(e);
    byPath.set(`${p.domainKey}.${p.method}`, e);
    domains.set(p.domainKey, [...(domains.get(p.domainKey) ?? []), p.method]);
  }
  return { byPath, domains, byName: new Map(head.events.map((e) => [e.name, e] as const)) };
}

/** The event a call emits, if it names one. */
export function target(call: AppCall, ix: ReturnType<typeof index>): TaxonomyEvent | undefined {
  return call.kind === 'typed' ? ix.byPath.get(`${call.domainKey}.${call.method}`) : call.eventName !== undefined ? ix.byName.get(call.eventName) : undefined;
}

const typedCall = (e: TaxonomyEvent) => { const p = trackerPath(e); return `tracker.${p.domainKey}.${p.method}(...)`; };

export const driftUnknownEvent: Rule = {
  id: 'drift/unknown-event',
  defaultLevel: 'error',
  compares: false,
  summary: 'Application code emits an event the taxonomy does not define.',
  details: 'Scans the sources configured under `governance.app.include` with ts-morph for typed calls `tracker.<domain>.<event>(...)` and raw calls `track(\'event name\', ...)`. A call to an event that is not in the head taxonomy is reported with the closest match; it usually means the event was renamed or removed in the taxonomy and the code was not updated (or the other way round).',
  example: { bad: "tracker.workbench.draftCreatd({ … })", good: "tracker.workbench.draftCreated({ … })" },
  check: (_base, head, facts) => {
    if (!facts.app) return [];
    const ix = index(head);
    const out: RawFinding[] = [];
    for (const call of facts.app.calls) {
      if (target(call, ix) || (call.kind === 'raw' && call.eventName === undefined)) continue;
      if (call.kind === 'typed') {
        const methods = ix.domains.get(call.domainKey!);
        const hint = methods ? didYouMean(call.method!, methods) : didYouMean(call.domainKey!, ix.domains.keys());
        out.push({
          message: `${call.callee}(...) emits an event the taxonomy does not define${methods ? ` in domain '${call.domainKey}'` : ` (no domain '${call.domainKey}')`}`,
          location: call.location,
          fix: hint ? `did you mean ${methods ? `${call.callee.replace(/\.[^.]+$/, '')}.${hint}` : hint}? Otherwise add the event to the taxonomy first` : 'add the event to the taxonomy first (doc-first), then regenerate the tracker',
        });
      } else {
        const hint = didYouMean(call.eventName!, ix.byName.keys());
        out.push({ message: `${call.callee}('${call.eventName}') emits an event the taxonomy does not define`, location: call.location, fix: hint ? `did you mean '${hint}'? Use the typed tracker: ${typedCall(ix.byName.get(hint)!)}` : 'add the event to the taxonomy first, then call it through the typed tracker' });
      }
    }
    return out;
  },
};

export const driftRawTrack: Rule = {
  id: 'drift/raw-track',
  defaultLevel: 'error',
  compares: false,
  summary: 'Application code calls `track(\'name\', …)` with a string instead of the typed tracker.',
  details: 'A string call bypasses the generated types and validation: a typo or a missing required property only shows up in the dashboards. The function names are `governance.app.raw_calls` (default `track`), as a bare call or a method (`analytics.track(...)`).',
  example: { bad: "analytics.track('workbench.draft_created', { source })", good: 'tracker.workbench.draftCreated({ source })' },
  check: (_base, head, facts) => {
    if (!facts.app) return [];
    const ix = index(head);
    return facts.app.calls.filter((c) => c.kind === 'raw').flatMap((c): RawFinding[] => {
      if (c.eventName === undefined) return [{ message: `${c.callee}(\`…\`) builds the event name at run time, so it cannot be checked`, location: c.location, fix: 'call the typed tracker method of each event instead' }];
      const e = ix.byName.get(c.eventName);
      return e ? [{ message: `${c.callee}('${c.eventName}') bypasses the typed tracker`, location: c.location, fix: `call ${typedCall(e)} instead` }] : [];
    });
  },
};

export const driftDeprecatedEvent: Rule = {
  id: 'drift/deprecated-event',
  defaultLevel: 'warn',
  compares: false,
  summary: 'Application code still emits a deprecated event.',
  details: 'Move the call to the replacement before the deprecation period ends, or removing the event will break the code.',
  example: { bad: 'tracker.shop.checkoutStarted({ … })   # deprecated', good: 'tracker.shop.checkoutBegun({ … })' },
  check: (_base, head, facts) => {
    if (!facts.app) return [];
    const ix = index(head);
    return facts.app.calls.flatMap((c): RawFinding[] => {
      const e = target(c, ix);
      if (!e || e.status !== 'deprecated') return [];
      const rep = e.deprecated?.replacement ? ix.byName.get(e.deprecated.replacement) : undefined;
      return [{
        message: `'${e.name}' is deprecated${e.deprecated?.since ? ` since ${e.deprecated.since}` : ''}${e.deprecated?.removal ? ` and will be removed on ${e.deprecated.removal}` : ''}`,
        location: c.location,
        fix: rep ? `emit '${rep.name}' instead: ${typedCall(rep)}` : `stop emitting it${e.deprecated?.reason ? ` (${e.deprecated.reason.trim().split('\n')[0]})` : ''}`,
      }];
    });
  },
};

export const driftNeverEmitted: Rule = {
  id: 'drift/never-emitted',
  defaultLevel: 'warn',
  compares: false,
  summary: 'An active event is defined but no scanned source emits it (like `ampli status`).',
  details: 'Only events of `governance.app.domains` (default: every domain) with `status: active` are expected; planned and deprecated events are not. Either the code is missing or the event is dead and should be deprecated.',
  example: { bad: '# workbench.draft_rejected defined, never called', good: "tracker.workbench.draftRejected({ … })   # or status: planned" },
  check: (_base, head, facts) => {
    const app = facts.app;
    if (!app || app.files === 0) return [];
    const ix = index(head);
    const emitted = new Set(app.calls.map((c) => target(c, ix)?.name).filter(Boolean));
    return head.events
      .filter((e) => e.status === 'active' && (!app.domains || app.domains.includes(e.domain)) && !emitted.has(e.name))
      .map((e) => ({ message: `event '${e.name}' is defined but never emitted by the scanned sources (${app.include.join(', ')})`, location: e.location, fix: `emit it with ${typedCall(e)}, or set status: planned (not built yet) or deprecated (no longer used)` }));
  },
};

export const driftAppSources: Rule = {
  id: 'drift/app-sources',
  defaultLevel: 'error',
  compares: false,
  summary: 'The app sources configured for the drift scan exist and name real domains.',
  details: 'Globs that match nothing would silently switch the app-code checks off.',
  check: (_base, head, facts) => {
    const app = facts.app;
    if (!app) return [];
    const where = { file: head.files.find((f) => /(^|\/)taxonomy\.ya?ml$/.test(f)) ?? 'taxonomy/taxonomy.yaml', line: 1, column: 1 };
    const out: RawFinding[] = [];
    if (app.files === 0) out.push({ message: `governance.app.include (${app.include.join(', ')}) matches no source file`, location: where, fix: 'fix the globs (relative to the repository root) or remove governance.app' });
    for (const d of app.domains ?? []) {
      if (!head.domains.some((x) => x.name === d)) out.push({ message: `governance.app.domains names unknown domain '${d}'`, location: where, fix: `use one of: ${head.domains.map((x) => x.name).join(', ')}` });
    }
    return out;
  },
};
