import { readFileSync } from 'node:fs';
import type { Generator } from '@taxonomy/core';

/**
 * The generators `taxonomy generate` runs, in order, from generators.json: generator name →
 * package. They are imported at run time so that adding one is a one-line change and a
 * generator package never couples the CLI's compilation to its own; naming them there lets
 * `--only` import just the packages it runs (some load ts-morph or esbuild).
 */
export function generatorRegistry(): Record<string, string> {
  return JSON.parse(readFileSync(new URL('../generators.json', import.meta.url), 'utf8')) as Record<string, string>;
}

export function generatorPackages(): string[] {
  return Object.values(generatorRegistry());
}

const loaded = new Map<string, Generator<object>>();

/** The generators named (default: all), in registry order; an unknown name is the caller's to check. */
export async function loadGenerators(names?: readonly string[]): Promise<readonly Generator<object>[]> {
  const out: Generator<object>[] = [];
  for (const [name, pkg] of Object.entries(generatorRegistry())) {
    if (names && !names.includes(name)) continue;
    let g = loaded.get(name);
    if (!g) {
      const mod = (await import(pkg)) as { default?: Generator<object> };
      if (!mod.default || mod.default.name !== name) throw new Error(`generator package ${pkg} must export default the generator '${name}' (generators.json)`);
      g = mod.default;
      loaded.set(name, g);
    }
    out.push(g);
  }
  return out;
}
