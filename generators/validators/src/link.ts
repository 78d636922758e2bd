// Links ajv's standalone chunks into the generated ES module without a bundler pass
// over them. ajv's standalone output calls require() for its helpers (a known gap of its
// ESM output); running esbuild over the whole of it cost a second per 1,000 events, for
// nothing but those few calls. Instead each chunk becomes a function of `exports`, and
// each require("<helper>") becomes a lookup in the runtime module, which esbuild does
// bundle (it is small and the same for every taxonomy).
//
// Safe by construction: ajv writes every string of a schema (enum values, patterns, keys)
// as a JSON string literal, inside which `require("` cannot occur unescaped; so the only
// `require("…")` texts are ajv's own helper imports, and each must be on the allowlist.
import { FORMATS_MODULE } from './compile.js';

const REQUIRE_OPEN = 'require("';
const REQUIRE_CLOSE = '")';
/** `xrequire("…")` is not a call of require. */
const IDENTIFIER_CHAR = /[\w$]/;
/** Helpers ajv's generated code may ask for. */
const ALLOWED = /^ajv\/dist\/runtime\/[a-zA-Z0-9]+$/;

/** The identifier the linked code reads helpers from. */
export const RUNTIME_BINDING = '__ajvRuntime';

/** One chunk of ajv's standalone code, and the name its exports are bound to. */
export interface Chunk {
  readonly name: string;
  readonly code: string;
}

export interface Linked {
  /** Statements declaring each chunk's name as the object of its exports. */
  readonly code: string;
  /** Every helper module the code looks up, sorted. */
  readonly helpers: readonly string[];
}

export function link(chunks: readonly Chunk[]): Linked {
  const helpers = new Set<string>();
  // Concatenated, not joined: the caller concatenates the result into index.js, which is
  // flattened once when it is written or hashed; each join would copy every chunk again.
  let code = '';
  chunks.forEach((chunk, i) => {
    if (!/^c\d+$/.test(chunk.name)) throw new Error(`internal: '${chunk.name}' is not a chunk name`);
    // Split on the literal text (a regex over tens of MB cost a tenth of the generation).
    const pieces = chunk.code.split(REQUIRE_OPEN);
    let body = pieces[0]!;
    for (let k = 1; k < pieces.length; k++) {
      const piece = pieces[k]!;
      const end = piece.indexOf(REQUIRE_CLOSE);
      const spec = end < 0 ? '' : piece.slice(0, end);
      if (IDENTIFIER_CHAR.test(pieces[k - 1]!.slice(-1)) || (spec !== FORMATS_MODULE && !ALLOWED.test(spec))) throw new Error(`ajv's standalone code requires '${spec}', which the validators generator does not know how to provide`);
      helpers.add(spec);
      body += `${RUNTIME_BINDING}[${JSON.stringify(spec)}]${piece.slice(end + REQUIRE_CLOSE.length)}`;
    }
    code += `${i ? '\n' : ''}const ${chunk.name} = (function (exports) {\n${body}\nreturn exports;\n})({});`;
  });
  return { code, helpers: [...helpers].sort() };
}

/** The runtime module's entry: our runtime, and every helper the linked code looks up. */
export function runtimeEntry(helpers: readonly string[]): string {
  return [
    `export { createValidator } from 'taxonomy:validate-event';`,
    `export const ajvRuntime = {`,
    ...helpers.map((h) => `  ${JSON.stringify(h)}: require(${JSON.stringify(h)}),`),
    `};`,
    '',
  ].join('\n');
}
