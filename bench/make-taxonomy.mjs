#!/usr/bin/env node
// Writes a synthetic taxonomy of N events with 10 properties each, shaped like a real one
// (and clean: taxonomy check passes, every property documented and classified):
// 2 taxonomy-wide globals, 1 domain global, 3 refs to a pool of shared properties, and
// 4 event-own properties mixing enums, formats, ranges, booleans and a nested object.
// Usage: node bench/make-taxonomy.mjs <out-dir> <events>   (prints the taxonomy folder)
// Used by generate.bench.mjs and validators.bench.mjs; deterministic (no randomness).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DOMAINS = 10;
const SHARED = 40;

/** The 10 properties of event `i` (YAML flow mappings), beyond the 3 globals it inherits. */
function eventProperties(i) {
  const r = (k) => `shared_${(i * 3 + k) % SHARED}`;
  return [
    `      ${r(0)}: { ref: ${r(0)}, required: true }`,
    `      ${r(1)}: { ref: ${r(1)} }`,
    `      ${r(2)}: { ref: ${r(2)} }`,
    `      status_${i % 7}: { type: string, enum: [started, succeeded, failed, cancelled], required: true, privacy: internal, description: Outcome. }`,
    `      item_count: { type: integer, minimum: 0, maximum: ${100000 + i}, privacy: internal, description: Items. }`, // unique per event, as real events are
    `      is_retry: { type: boolean, privacy: internal, description: Retried. }`,
    `      detail:`,
    `        type: object`,
    `        privacy: internal`,
    `        description: Details.`,
    `        properties:`,
    `          code: { type: string, pattern: "^[A-Z]{2}[0-9]{3}$", privacy: internal, description: Code. }`,
    `          score: { type: number, minimum: 0, maximum: 1, privacy: internal, description: Score. }`,
  ].join('\n');
}

function sharedProperty(k) {
  switch (k % 5) {
    case 0: return `  shared_${k}: { type: string, format: uuid, privacy: pseudonymous_id, description: Shared id ${k}. }`;
    case 1: return `  shared_${k}: { type: string, enum: [alpha, beta, gamma, delta, epsilon], privacy: internal, description: Shared enum ${k}. }`;
    case 2: return `  shared_${k}: { type: integer, minimum: 0, privacy: internal, description: Shared count ${k}. }`;
    case 3: return `  shared_${k}: { type: string, minLength: 1, maxLength: 200, privacy: internal, description: Shared label ${k}. }`;
    default: return `  shared_${k}: { type: string, format: date-time, privacy: internal, description: Shared time ${k}. }`;
  }
}

/** Writes the taxonomy into `<dir>/taxonomy` and returns that folder. */
export function makeTaxonomy(dir, events) {
  const tax = join(dir, 'taxonomy');
  mkdirSync(join(tax, 'domains'), { recursive: true });
  writeFileSync(join(tax, 'taxonomy.yaml'), [
    `name: synthetic`,
    `version: 1.0.0`,
    `vendor: com.example`,
    `default_destinations: [warehouse]`,
    `global_properties:`,
    `  org_id: { ref: org_id, required: true }`,
    `  timestamp: { ref: timestamp, required: true }`,
    '',
  ].join('\n'));
  writeFileSync(join(tax, 'privacy.yaml'), [
    'classes:',
    '  public: { description: Public., sensitivity: 0 }',
    '  internal: { description: Internal., sensitivity: 1 }',
    '  pseudonymous_id: { description: Pseudonymous ids., sensitivity: 2 }',
    '',
  ].join('\n'));
  writeFileSync(join(tax, 'destinations.yaml'), 'destinations:\n  warehouse: { description: The warehouse., kind: warehouse }\n');
  writeFileSync(join(tax, 'categories.yaml'), `categories:\n${Array.from({ length: DOMAINS }, (_, d) => `  area_${d}: { description: Area ${d}. }`).join('\n')}\n`);
  writeFileSync(join(tax, 'properties.yaml'), [
    'properties:',
    '  org_id: { type: string, pattern: "^[0-9]+$", privacy: pseudonymous_id, description: Organization id. }',
    '  timestamp: { type: string, format: date-time, privacy: internal, description: When it happened. }',
    '  session_id: { type: string, format: uuid, privacy: pseudonymous_id, description: Session id. }',
    ...Array.from({ length: SHARED }, (_, k) => sharedProperty(k)),
    '',
  ].join('\n'));
  for (let d = 0; d < DOMAINS; d++) {
    const lines = [
      `domain: area_${d}`,
      `owner: team_${d}`,
      `naming: dot.snake`,
      `property_naming: snake`,
      `global_properties:`,
      `  session_id: { ref: session_id, required: true }`,
      `events:`,
    ];
    for (let i = d; i < events; i += DOMAINS) {
      lines.push(
        `  area_${d}.thing_${String(i).padStart(5, '0')}_done:`,
        `    description: Synthetic event ${i}.`,
        `    trigger: Benchmark.`,
        `    category: area_${d}`,
        `    properties:`,
        eventProperties(i),
      );
    }
    writeFileSync(join(tax, 'domains', `area_${d}.yaml`), lines.join('\n') + '\n');
  }
  return tax;
}

/** A fresh temp dir holding a synthetic taxonomy of `events` events; returns its root. */
export function makeTempTaxonomy(events) {
  const root = mkdtempSync(join(tmpdir(), `taxonomy-${events}-`));
  makeTaxonomy(root, events);
  return root;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, n] = process.argv.slice(2);
  if (!out || !/^\d+$/.test(n ?? '')) {
    console.error('usage: node bench/make-taxonomy.mjs <out-dir> <events>');
    process.exit(2);
  }
  console.log(makeTaxonomy(out, Number(n)));
}
