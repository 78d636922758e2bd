import type { DraftProperty } from './draft.js';
import type { ReportItem } from './report.js';
import type { Converted } from './schema.js';
import type { SchemaSource } from './schema-refs.js';

/** What the converter's parts (schema-objects.ts, schema-values.ts) need of it (schema.ts). */
export interface ConverterHost {
  /** Refuse what cannot be held exactly (JSON Schema and Iglu folders); an object without additionalProperties is open. */
  readonly lossless: boolean;
  /** Whether the object being read is an event payload (the flag is cleared by reading it). */
  takePayload(): boolean;
  convert(schema: unknown, source: SchemaSource, pointer: string, name: string): Converted;
  cannot(source: SchemaSource, pointer: string, message: string, hint: string): { omitted: string };
  guessed(source: SchemaSource, pointer: string, message: string): void;
  todo(p: DraftProperty, message: string): void;
  finding(item: ReportItem): void;
}
