import { jsonText } from '@taxonomy/runtime';

/**
 * JSON text of a value that may hold bigints (the exact integer bounds of the model, see
 * `Bound`): JSON.stringify's output, with each bigint printed as its digits. The runtime's
 * jsonText, which every tracker sink uses, does exactly this.
 */
export const exactJson = (value: unknown, space?: number | string): string => jsonText(value, space) as string;

/** A bound as a number (for arithmetic that may round, e.g. a sample value); exact when safe. */
export const boundNumber = (b: number | bigint): number => (typeof b === 'bigint' ? Number(b) : b);
