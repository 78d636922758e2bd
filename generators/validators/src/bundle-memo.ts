// The runtime bundle, memoised in the CLI's cache. What a bundle depends on is the text of the
// files esbuild read, which are known only once it has run; so the memo keeps two values: under
// the entry and the options, the list of files the last bundle read; and the bundle itself
// under the entry, the options and the text of each of those files as read then. A warm run
// reads those few small files again and finds the bundle without starting esbuild (about a
// tenth of a second in a fresh process); if any of them changed, or moved, it bundles again.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { recall, remember, type GenerateContext } from '@taxonomy/core';
import { BUNDLER_FINGERPRINT, bundle, type BundleInput } from './bundle.js';

const require = createRequire(import.meta.url);
const ESBUILD_VERSION = (require('esbuild/package.json') as { version: string }).version;

type Read = (path: string) => string;

function reread(listed: string, read: Read): BundleInput[] | undefined {
  try {
    const paths = JSON.parse(listed) as unknown;
    if (!Array.isArray(paths)) return undefined;
    return paths.map((p) => ({ path: String(p), contents: read(String(p)) }));
  } catch {
    return undefined; // a file gone: bundle again
  }
}

/** runtime.js's text: from the cache when every file it was made from is as it was then. */
export async function bundledRuntime(entry: string, minify: boolean, generatorVersion: string, context: GenerateContext | undefined, read: Read = (p) => readFileSync(p, 'utf8')): Promise<string> {
  const cache = context?.cache;
  if (!cache) return (await bundle(entry, minify)).code;
  const base = ['validators/bundle', generatorVersion, ESBUILD_VERSION, BUNDLER_FINGERPRINT, String(minify), entry];
  const withInputs = (inputs: readonly BundleInput[]) => [...base, ...inputs.flatMap((i) => [i.path, i.contents])];
  const listed = recall(cache, [...base, 'inputs']);
  const inputs = listed === undefined ? undefined : reread(listed, read);
  const hit = inputs && recall(cache, withInputs(inputs));
  if (hit !== undefined) return hit;
  const made = await bundle(entry, minify);
  remember(cache, [...base, 'inputs'], JSON.stringify(made.inputs.map((i) => i.path)));
  remember(cache, withInputs(made.inputs), made.code);
  return made.code;
}
