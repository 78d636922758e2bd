/** One reason a payload was refused. */
export interface ValidationError {
  /** JSON pointer (RFC 6901) into the payload: `/properties/source`; `` is the payload itself. */
  readonly path: string;
  /** The rule broken: a JSON Schema keyword (`enum`, `required`, `additionalProperties`, …) or `event`, `version`, `json`, `maxDepth`, `maxSize`, `maxErrors`. */
  readonly rule: string;
  /** What was expected, in plain words. */
  readonly expected: string;
  /** What was found, in plain words (long values are shortened). */
  readonly actual: string;
  /** The whole sentence: `properties.source must be one of chat, template, blank; got 'email'`. */
  readonly message: string;
}

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
