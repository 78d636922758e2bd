/** FNV-1a (32-bit) of a string, as a number in [0, 1): a stable, cheap, well-spread hash. */
export function unitHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x100000000;
}

/** The default sampling key (seed 001): session, event name and turn, so one logical event is always kept or always dropped. */
export function defaultSampleKey(event: string, p: Readonly<Record<string, unknown>>): string {
  const session = p.sessionId ?? p.session_id ?? p.chat_session_id ?? '';
  const turn = p.turnIndex ?? p.turn_index ?? '';
  return `${String(session)}\u0000${event}\u0000${String(turn)}`;
}

/** Whether to keep an event at this rate (critical events are kept by the caller). */
export function keep(key: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (!(rate > 0)) return false;
  return unitHash(key) < rate;
}
