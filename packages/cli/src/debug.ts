/**
 * `TAXONOMY_DEBUG=topic,topic`: traces on stderr for finding where a run spends its time or
 * what it decided. Off unless asked for; never part of the output a test or CI compares.
 */
export function debugOn(topic: string): boolean {
  return process.env.TAXONOMY_DEBUG?.split(',').includes(topic) ?? false;
}

/** Milliseconds on the wall clock, comparable between the threads of one process (trace lines only). */
export function wallMs(): number {
  return Math.round(performance.timeOrigin + performance.now());
}

/** `taxonomy: <text>` on stderr, when `topic` is on. */
export function trace(topic: string, text: () => string): void {
  if (debugOn(topic)) process.stderr.write(`taxonomy: ${text()}\n`);
}
