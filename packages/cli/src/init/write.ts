// Writes the scaffold all or nothing: every check runs before the first write, and a write
// that fails part-way removes what this run created (files, then the folders it made).
import { existsSync, lstatSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { UsageError } from '../io.js';
import type { InitFile } from './files.js';

/** Why `dir` cannot take the scaffold, or undefined when it can. */
export function refusal(dir: string, files: readonly InitFile[], force: boolean): string | undefined {
  if (!existsSync(dir)) return undefined;
  const st = lstatSync(dir);
  if (!st.isDirectory()) return `${dir} is ${st.isSymbolicLink() ? 'a symbolic link' : 'a file'}, not a folder; name a new or empty folder`;
  const existing = ['taxonomy/taxonomy.yaml', 'taxonomy.yaml'].find((p) => existsSync(join(dir, p)));
  if (existing) {
    return `${dir} already holds a taxonomy (${existing}); init never writes over one: edit it, or init another folder`;
  }
  const entries = readdirSync(dir).filter((e) => e !== '.git');
  if (entries.length && !force) {
    return `${dir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); pass --force to add the taxonomy beside what is there`;
  }
  const clash = files.map((f) => f.path).filter((p) => existsSync(join(dir, p)));
  if (clash.length) return `${dir} already has ${clash.join(', ')}; init never overwrites a file: move ${clash.length === 1 ? 'it' : 'them'} away first`;
  return undefined;
}

/** Creates `dir` and the files; on any failure removes what it created and throws a UsageError. */
export function writeScaffold(dir: string, files: readonly InitFile[]): void {
  const madeDirs: string[] = [];
  const madeFiles: string[] = [];
  const ensureDir = (d: string) => {
    const missing: string[] = [];
    for (let p = d; !existsSync(p); p = dirname(p)) missing.unshift(p);
    for (const p of missing) { mkdirSync(p); madeDirs.push(p); }
  };
  try {
    ensureDir(dir);
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
    for (const f of files) {
      const target = join(dir, f.path);
      ensureDir(dirname(target));
      writeFileSync(target, f.contents, { flag: 'wx' });
      madeFiles.push(target);
    }
  } catch (e) {
    for (const f of madeFiles.reverse()) rmSync(f, { force: true });
    for (const d of madeDirs.reverse()) { try { rmdirSync(d); } catch { /* not empty: something else wrote there */ } }
    const err = e as NodeJS.ErrnoException;
    const where = err.path ? relative(process.cwd(), err.path) || err.path : dir;
    const why = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied'
      : err.code === 'EROFS' ? 'read-only file system'
      : err.code === 'ENOSPC' ? 'no space left on the device'
      : err.code === 'ENOTDIR' ? 'a path on the way is a file, not a folder'
      : err.message;
    throw new UsageError(`cannot write ${where}: ${why}; nothing was left behind`);
  }
}
