import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { GeneratedFile } from '@taxonomy/core';

/**
 * The one source of a generated package's version is its committed package.json, which the
 * release tool (changesets: `changeset version`) bumps. A generator prints a package.json
 * with the taxonomy's `version:` (taxonomy.yaml); that is the version a package starts at.
 * Once the file exists, its `version` is the release's and generate keeps it, so
 * `changeset version` followed by `generate --check` is clean and `generate` never puts an
 * older version back. Only the `version` field is carried over, and only from a file that
 * is the same package (same `name`) with a valid semver version; any other field the
 * generator prints still wins, so a hand edit of anything else is still drift.
 */
export function keepReleasedVersions(outDir: string, files: readonly GeneratedFile[]): readonly GeneratedFile[] {
  if (!files.some((f) => basename(f.path) === 'package.json')) return files;
  return files.map((f) => (basename(f.path) === 'package.json' ? withReleasedVersion(f, readReleased(resolve(outDir, f.path))) : f));
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** name and version of the package.json on disk, when it is one with a valid version. */
function readReleased(file: string): { name: string; version: string } | undefined {
  let pkg: unknown;
  try { pkg = JSON.parse(readFileSync(file, 'utf8')); } catch { return undefined; }
  if (!pkg || typeof pkg !== 'object') return undefined;
  const { name, version } = pkg as { name?: unknown; version?: unknown };
  return typeof name === 'string' && typeof version === 'string' && SEMVER.test(version) ? { name, version } : undefined;
}

/** The generated package.json with the released version, printed as the generator printed it. */
export function withReleasedVersion(f: GeneratedFile, released: { name: string; version: string } | undefined): GeneratedFile {
  if (!released) return f;
  let pkg: Record<string, unknown>;
  try { pkg = JSON.parse(f.contents) as Record<string, unknown>; } catch { return f; }
  if (pkg.name !== released.name || pkg.version === released.version || typeof pkg.version !== 'string') return f;
  // Replace the value in the generator's own text (not a re-serialisation), so the bytes
  // stay the generator's apart from the version; a "version" key at the top level only.
  const quoted = JSON.stringify(pkg.version);
  const at = topLevelVersionValue(f.contents, quoted);
  if (at < 0) return f;
  return { ...f, contents: f.contents.slice(0, at) + JSON.stringify(released.version) + f.contents.slice(at + quoted.length) };
}

/** Offset of the top-level "version" value in a JSON text, or -1. */
function topLevelVersionValue(text: string, quoted: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && text.slice(i, end + 1) === '"version"') {
        let j = end + 1;
        while (/\s|:/.test(text[j] ?? '')) j++;
        return text.startsWith(quoted, j) ? j : -1;
      }
      i = end;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return -1;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
