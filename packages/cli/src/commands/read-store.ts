import { resolve } from 'node:path';
import { openReader, setup, SetupError, type Setup, type SqlReader } from '@taxonomy/collector';
import { UsageError, type Io } from '../io.js';
import { str } from '../args.js';

/** The flags of the commands that read the collector's store (`metrics`, `inspect`). */
export const STORE_FLAGS = {
  db: { type: 'string' }, postgres: { type: 'string' }, validators: { type: 'string' }, sql: { type: 'string' },
} as const;

/**
 * Loads the taxonomy's contract and opens an existing store for reading only: setup's own
 * store handle is closed at once, so nothing is created or changed. A missing store is a
 * usage error; the caller turns the reader's StoreError into one.
 */
export async function openStoreReader(io: Io, values: Record<string, unknown>, dir: string | undefined, needModel: boolean): Promise<{ readonly s: Setup; readonly reader: SqlReader }> {
  const db = str(values.db);
  let s: Setup;
  try {
    s = await setup({ cwd: io.cwd, dir, validators: str(values.validators), sql: str(values.sql), sqlite: db ?? 'events.sqlite', postgres: str(values.postgres), mustExist: true }, needModel);
  } catch (e) {
    if (e instanceof SetupError) throw new UsageError(e.message);
    throw e;
  }
  await s.opened.close();
  return { s, reader: openReader({ sqlite: resolve(io.cwd, db ?? 'events.sqlite'), postgres: str(values.postgres) }) };
}
