import type { Rule } from '../types.js';

export const routingNoDestination: Rule = {
  id: 'routing/no-destination',
  defaultLevel: 'error',
  compares: false,
  summary: 'Every event goes somewhere: it names a destination (its own, its domain\'s, or the taxonomy\'s default_destinations) that exists.',
  details: 'An event with no destination type-checks and validates, then the runtime drops every one of them as `noRoute`: nothing is stored. Deprecated events are judged too, since they are still sent.',
  example: { bad: '# taxonomy.yaml without default_destinations, domain without destinations:', good: 'default_destinations: [warehouse]' },
  check: (_base, head) => {
    const known = new Set(head.destinations.map((d) => d.name));
    return head.events.filter((e) => e.status !== 'planned' && !e.destinations.some((d) => known.has(d))).map((e) => ({
      message: e.destinations.length
        ? `event '${e.name}' goes only to unknown destinations (${e.destinations.join(', ')}): every one would be dropped`
        : `event '${e.name}' has no destination (none on the event, its domain '${e.domain}' or default_destinations): every one would be dropped as noRoute`,
      location: e.location,
      fix: head.destinations.length
        ? `add destinations: [${head.destinations[0]!.name}] to the event or its domain, or default_destinations: in taxonomy.yaml (one of: ${head.destinations.map((d) => d.name).join(', ')})`
        : 'define a destination in taxonomy/destinations.yaml (e.g. warehouse: { kind: warehouse }) and list it under default_destinations: in taxonomy.yaml',
    }));
  },
};
