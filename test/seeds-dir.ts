// Where the seed documents are, for the tests that compare the taxonomy with them.
// They live beside the repository (../shared/seeds), so a clone elsewhere has none: those
// tests then skip and say why, and nothing reads the folder while tests are collected.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..');

export const seedsDir = process.env.SEEDS_DIR ?? join(repo, '../shared/seeds');
export const haveSeeds = existsSync(seedsDir);

/** Prints why a suite that needs the seed documents is skipped; returns whether it runs. */
export function seedsOrSkip(suite: string): boolean {
  if (!haveSeeds) {
    console.warn(`skipped: ${suite}: no seed documents at ${seedsDir} (set SEEDS_DIR, or clone beside ../shared)`);
  }
  return haveSeeds;
}
