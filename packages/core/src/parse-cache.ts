import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastParse } from './fast-yaml.js';

/**
 * Parsed YAML files by content, so a file that did not change is not parsed again. Parsing is
 * most of loading a large taxonomy (~0.3 s of ~0.55 s for 2,000 events), and between two runs
 * most files are unchanged. Core never stores anything itself: the caller passes a cache
 * (the CLI keeps one in `.taxonomy-cache/parsed/`), and only the fast path's results are
 * cached, so every diagnostic still comes from a real parse.
 *
 * A cache must hand out a fresh copy on each `get` (the loader builds the model from it).
 */
export interface ParseCache {
  get(key: string): FastParse | undefined;
  set(key: string, value: FastParse): void;
}

let fingerprint: string | undefined;

/**
 * What a cached parse depends on besides the text: the parser (js-yaml's version) and the code
 * that turns its events into data and positions (this package's fast-yaml.js, hashed as built).
 * A change to either misses every old entry instead of trusting it.
 */
function parserFingerprint(): string {
  if (fingerprint === undefined) {
    const require = createRequire(import.meta.url);
    const jsYamlVersion = (require('js-yaml/package.json') as { version: string }).version;
    const h = createHash('sha256').update(`js-yaml@${jsYamlVersion}\0`);
    // Built, these are .js files; under the test runner, the .ts sources.
    const self = fileURLToPath(import.meta.url);
    h.update(readFileSync(join(dirname(self), `fast-yaml${extname(self)}`)));
    h.update(readFileSync(self));
    fingerprint = h.digest('hex');
  }
  return fingerprint;
}

/** The cache key of a text: its SHA-256 together with the parser's fingerprint. */
export function parseCacheKey(text: string): string {
  return createHash('sha256').update(parserFingerprint()).update('\0').update(text).digest('hex');
}
