import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The no-op cache of `taxonomy generate`: a stamp in .taxonomy-cache/ (not committed)
 * recording the hash of every input of the last successful full run.
 */
const STAMP = '.taxonomy-cache/generate.json';

interface Stamp {
  sourceHash: string;
  outputs: { dir: string; manifest: string }[];
  /** size:mtime of every generated file when the stamp was written: a stat is much cheaper than a hash. */
  stats?: Record<string, string>;
}

const statKey = (p: string): string | undefined => {
  try {
    const st = statSync(p);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
};

/**
 * Hashes the files of a tree by their path relative to its root, so the hash does not depend
 * on where the checkout is (it goes into committed manifests through packagesCodeHash).
 */
function hashTree(h: ReturnType<typeof createHash>, dir: string, filter: (name: string) => boolean, root = dir): void {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'test' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) hashTree(h, p, filter, root);
    else if (filter(name)) h.update(relative(root, p)).update('\0').update(readFileSync(p));
  }
}

/** The hash of one tree (the unit packagesCodeHash is made of). */
export function treeHash(dir: string, filter: (name: string) => boolean): string {
  const h = createHash('sha256');
  hashTree(h, dir, filter);
  return h.digest('hex');
}

/** The folder holding a package's package.json, found from its resolved entry. */
function packageRoot(pkg: string): string | undefined {
  let dir: string;
  try {
    dir = dirname(fileURLToPath(import.meta.resolve(pkg)));
  } catch {
    return undefined;
  }
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The version of `dep` as Node would find it from `root` (the nearest node_modules up), or 'missing'. */
export function installedVersion(root: string, dep: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    try {
      return String((JSON.parse(readFileSync(join(dir, 'node_modules', dep, 'package.json'), 'utf8')) as { version?: unknown }).version);
    } catch {
      if (dirname(dir) === dir) return 'missing';
    }
  }
}

/**
 * `name@version` of each library a package depends on (its package.json's dependencies and
 * peerDependencies), as installed: an upgrade of ajv or json-schema-to-typescript changes
 * what a generator writes, so it must change the cache keys too.
 */
export function libraryVersions(root: string): string[] {
  let pkg: { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  } catch {
    return [];
  }
  const deps = [...new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})])].sort();
  return deps.map((d) => `${d}@${installedVersion(root, d)}`);
}

/** Hash of the code of the given packages (their js, json, hbs and css files) and of their libraries' versions. */
export function packagesCodeHash(packages: readonly string[], rootOf: (pkg: string) => string | undefined = packageRoot): string {
  const h = createHash('sha256');
  for (const pkg of packages) {
    const root = rootOf(pkg);
    h.update(pkg).update('\0');
    if (!root) continue;
    hashTree(h, root, (n) => /\.(js|json|hbs|css)$/.test(n));
    for (const lib of libraryVersions(root)) h.update(lib).update('\0');
  }
  return h.digest('hex');
}

/**
 * Hash of the taxonomy files, the CLI's own code and core's, and `generatorsCode` (the
 * generator packages' packagesCodeHash, computed once a run by the caller, which needs it too).
 */
export function computeSourceHash(taxDir: string, generatorsCode: string): string | undefined {
  const h = createHash('sha256');
  try {
    hashTree(h, taxDir, (n) => /\.ya?ml$/.test(n));
    hashTree(h, dirname(dirname(fileURLToPath(import.meta.url))), (n) => /\.(js|json)$/.test(n));
    hashTree(h, dirname(fileURLToPath(import.meta.resolve('@taxonomy/core'))), (n) => n.endsWith('.js'));
  } catch {
    return undefined;
  }
  return h.update(generatorsCode).digest('hex');
}

/** Number of generated files when the stamp matches and every file is intact; else undefined. */
export function checkStamp(rootDir: string, sourceHash: string): number | undefined {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(join(rootDir, STAMP), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp.sourceHash !== sourceHash) return undefined;
  let count = 0;
  for (const o of stamp.outputs) {
    let manifest: { files: Record<string, string> };
    try {
      manifest = JSON.parse(readFileSync(join(rootDir, o.dir, o.manifest), 'utf8'));
    } catch {
      return undefined;
    }
    for (const [f, hash] of Object.entries(manifest.files)) {
      const p = join(rootDir, o.dir, f);
      const key = statKey(p);
      if (key === undefined) return undefined;
      // Unchanged size and mtime since the stamp: the file is as written. Otherwise compare contents.
      if (stamp.stats?.[p] !== key && createHash('sha256').update(readFileSync(p)).digest('hex') !== hash) return undefined;
      count++;
    }
  }
  return count;
}

export function writeStamp(rootDir: string, sourceHash: string, outputs: Stamp['outputs']): void {
  const stats: Record<string, string> = {};
  for (const o of outputs) {
    try {
      const manifest = JSON.parse(readFileSync(join(rootDir, o.dir, o.manifest), 'utf8')) as { files: Record<string, string> };
      for (const f of Object.keys(manifest.files)) {
        const p = join(rootDir, o.dir, f);
        const key = statKey(p);
        if (key) stats[p] = key;
      }
    } catch {
      // No manifest (a disabled generator): nothing to record.
    }
  }
  const p = join(rootDir, STAMP);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, JSON.stringify({ sourceHash, outputs, stats }) + '\n');
}
