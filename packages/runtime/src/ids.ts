/**
 * Event ids for idempotent delivery: a random prefix drawn once per tracker plus
 * a counter. Unique (96 random bits a tracker), stable across retries, and cheap
 * enough for the hot path (a UUID per event costs more than the rest of track()).
 */
export function idFactory(): () => string {
  const c = (globalThis as { crypto?: { getRandomValues?: <T extends Uint32Array>(a: T) => T } }).crypto;
  const words = new Uint32Array(3);
  if (typeof c?.getRandomValues === 'function') c.getRandomValues(words);
  else for (let i = 0; i < words.length; i++) words[i] = Math.floor(Math.random() * 0x100000000);
  const prefix = Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('');
  let n = 0;
  return () => `${prefix}-${(n++).toString(36)}`;
}
