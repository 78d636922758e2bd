// Indents json-schema-to-typescript's unformatted output (format: false). Formatting
// with prettier took ~3.5 times as long as the whole compile; this only needs the nesting
// depth, which braces, brackets and parentheses outside strings and comments give.

/** Net nesting change of a code line, ignoring string literals; and whether it starts by closing. */
function scan(line: string): { delta: number; leadingCloses: number } {
  let delta = 0;
  let leadingCloses = 0;
  let leading = true;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') { quote = c; leading = false; continue; }
    if (c === '{' || c === '[' || c === '(') { delta++; leading = false; }
    else if (c === '}' || c === ']' || c === ')') { delta--; if (leading) leadingCloses++; }
    else if (c !== ' ') leading = false;
  }
  return { delta, leadingCloses };
}

/** A union of type names on one line, as json-schema-to-typescript writes a oneOf of $refs. */
const UNION = /^export type ([A-Za-z_$][\w$]*) = \(([A-Za-z_$][\w$]*(?: \| [A-Za-z_$][\w$]*)+)\)$/;

/** Two-space indentation by nesting depth, JSDoc aligned, blank lines inside types dropped, a union of names one per line. */
export function indent(source: string): string {
  const out: string[] = [];
  let depth = 0;
  let inComment = false;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (inComment || line.startsWith('/*')) {
      const pad = '  '.repeat(depth);
      out.push(line.startsWith('*') ? `${pad} ${line}` : `${pad}${line}`);
      inComment = !line.endsWith('*/');
      continue;
    }
    if (line === '') {
      if (depth === 0 && out.length && out[out.length - 1] !== '') out.push('');
      continue;
    }
    if (line.startsWith('//')) { out.push('  '.repeat(depth) + line); continue; }
    const union = depth === 0 ? UNION.exec(line) : null;
    if (union) { out.push(`export type ${union[1]} =`, ...union[2]!.split(' | ').map((m) => `  | ${m}`)); continue; }
    const { delta, leadingCloses } = scan(line);
    out.push('  '.repeat(Math.max(0, depth - leadingCloses)) + line);
    depth = Math.max(0, depth + delta);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
