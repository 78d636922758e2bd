import { readFileSync } from 'node:fs';
import type { Generator } from '@taxonomy/core';

/**
 * The generator packages `taxonomy generate` runs, in order, from generators.json.
 * They are imported at run time so that adding one is a one-line change and a
 * generator package never couples the CLI's compilation to its own.
 */
export function generatorPackages(): string[] {
  return JSON.parse(readFileSync(new URL('../generators.json', import.meta.url), 'utf8')) as string[];
}

let cache: Generator<object>[] | undefined;

export async function loadGenerators(): Promise<readonly Generator<object>[]> {
  if (cache) return cache;
  const out: Generator<object>[] = [];
  for (const pkg of generatorPackages()) {
    const mod = (await import(pkg)) as { default?: Generator<object> | Generator<object>[] };
    if (!mod.default) throw new Error(`generator package ${pkg} has no default export`);
    out.push(...(Array.isArray(mod.default) ? mod.default : [mod.default]));
  }
  cache = out;
  return out;
}
