// What `taxonomy init` asks, with the defaults and the checks: the same patterns as the
// format's taxonomy.yaml (name, vendor), so whatever is accepted here loads.
import { basename } from 'node:path';
import { UsageError } from '../io.js';

export const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;
export const VENDOR_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/** A name the format accepts, made from a folder name ("My App_2" → "my-app-2"); '' if none. */
export function slug(folder: string): string {
  return basename(folder).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+|-+$/g, '');
}

export const defaultVendor = (name: string): string => `com.${name}`;

export function checkName(name: string, from: string): string {
  if (!NAME_PATTERN.test(name)) {
    throw new UsageError(`${from}: the name must be lower case letters, digits and '-', starting with a letter (it becomes the npm scope @name/…); got ${JSON.stringify(name)}`);
  }
  return name;
}

export function checkVendor(vendor: string, from: string): string {
  if (!VENDOR_PATTERN.test(vendor)) {
    throw new UsageError(`${from}: the vendor is a reverse domain name in lower case, like com.acme; got ${JSON.stringify(vendor)}`);
  }
  return vendor;
}

/** Asks one question on a terminal; resolves to the answer ('' for the default). */
export type Ask = (question: string) => Promise<string>;

export interface AnswerInput {
  readonly dir: string;
  readonly name?: string;
  readonly vendor?: string;
  /** Prompts, when on a terminal and not --yes. */
  readonly ask?: Ask;
  /** Says why an answer was refused before the question is asked again. */
  readonly warn?: (text: string) => void;
}

/** The name and vendor: from flags, else from the prompts, else the defaults. */
export async function answers(input: AnswerInput): Promise<{ name: string; vendor: string }> {
  const fallback = slug(input.dir) || 'analytics';
  let name = input.name !== undefined ? checkName(input.name, '--name') : undefined;
  while (name === undefined) {
    const got = input.ask ? (await input.ask(`Taxonomy name (the npm scope of the generated packages) [${fallback}]: `)).trim() : '';
    if (!got) name = fallback;
    else if (NAME_PATTERN.test(got)) name = got;
    // On a terminal a wrong answer is asked again, with the reason.
    else input.warn?.(`  '${got}' is not a name: lower case letters, digits and '-', starting with a letter.\n`);
  }
  let vendor = input.vendor !== undefined ? checkVendor(input.vendor, '--vendor') : undefined;
  while (vendor === undefined) {
    const got = input.ask ? (await input.ask(`Vendor, a reverse domain name for Iglu schemas [${defaultVendor(name)}]: `)).trim() : '';
    if (!got) vendor = VENDOR_PATTERN.test(defaultVendor(name)) ? defaultVendor(name) : 'com.example';
    else if (VENDOR_PATTERN.test(got)) vendor = got;
    else input.warn?.(`  '${got}' is not a reverse domain name in lower case, like com.acme.\n`);
  }
  return { name, vendor };
}
