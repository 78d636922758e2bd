// The declarations of each event, memoised in the CLI's cache under a hash of everything
// they depend on: the schema json-schema-to-typescript is given, its version, its options
// and this generator's version. A run compiles only the events it has not seen (in one
// call, compile.ts) and reuses the others' text, so the output is the same with a cold
// cache, a warm one or none. json-schema-to-typescript is async, so this is an async
// counterpart of core's sync `memo()`.
import { createRequire } from 'node:module';
import { memoKey, type GenerateContext, type TaskRef } from '@taxonomy/core';
import { compileMembers, OPTIONS, split, type Member } from './compile.js';

/** json-schema-to-typescript as a task of the CLI's pool (declared in `Generator.tasks`). */
export const COMPILE_TASK: TaskRef = { module: new URL('./compile.js', import.meta.url).href, name: 'compileMembersTask' };

/**
 * compileMembers on the CLI's task pool when it lends one (it is pure: the same text on any
 * thread), so that it runs while the main thread runs other generators; its cost is the
 * number of events to compile (the others stand in the union by name only).
 */
function compileOn(context: GenerateContext | undefined, title: string, description: string, members: readonly Member[]): Promise<string> {
  return context?.pool ? context.pool.run(COMPILE_TASK, { title, description, members }, members.filter((m) => m.input).length) : compileMembers(title, description, members);
}

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

const key = (salt: string, kind: string, parts: readonly string[]): string => memoKey([FORMAT, salt, kind, ...VERSIONS, JSON.stringify(OPTIONS), ...parts]);

/**
 * json-schema-to-typescript's unformatted output for the union of `members` and all their
 * declarations, taking each from the cache where it has it. `salt` names the generator and
 * its version.
 */
export async function compileCached(title: string, description: string, members: readonly Required<Member>[], salt: string, context?: GenerateContext): Promise<string> {
  const cache = context?.cache;
  if (!cache) return compileOn(context, title, description, members);
  const keys = members.map((m) => key(salt, 'declarations', [JSON.stringify(m.input)]));
  const headerKey = key(salt, 'header', [title, description, ...members.map((m) => m.names.event)]);
  const known = keys.map((k) => cache.get(k));
  let header = cache.get(headerKey);
  if (header === undefined || known.includes(undefined)) {
    const missing = members.map((m, i) => (known[i] === undefined ? m : { names: m.names }));
    const fresh = split(await compileOn(context, title, description, missing), title, missing);
    // Declarations that are not each one event's own are not reused; nothing is stored.
    if (!fresh) return compileOn(context, title, description, members);
    if (header === undefined) cache.set(headerKey, (header = fresh.header));
    let next = 0;
    known.forEach((d, i) => {
      if (d === undefined) cache.set(keys[i]!, (known[i] = fresh.declarations[next++]!));
    });
  }
  return `${header}\n${known.join('')}`;
}

/** The whole file laid out by prettier (opt-in and slow), memoised as one text. */
export async function prettyCached(title: string, description: string, members: readonly Required<Member>[], salt: string, context?: GenerateContext): Promise<string> {
  const cache = context?.cache;
  if (!cache) return compileMembers(title, description, members, true);
  const k = key(salt, 'prettier', [title, description, ...members.flatMap((m) => [m.names.event, JSON.stringify(m.input)])]);
  const hit = cache.get(k);
  if (hit !== undefined) return hit;
  const ts = await compileMembers(title, description, members, true);
  cache.set(k, ts);
  return ts;
}
