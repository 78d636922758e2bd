import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from './diagnostics.js';

/** Files and folders that are never taxonomy sources. */
const SKIP = new Set(['node_modules', '.git']);
/** A taxonomy is a few hundred files; a folder with more is the wrong folder. */
export const MAX_FILES = 5000;

/** One YAML file found under the taxonomy folder: where it is shown and where its bytes are. */
export interface FoundFile {
  /** The path under the taxonomy folder (what decides the file's kind). */
  readonly abs: string;
  /** The path to read: the link's target when `abs` is a symlink inside the folder. */
  readonly real: string;
}

export interface WalkResult {
  readonly files: FoundFile[];
  readonly diagnostics: Diagnostic[];
  /** More than MAX_FILES YAML files: the wrong folder. */
  readonly tooMany: boolean;
}

const isYamlName = (name: string) => /\.ya?ml$/.test(name);

const within = (root: string, p: string) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Lists the YAML files under `dir` by type: regular files only; a symlink is followed only when
 * its target stays inside the taxonomy folder; loops, dangling links, unreadable folders, FIFOs,
 * devices and folders named like files become located diagnostics, never exceptions.
 */
export function walkTaxonomy(dir: string, display: (p: string) => string): WalkResult {
  const root = realpathSync(dir);
  const out: WalkResult = { files: [], diagnostics: [], tooMany: false };
  const seen = new Set<string>([root]);
  const problem = (p: string, code: string, message: string, hint: string) => {
    out.diagnostics.push({ code, severity: 'error', message, hint, location: { file: display(p), line: 1, column: 1 } });
  };

  const visit = (folder: string): void => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch (e) {
      problem(folder, 'io/unreadable', `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'make the folder readable (chmod u+rx) or move it out of the taxonomy folder');
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || SKIP.has(name)) continue;
      const p = join(folder, name);
      const target = resolveEntry(p, root, problem);
      if (!target) continue;
      if (target.stats.isDirectory()) {
        if (isYamlName(name)) {
          problem(p, 'layout/folder-not-file', `'${relative(dir, p).split(sep).join('/')}' is a folder, but a taxonomy file of that name must be a file`, 'rename the folder, or replace it with the YAML file it stands for');
          continue;
        }
        if (seen.has(target.real)) continue;
        seen.add(target.real);
        visit(p);
      } else if (isYamlName(name)) {
        if (!target.stats.isFile()) {
          problem(p, 'io/not-a-file', `'${name}' is not a regular file (${kindName(target.stats)})`, 'a taxonomy file must be a regular file: replace it with the YAML it should hold');
          continue;
        }
        out.files.push({ abs: p, real: target.real });
      }
      if (out.files.length > MAX_FILES) {
        (out as { tooMany: boolean }).tooMany = true;
        return;
      }
    }
  };
  visit(dir);
  return out;
}

function kindName(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

type Problem = (p: string, code: string, message: string, hint: string) => void;

/** The entry's own stats, or its target's when it is a symlink that stays inside the folder. */
function resolveEntry(p: string, root: string, problem: Problem): { stats: Stats; real: string } | undefined {
  let st: Stats;
  try {
    st = lstatSync(p);
  } catch (e) {
    problem(p, 'io/unreadable', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'check the file permissions');
    return undefined;
  }
  if (!st.isSymbolicLink()) return { stats: st, real: p };
  let real: string;
  try {
    real = realpathSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') problem(p, 'io/symlink-loop', 'symbolic link loop (the link points back to itself)', 'remove the link or point it at a file inside the taxonomy folder');
    else if (code === 'ENOENT') problem(p, 'io/dangling-link', 'symbolic link to a file that does not exist', 'remove the link or restore its target');
    else problem(p, 'io/unreadable', `cannot resolve symbolic link: ${code ?? (e as Error).message}`, 'check the link and its target');
    return undefined;
  }
  if (!within(root, real)) {
    problem(p, 'io/symlink-outside', `symbolic link points outside the taxonomy folder (to '${real}')`, 'copy the file into the taxonomy folder instead of linking to it');
    return undefined;
  }
  try {
    return { stats: statSync(real), real };
  } catch (e) {
    problem(p, 'io/unreadable', `cannot read link target: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'check the link and its target');
    return undefined;
  }
}

/**
 * Reads at most `limit + 1` bytes of a regular file, without trusting `stat`'s size (a file may
 * grow while read, /proc files report 0). O_NONBLOCK keeps a FIFO swapped in after the walk from
 * blocking the open. `tooLarge` holds the larger of the bytes seen and the size stat reports.
 */
export function readBounded(path: string, limit: number): { bytes: Buffer } | { tooLarge: number } | { notAFile: true } {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { notAFile: true };
    if (st.size > limit) return { tooLarge: st.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limit) return { tooLarge: Math.max(total, st.size) };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } finally {
    closeSync(fd);
  }
}
