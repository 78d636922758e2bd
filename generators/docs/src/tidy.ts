/**
 * The layout rules every rendered page goes through: no spaces at line ends, blank-line runs
 * (left by conditional blocks) collapsed to one, no leading blank lines, one final newline.
 * Written as scans rather than the equivalent regular expressions (`/[ \t]+$/gm`, `/\n*$/`),
 * which try a match at every space or position of a page: a large catalog is megabytes.
 */
export function tidy(text: string): string {
  return finalNewline(trimLineEnds(text).replace(/\n{3,}/g, '\n\n').replace(/^\n+/, ''));
}

/** Line ends besides \n that `$` honours in multiline mode; rare enough to leave to the regex. */
const OTHER_BREAKS = /[\r\u2028\u2029]/;

/** `text.replace(/[ \t]+$/gm, '')`. */
export function trimLineEnds(text: string): string {
  if (OTHER_BREAKS.test(text)) return text.replace(/[ \t]+$/gm, '');
  let out = '';
  let from = 0;
  for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', nl + 1)) {
    const end = nl < 0 ? text.length : nl;
    let start = end;
    while (start > from && isBlank(text.charCodeAt(start - 1))) start--;
    if (start < end) {
      out += text.slice(from, start);
      from = end;
    }
    if (nl < 0) break;
  }
  return from === 0 ? text : out + text.slice(from);
}

const isBlank = (c: number) => c === 32 || c === 9;

/** `text.replace(/\n*$/, '\n')`. */
function finalNewline(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length - 1 ? text : `${text.slice(0, end)}\n`;
}
