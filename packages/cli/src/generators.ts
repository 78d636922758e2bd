import type { Generator } from '@taxonomy/core';
import { jsonSchemaGenerator } from '@taxonomy/gen-json-schema';

/**
 * Every generator `taxonomy generate` runs, in order. Add one line per generator
 * package (and the package to this package's dependencies).
 */
export const GENERATORS: readonly Generator<object>[] = [
  jsonSchemaGenerator as Generator<object>,
];
