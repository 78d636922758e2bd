import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidationError } from '@taxonomy/core';

/**
 * What the collector needs from the generated packages. The collector is taxonomy-agnostic:
 * it never imports a generated package by name at build time, it is handed these two at
 * start (by `taxonomy serve`, from the taxonomy's output folders, or by a test).
 */

export type { ValidationError };

export type ValidationResult =
  | { readonly ok: true; readonly event: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

/** The generated validators package (`@<taxonomy>/validators`). */
export interface ValidatorsModule {
  validateEvent(name: string, payload: unknown): ValidationResult;
  readonly taxonomy?: { readonly name: string; readonly version: string };
  /** Events disabled after a day (YYYY-MM-DD, UTC; taxonomy `expires:`), exported only when an event sets one. */
  readonly expires?: Readonly<Record<string, string>>;
}

export type Dialect = 'sqlite' | 'postgres';

/** One row of the generated raw events table (instants in ms since the epoch, UTC). */
export interface EventRow {
  event_id: string;
  event_name: string;
  event_version: number;
  occurred_at: number;
  received_at: number;
  org_id: string | null;
  workspace_id: string | null;
  user_id: string | null;
  session_id: string | null;
  /** The properties as JSON text. */
  properties: string;
}

/** The generated SQL package (`@<taxonomy>/sql`): the raw table's DDL and the envelope → row mapping. */
export interface SqlModule {
  readonly EVENTS_TABLE: string;
  readonly AS_OF_TABLE?: string;
  readonly RETENTION_DAYS?: number | null;
  readonly COLUMNS: readonly { readonly name: string }[];
  readonly SCHEMA_SQL: Readonly<Partial<Record<string, string>>>;
  readonly INSERT_SQL: Readonly<Partial<Record<string, string>>>;
  toEventRow(envelope: object, options?: { receivedAt?: number; newId?: () => string; stringify?: (properties: Record<string, unknown>) => string }): EventRow;
  rowValues(row: EventRow, dialect: string): unknown[];
  viewsSql?(dialect: string): string;
  readonly TAXONOMY?: { readonly name: string; readonly version: string };
  readonly EVENT_VIEWS?: readonly { readonly event: string; readonly view: string; readonly columns: readonly string[] }[];
  readonly METRIC_VIEWS?: readonly { readonly metric: string; readonly view: string; readonly type: string; readonly columns: readonly string[] }[];
}

/** Both generated packages, as the collector uses them. */
export interface Contract {
  readonly validators: ValidatorsModule;
  readonly sql: SqlModule;
}

/** A setup mistake (a generated package missing or not what it should be): worded for people. */
export class ContractError extends Error {}

/** The file's URL, tagged with its modification time: a regenerated package is imported anew, not served from the module cache. */
const fresh = (file: string) => `${pathToFileURL(file).href}?mtime=${statSync(file).mtimeMs}`;

/** Loads a generated package from a folder (its package.json's entry) or by package name. */
async function loadModule(where: string, cwd: string, what: string): Promise<Record<string, unknown>> {
  const dir = resolve(cwd, where);
  let spec = where;
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    const entry = join(dir, 'index.js');
    if (!existsSync(entry)) throw new ContractError(`${what}: ${dir} has no index.js; run \`taxonomy generate\` first`);
    spec = fresh(entry);
  } else if (existsSync(dir)) {
    spec = fresh(dir);
  } else if (where.startsWith('.') || where.startsWith('/')) {
    throw new ContractError(`${what}: ${dir} does not exist; run \`taxonomy generate\` first, or pass the folder of the generated package`);
  }
  try {
    return (await import(spec)) as Record<string, unknown>;
  } catch (e) {
    throw new ContractError(`${what}: cannot load ${where}: ${(e as Error).message}; run \`taxonomy generate\` and check the folder`);
  }
}

/** Loads and checks both generated packages; a missing export is a ContractError naming it. */
export async function loadContract(where: { validators: string; sql: string }, cwd = process.cwd()): Promise<Contract> {
  const v = await loadModule(where.validators, cwd, 'validators package');
  const s = await loadModule(where.sql, cwd, 'sql package');
  if (typeof v.validateEvent !== 'function') throw new ContractError(`validators package ${where.validators} exports no validateEvent(name, payload); regenerate it with \`taxonomy generate --only validators\``);
  if (v.expires !== undefined && (v.expires === null || typeof v.expires !== 'object' || Object.values(v.expires).some((d) => typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d)))) throw new ContractError(`validators package ${where.validators} exports an \`expires\` that is not a map of event names to YYYY-MM-DD dates; regenerate it with \`taxonomy generate --only validators\``);
  for (const k of ['toEventRow', 'rowValues']) if (typeof s[k] !== 'function') throw new ContractError(`sql package ${where.sql} exports no ${k}(); regenerate it with \`taxonomy generate --only sql\``);
  for (const k of ['EVENTS_TABLE', 'SCHEMA_SQL', 'INSERT_SQL', 'COLUMNS']) if (s[k] === undefined) throw new ContractError(`sql package ${where.sql} exports no ${k}; regenerate it with \`taxonomy generate --only sql\``);
  return { validators: v as unknown as ValidatorsModule, sql: s as unknown as SqlModule };
}
