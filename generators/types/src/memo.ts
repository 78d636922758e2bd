// The declarations of each event, memoised in the CLI's cache (core's memo convention:
// recall/remember/memo) under everything they depend on: the schema json-schema-to-typescript
// is given, its version, its options and this generator's version. A run compiles only the
// events it has not seen (in one call, compile.ts) and reuses the others' text, so the output
// is the same with a cold cache, a warm one or none.
import { createRequire } from 'node:module';
import { memo, recall, remember, type GenerateContext } from '@taxonomy/core';
import { compileMembers, OPTIONS, split, type Member } from './compile.js';

const require = createRequire(import.meta.url);
const JSTT = 'json-schema-to-typescript';
const VERSIONS = [`${JSTT}@${require(`${JSTT}/package.json`).version}`, `prettier@${prettierVersion()}`];

/** The prettier json-schema-to-typescript would load, if any (it formats with it). */
function prettierVersion(): string {
  try {
    return createRequire(require.resolve(JSTT))('prettier/package.json').version;
  } catch {
    return 'none';
  }
}

/**
 * Bump when the text stored under a key changes for the same inputs (how declarations are
 * split out of json-schema-to-typescript's output, what json-schema-to-typescript is given).
 */
const FORMAT = '1';

const inputs = (salt: string, kind: string, parts: readonly string[]): string[] => [FORMAT, salt, kind, ...VERSIONS, JSON.stringify(OPTIONS), ...parts];

/**
 * json-schema-to-typescript's unformatted output for the union of `members` and all their
 * declarations, taking each from the cache where it has it. `salt` names the generator and
 * its version.
 */
export async function compileCached(title: string, description: string, members: readonly Required<Member>[], salt: string, context?: GenerateContext): Promise<string> {
  const cache = context?.cache;
  if (!cache) return compileMembers(title, description, members);
  const keys = members.map((m) => inputs(salt, 'declarations', [JSON.stringify(m.input)]));
  const headerKey = inputs(salt, 'header', [title, description, ...members.map((m) => m.names.event)]);
  const known = keys.map((k) => recall(cache, k));
  let header = recall(cache, headerKey);
  if (header === undefined || known.includes(undefined)) {
    const missing = members.map((m, i) => (known[i] === undefined ? m : { names: m.names }));
    const fresh = split(await compileMembers(title, description, missing), title, missing);
    // Declarations that are not each one event's own are not reused; nothing is stored.
    if (!fresh) return compileMembers(title, description, members);
    if (header === undefined) remember(cache, headerKey, (header = fresh.header));
    let next = 0;
    known.forEach((d, i) => {
      if (d === undefined) remember(cache, keys[i]!, (known[i] = fresh.declarations[next++]!));
    });
  }
  return `${header}\n${known.join('')}`;
}

/** The whole file laid out by prettier (opt-in and slow), memoised as one text. */
export function prettyCached(title: string, description: string, members: readonly Required<Member>[], salt: string, context?: GenerateContext): Promise<string> {
  const parts = [title, description, ...members.flatMap((m) => [m.names.event, JSON.stringify(m.input)])];
  return memo(context, inputs(salt, 'prettier', parts), () => compileMembers(title, description, members, true));
}
