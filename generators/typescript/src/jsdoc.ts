/**
 * JSDoc blocks. Taxonomy text goes in only through docText(), which keeps it from closing
 * the comment or starting a tag; the layout is ts-morph's (the generator printed with it
 * before, and its output must not change): one line as `/** text *\/`, more as ` * line`.
 */

const NEEDS_ESCAPE = /[\r@]|\*\//;

/** Escapes text for a JSDoc block: it can never close the comment or start a tag. */
export function docText(text: string): string {
  // Nearly every text has nothing to escape.
  if (!NEEDS_ESCAPE.test(text)) return text.trim();
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/^(\s*)@/gm, '$1\\@')
    .trim();
}

/** Non-empty parts, each escaped, as paragraphs. */
export const paragraphs = (...parts: (string | undefined)[]): string =>
  parts.filter((p): p is string => !!p && p.trim() !== '').map(docText).join('\n\n');

/** A block tag (`@deprecated text`); the text must come from docText(). */
export const tag = (name: string, text: string): string => `@${name}${text && !/^\r?\n/.test(text) ? ' ' : ''}${text}`;

/**
 * The JSDoc block of escaped `text` at `indent`, with its line break; nothing for no text.
 * `tags` (from tag()) follow the description on their own lines.
 */
export function jsDoc(text: string, indent: string, tags: readonly string[] = []): string {
  const all = tags.length ? (text ? `${text}\n${tags.join('\n')}` : tags.join('\n')) : text;
  if (!all) return '';
  const lines = all.split(/\r?\n/);
  if (lines.length === 1) return `${indent}/** ${all}${all.endsWith(' ') ? '' : ' '}*/\n`;
  let out = `${indent}/**\n`;
  for (let i = lines[0] === '' ? 1 : 0; i < lines.length; i++) out += lines[i] ? `${indent} * ${lines[i]}\n` : `${indent} *\n`;
  return `${out}${indent} */\n`;
}
