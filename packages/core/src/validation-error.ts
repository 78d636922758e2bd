// The one declaration of a validation error: the generated validators return it (their
// runtime imports this type; their index.d.ts copies this interface's text from the built
// declaration, since apps that install them do not install @taxonomy/core), and the collector
// stores it in quarantine.

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
  /** The whole sentence, e.g. `properties.source must be one of chat, template, blank; got 'email'`. */
  readonly message: string;
}
