// Bundles the runtime of the generated validators (our validate-event and formats modules,
// and the ajv helpers the compiled code looks up) into one ESM module with esbuild, in
// memory (write: false). The helpers are CommonJS; bundling inlines them, so the output
// has no require(). Every module gets a stable virtual name (`pkg:ajv/dist/runtime/equal.js`,
// `taxonomy:runtime/limits.js`) instead of a path on this machine, so the output is
// byte-identical wherever it is generated.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as esbuild from 'esbuild';

const RUNTIME_DIR = fileURLToPath(new URL('./runtime/', import.meta.url));
const require = createRequire(import.meta.url);

/** `pkg:<package>/<file>` for a file under node_modules, from its real path. */
function packageName(real: string): string {
  const parts = real.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return workspaceName(real);
  const scoped = parts[at + 1]!.startsWith('@');
  return parts.slice(at + 1, at + (scoped ? 3 : 2)).join('/') + '/' + parts.slice(at + (scoped ? 3 : 2)).join('/');
}

/** `pkg:<package>/<file>` for a file of a workspace package (linked, so its real path has no node_modules). */
function workspaceName(real: string): string {
  for (let dir = dirname(real); dirname(dir) !== dir; dir = dirname(dir)) {
    let name: unknown;
    try { name = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name; } catch { continue; }
    if (typeof name === 'string') return `${name}/${posix.join(...real.slice(dir.length + 1).split(/[\\/]/))}`;
  }
  throw new Error(`cannot bundle ${real}: not inside a package`);
}

/** This module's own text: the bundling options are part of every bundle's inputs. */
export const BUNDLER_FINGERPRINT: string = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex');

interface Loaded { readonly real: string }

/** A file the bundle was made from: its real path and the text esbuild was given. */
export interface BundleInput {
  readonly path: string;
  readonly contents: string;
}

function virtualModules(read: BundleInput[]): esbuild.Plugin {
  const files = new Map<string, Loaded>();
  const key = (namespace: string, path: string) => `${namespace}:${path}`;
  return {
    name: 'taxonomy-virtual',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const spec = args.path;
        if (spec === 'taxonomy:formats' || spec === 'taxonomy:validate-event') {
          const path = `runtime/${spec.slice('taxonomy:'.length)}.js`;
          files.set(key('taxonomy', path), { real: join(RUNTIME_DIR, `${spec.slice('taxonomy:'.length)}.js`) });
          return { namespace: 'taxonomy', path };
        }
        const importer = files.get(key(args.namespace, args.importer));
        if (args.namespace === 'taxonomy' && spec.startsWith('./') && importer?.real) {
          const path = posix.join(posix.dirname(args.importer), spec);
          files.set(key('taxonomy', path), { real: join(dirname(importer.real), spec) });
          return { namespace: 'taxonomy', path };
        }
        // A package (ajv's runtime helpers, ajv-formats, their dependencies): resolved the
        // way Node would from the importing file, named by package and file.
        const from = importer?.real ?? join(RUNTIME_DIR, 'formats.js');
        const real = createRequire(from).resolve(spec);
        const path = packageName(real);
        files.set(key('pkg', path), { real });
        return { namespace: 'pkg', path };
      });
      build.onLoad({ filter: /.*/ }, (args) => {
        const f = files.get(key(args.namespace, args.path));
        if (!f) throw new Error(`internal: no virtual module ${args.namespace}:${args.path}`);
        const contents = readFileSync(f.real, 'utf8');
        read.push({ path: f.real, contents });
        return { contents, loader: 'js' };
      });
    },
  };
}

/** One self-contained ESM module: the entry code and everything it imports (listed, sorted by path). */
export async function bundle(entry: string, minify: boolean): Promise<{ code: string; inputs: BundleInput[] }> {
  // Loaded only when a bundle is made: a warm run takes the bundle from the memo.
  const esbuild = await import('esbuild');
  const inputs: BundleInput[] = [];
  const result = await esbuild.build({
    stdin: { contents: entry, sourcefile: 'index.js', loader: 'js', resolveDir: RUNTIME_DIR },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    minify,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    absWorkingDir: RUNTIME_DIR,
    plugins: [virtualModules(inputs)],
  });
  const code = result.outputFiles?.[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no output');
  return { code, inputs: inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
