import { execFileSync } from 'node:child_process';
import type { TaxonomySourceFile } from '@taxonomy/core';

/** A git problem the user fixes (a missing ref, a shallow clone): reported as a usage error, never a stack trace. */
export class GitError extends Error {
  constructor(message: string, readonly hint: string) { super(message); }
}

function git(cwd: string, args: string[], input?: string): Buffer {
  return execFileSync('git', args, { cwd, input, maxBuffer: 512 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
}
function gitText(cwd: string, args: string[]): string | undefined {
  try { return git(cwd, args).toString('utf8').trim(); } catch { return undefined; }
}

export interface BaseRef {
  /** The repository's top folder. */
  readonly root: string;
  /** The ref as given (origin/main, HEAD~1). */
  readonly ref: string;
  /** The commit the ref points at. */
  readonly tip: string;
  /** The commit compared with: the merge base of the ref and HEAD (or the tip itself without merge-base). */
  readonly commit: string;
}

/** How to get a ref into a clone that lacks it, for the error message. */
function fetchHint(ref: string): string {
  const m = /^(?:refs\/remotes\/)?([^/]+)\/(.+)$/.exec(ref);
  const fetch = m && !/[~^]/.test(ref) ? `git fetch --depth=50 ${m[1]} ${m[2]}:refs/remotes/${m[1]}/${m[2]}` : `git fetch --deepen=50 origin`;
  return `fetch it first: ${fetch} (or, in GitHub Actions, give actions/checkout "fetch-depth: 0")`;
}

/**
 * Resolves the base of the comparison. With `mergeBase` (the default of `taxonomy govern`)
 * it is where the branch forked from the ref, so commits that landed on the base branch
 * since then are not mistaken for changes of this branch.
 */
export function resolveBase(cwd: string, ref: string, opts: { mergeBase: boolean }): BaseRef {
  const root = gitText(cwd, ['rev-parse', '--show-toplevel']);
  if (!root) throw new GitError(`'${cwd}' is not inside a git repository`, 'run taxonomy govern inside a clone of the repository: it reads the base taxonomy from git');
  if (ref.startsWith('-')) throw new GitError(`'${ref}' is not a git ref`, 'pass a branch, tag or commit: --base origin/main');
  const shallow = gitText(root, ['rev-parse', '--is-shallow-repository']) === 'true';
  const tip = gitText(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!tip) {
    throw new GitError(`base ref '${ref}' is not in this clone${shallow ? ' (it is a shallow clone)' : ''}`, fetchHint(ref));
  }
  if (!opts.mergeBase) return { root, ref, tip, commit: tip };
  const head = gitText(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head) throw new GitError('HEAD has no commit yet, so there is no merge base', 'commit first, or pass --no-merge-base to compare the working tree with the ref directly');
  const base = gitText(root, ['merge-base', tip, head]);
  if (!base) {
    throw new GitError(`'${ref}' and HEAD have no common commit in this clone${shallow ? ' (it is shallow: the fork point was not fetched)' : ''}`,
      `deepen the history: git fetch --deepen=200 origin (or fetch-depth: 0 in actions/checkout), or pass --no-merge-base to compare with the tip of '${ref}'`);
  }
  return { root, ref, tip, commit: base };
}

/** Paths of the files under `dir` (relative to the repository root) at `commit`; [] when the folder did not exist. */
function listTree(root: string, commit: string, dir: string): string[] {
  const out = git(root, ['ls-tree', '-r', '-z', '--name-only', commit, '--', dir.endsWith('/') ? dir : `${dir}/`]).toString('utf8');
  return out.split('\0').filter(Boolean);
}

/** Reads many blobs in one `git cat-file --batch` call. */
function readBlobs(root: string, commit: string, paths: readonly string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!paths.length) return out;
  const buf = git(root, ['cat-file', '--batch'], paths.map((p) => `${commit}:${p}`).join('\n') + '\n');
  let pos = 0;
  for (const p of paths) {
    const nl = buf.indexOf(10, pos);
    const header = buf.subarray(pos, nl).toString('utf8');
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) { pos = nl + 1; continue; } // "<name> missing": skip
    const size = Number(m[2]);
    out.set(p, buf.subarray(nl + 1, nl + 1 + size));
    pos = nl + 1 + size + 1;
  }
  return out;
}

/**
 * The taxonomy folder `taxDir` (relative to the repository root, forward slashes) as it
 * is at `commit`, without a checkout; paths are relative to the folder, for loadTaxonomyFromFiles.
 */
export function readGitTaxonomy(root: string, commit: string, taxDir: string): TaxonomySourceFile[] {
  const prefix = taxDir.replace(/\/+$/, '') + '/';
  const paths = listTree(root, commit, taxDir).filter((p) => /\.ya?ml$/.test(p));
  const blobs = readBlobs(root, commit, paths);
  return paths.filter((p) => blobs.has(p)).map((p) => ({ path: p.slice(prefix.length), contents: blobs.get(p)! }));
}

/** Files of the tree at `commit`, for custom rules read from the base (paths relative to the root). */
export function gitSource(root: string, commit: string): { list(dir: string): string[]; read(path: string): Buffer | undefined } {
  return {
    list: (dir) => (dir ? listTree(root, commit, dir) : git(root, ['ls-tree', '-r', '-z', '--name-only', commit]).toString('utf8').split('\0').filter(Boolean)),
    read: (path) => readBlobs(root, commit, [path]).get(path),
  };
}

/** `.changeset/*.md` at `commit`: path (relative to the root) → text. */
export function readGitChangesets(root: string, commit: string, dir = '.changeset'): Map<string, string> {
  const paths = listTree(root, commit, dir).filter((p) => p.endsWith('.md'));
  return new Map([...readBlobs(root, commit, paths)].map(([p, b]) => [p, b.toString('utf8')]));
}
