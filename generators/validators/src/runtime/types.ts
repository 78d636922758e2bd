// The runtime's types. ValidationError is @taxonomy/core's (a type only: the bundle imports nothing).
export type { ValidationError } from '@taxonomy/core';

/** An error as ajv's generated code reports it (messages: false). */
export interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
}

/** A standalone validator as ajv generates it. */
export interface AjvValidate {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
