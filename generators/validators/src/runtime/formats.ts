// The string formats of the generated validators: ajv-formats' "full" formats, as they are.
// (Hand-written fast paths for date-time and date stood before them; they measured well
// under the 2x on the real workload that keeping a copy of a library's behaviour needs, see
// bench/README.md, and they disagreed with ajv-formats at the edges, so they are gone.)
import { fullFormats } from 'ajv-formats/dist/formats.js';

type FormatDefinition = (typeof fullFormats)[keyof typeof fullFormats];

/** Every format of ajv-formats' full mode, keyed by name, as ajv's `addFormat` takes them. */
export const formats: Record<string, FormatDefinition> = { ...fullFormats };
