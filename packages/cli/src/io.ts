/** Output streams, injectable so tests can run commands in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly color: boolean;
  readonly cwd: string;
  /**
   * Runs the same command line again in a child Node process tuned for long work, and returns
   * its exit code (see relaunch.ts). Only the `taxonomy` binary sets it, and only when it is not
   * already that child; commands that are about to do seconds of work call it.
   */
  readonly relaunch?: () => Promise<number>;
}

export const processIo = (): Io => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  cwd: process.cwd(),
});

/** Exit codes CI can rely on. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export class UsageError extends Error {}
