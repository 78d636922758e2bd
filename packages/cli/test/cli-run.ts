import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from '@taxonomy/cli';

/** The clean fixture taxonomy most CLI tests start from. */
export const cleanFixture = join(import.meta.dirname, '../../core/test/fixtures/00-clean/taxonomy');

/** Runs the CLI in process with captured output. */
export function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd };
  return main(args, io).then((code) => ({ code, out, err }));
}

/** A temp project folder holding a copy of the clean fixture as taxonomy/. */
export function project(prefix = 'taxonomy-gen-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(cleanFixture, join(dir, 'taxonomy'), { recursive: true });
  return dir;
}
