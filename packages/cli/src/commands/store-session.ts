import { setup, SetupError, StoreError } from '@taxonomy/collector';
import { UsageError, type Io } from '../io.js';
import { str, type Parsed } from '../args.js';

/** The collector's store and contract as the operations commands use them. */
export type StoreSession = Awaited<ReturnType<typeof setup>>;

/**
 * Opens the collector's store from the shared flags (`[dir] --db | --postgres
 * --validators --sql`), runs `fn`, and always closes it. Store and set-up
 * problems become usage errors (exit 2) with the collector's own message.
 */
export async function withStore<T>(command: string, { values, positionals }: Parsed, io: Io, fn: (s: StoreSession) => Promise<T>, opts: { needModel?: boolean; validate?: () => void } = {}): Promise<T> {
  if (positionals.length > 1) throw new UsageError(`${command} takes one taxonomy folder; got ${positionals.length}`);
  if (values.db && values.postgres) throw new UsageError('give --db (SQLite) or --postgres, not both');
  opts.validate?.();
  let s: StoreSession;
  try {
    s = await setup({ cwd: io.cwd, dir: positionals[0], validators: str(values.validators), sql: str(values.sql), sqlite: str(values.db) ?? 'events.sqlite', postgres: str(values.postgres), mustExist: true }, opts.needModel);
  } catch (e) {
    if (e instanceof SetupError) throw new UsageError(e.message);
    throw e;
  }
  try {
    await s.opened.store.init();
    return await fn(s);
  } catch (e) {
    if (e instanceof StoreError) throw new UsageError(e.message);
    throw e;
  } finally {
    await s.opened.close();
  }
}
