import { createInterface } from 'node:readline';
/** Output streams, injectable so tests can run commands in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly color: boolean;
  readonly cwd: string;
  /**
   * A transient status line for long work (`progress(text)` shows or replaces it,
   * `progress()` removes it); absent where nobody watches it change (not a terminal).
   */
  readonly progress?: (text?: string) => void;
  /**
   * Asks a question and resolves to the line typed; only where someone can answer (stdin
   * and stderr are terminals). Rejects with a UsageError when the input closes (Ctrl-D).
   */
  readonly ask?: (question: string) => Promise<string>;
}

/** The stream a status line is drawn on: a terminal's, or something shaped like it in tests. */
export interface StatusStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/**
 * A one-line status on `stream`, redrawn in place: only on a terminal (a log file or CI
 * would keep every redraw), and not under CI. Cut to the terminal's width, so it never wraps
 * (a wrapped line cannot be redrawn in place).
 */
export function statusLine(stream: StatusStream, env: NodeJS.ProcessEnv = process.env): ((text?: string) => void) | undefined {
  if (!stream.isTTY || env.CI) return undefined;
  let shown = false;
  return (text) => {
    if (text === undefined) {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
      return;
    }
    const width = Math.max(20, (stream.columns || 80) - 1);
    stream.write(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    shown = true;
  };
}

/** A prompt on the process's terminal: one readline interface per question. */
function terminalAsk(question: string): Promise<string> {
  return new Promise((resolveAnswer, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answered = false;
    rl.on('close', () => { if (!answered) reject(new UsageError('cancelled: the input closed before an answer')); });
    rl.on('SIGINT', () => rl.close());
    rl.question(question, (line) => { answered = true; rl.close(); resolveAnswer(line); });
  });
}

export const processIo = (): Io => {
  const progress = statusLine(process.stderr);
  const interactive = !!process.stdin.isTTY && !!process.stderr.isTTY;
  return {
    ...(interactive ? { ask: terminalAsk } : {}),
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
    cwd: process.cwd(),
    ...(progress ? { progress } : {}),
  };
};

/** Exit codes CI can rely on. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export class UsageError extends Error {}
