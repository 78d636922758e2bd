import type { Property, Shape, TaxonomyEvent } from '@taxonomy/core';
import type { ValueKind } from './dialect.js';
import { columnName, ENVELOPE_VIEW_COLUMNS, isSafePath, MAX_NAME } from './names.js';

/** One column of an event view: a property (or a nested key) extracted from the JSON. */
export interface EventColumn {
  /** Dotted path in the payload (metadata.user_info.timezone). */
  readonly path: string;
  readonly segments: readonly string[];
  /** The SQL column name (metadata__user_info__timezone). */
  readonly column: string;
  readonly kind: ValueKind;
  /** Never NULL: the key and every object on its path are required, and none of them may hold null. */
  readonly required: boolean;
  readonly enum?: readonly (string | number | boolean)[];
  readonly description?: string;
  /** Read only from rows of these versions (an older version holds the path with another kind). */
  readonly versions?: readonly number[];
}

/** A column that could not be made, and why (reported as a finding). */
export interface ColumnProblem {
  readonly path: string;
  readonly message: string;
  readonly hint: string;
}

/** Whether a value of this shape may be null (nullable, a json value, a union with such an alternative). */
export function acceptsNull(s: Shape): boolean {
  return !!s.nullable || s.type === 'json' || (s.type === 'union' && !!s.union?.variants.some(acceptsNull));
}

export function kindOf(p: Pick<Property, 'type'>): ValueKind {
  return p.type === 'object' || p.type === 'array' || p.type === 'union' ? 'json' : p.type;
}

/**
 * Every property of an event as a column, nested keys of declared objects included
 * (depth first, declaration order). A nested key is required only when every object
 * on its path is required too.
 */
export function eventColumns(e: TaxonomyEvent): { columns: EventColumn[]; problems: ColumnProblem[] } {
  const columns: EventColumn[] = [];
  const problems: ColumnProblem[] = [];
  const seen = new Map<string, string>();
  for (const n of ENVELOPE_VIEW_COLUMNS) seen.set(n, `the envelope column ${n}`);
  // The parent's path and column are passed down (not rebuilt from segments): a large taxonomy
  // has tens of thousands of columns. The parent's segments are already validated.
  const visit = (p: Property, prefix: readonly string[], parentPath: string, parentColumn: string, required: boolean) => {
    const segments = prefix.length ? [...prefix, p.name] : [p.name];
    const path = prefix.length ? `${parentPath}.${p.name}` : p.name;
    if (!isSafePath(p.name)) {
      problems.push({ path, message: `property '${path}' of '${e.name}' is not a safe SQL name`, hint: 'property names are letters, digits and _ (optionally a leading $); rename it in the taxonomy' });
      return;
    }
    const own = columnName(p.name);
    const column = prefix.length ? `${parentColumn}__${own}` : own;
    const lower = column.toLowerCase();
    const clash = seen.get(lower);
    if (clash || column.length > MAX_NAME) {
      problems.push({
        path,
        message: clash ? `property '${path}' of '${e.name}' maps to column '${column}', already used by ${clash}` : `column '${column}' of '${e.name}' is longer than ${MAX_NAME} characters`,
        hint: 'rename the property so its column name is unique (columns ignore case; . becomes __ and $ becomes _)',
      });
      return;
    }
    seen.set(lower, `'${path}'`);
    const req = required && p.required;
    // `required` of a column: never NULL (dbt's not_null). A required key may still hold null.
    const col: { -readonly [K in keyof EventColumn]: EventColumn[K] } = { path, segments, column, kind: kindOf(p), required: req && !acceptsNull(p) };
    if (p.enum) col.enum = p.enum;
    const description = columnDescription(p);
    if (description) col.description = description;
    columns.push(col);
    if (p.type === 'object' && p.properties) for (const c of p.properties) visit(c, segments, path, column, col.required);
  };
  for (const p of e.properties) visit(p, [], '', '', true);
  return { columns, problems };
}

/**
 * A column's words (dbt's schema.yml, the SQL package's column list): the description, then
 * the per-property lifecycle in one line: stability, the deprecation with its replacement,
 * and what each enum value means.
 */
export function columnDescription(p: Shape): string | undefined {
  const parts = [p.description ?? ''];
  if (p.deprecated) {
    const d = p.deprecated;
    parts.push(['Deprecated' + (d.renamedTo !== undefined ? `: use ${d.renamedTo} instead.` : '.'), d.since ? `Since ${d.since}.` : '', d.reason ?? ''].filter(Boolean).join(' '));
  } else if (p.stability === 'experimental') parts.push('Experimental: may change or go without notice.');
  const members = (p.enumMembers ?? []).filter((m) => m.description || m.stability === 'experimental' || m.deprecated);
  if (members.length) {
    parts.push(`Values: ${members.map((m) => {
      const status = m.deprecated ? ` (deprecated${m.deprecated.renamedTo !== undefined ? `, use ${String(m.deprecated.renamedTo)}` : ''})` : m.stability === 'experimental' ? ' (experimental)' : '';
      return `${String(m.value)}${status}${m.description ? ` — ${m.description}` : ''}`;
    }).join('; ')}`);
  }
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}
