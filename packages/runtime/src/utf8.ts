/** UTF-8 byte length of a string, without encoding it. */
export function utf8Length(s: string): number {
  // Fast path for ASCII JSON; otherwise count multi-byte code points.
  if (!/[^\u0000-\u007f]/.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
