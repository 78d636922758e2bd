// The status line `generate` draws on a terminal while it works: only where it can be
// redrawn in place, cut to the terminal's width, and gone before anything else is printed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusLine, type StatusStream } from '@taxonomy/cli';
import { project } from './cli-run.js';

const bin = join(import.meta.dirname, '../dist/bin.js');

function terminal(over: Partial<StatusStream> = {}): StatusStream & { text: string } {
  const s = { isTTY: true, columns: 40, text: '', write(t: string) { s.text += t; return true; }, ...over };
  return s;
}

describe('statusLine', () => {
  it.each([
    ['not a terminal', { isTTY: false }, {}],
    ['a stream that does not say', { isTTY: undefined }, {}],
    ['a terminal under CI', {}, { CI: 'true' }],
  ])('draws nothing on %s', (_label, stream, env) => {
    expect(statusLine(terminal(stream), env)).toBeUndefined();
  });

  it('replaces the line in place and removes it once', () => {
    const t = terminal();
    const progress = statusLine(t, {})!;
    progress('loading taxonomy…');
    progress('generating: 1/8 generators done…');
    expect(t.text).toBe('\r\x1b[Kloading taxonomy…\r\x1b[Kgenerating: 1/8 generators done…');
    progress();
    progress();
    expect(t.text.endsWith('done…\r\x1b[K')).toBe(true);
    expect(t.text.match(/\r\x1b\[K/g)).toHaveLength(3);
  });

  it('never wraps: text wider than the terminal is cut with an ellipsis', () => {
    const t = terminal({ columns: 30 });
    statusLine(t, {})!('x'.repeat(100));
    expect(t.text).toBe(`\r\x1b[K${'x'.repeat(28)}…`);
    const unknown = terminal({ columns: undefined });
    statusLine(unknown, {})!('y'.repeat(100));
    expect(unknown.text).toBe(`\r\x1b[K${'y'.repeat(78)}…`);
  });

  it('removing a line that was never drawn writes nothing', () => {
    const t = terminal();
    statusLine(t, {})!();
    expect(t.text).toBe('');
  });
});

describe('the status line on a real terminal', () => {
  it('script(1) gives the CLI a pty: the line is drawn on it and removed before the log is printed', () => {
    const dir = project();
    // CI emptied: it would (rightly) turn the line off.
    const r = spawnSync('script', ['-q', '-e', '-c', `${process.execPath} ${bin} generate --only json-schema`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(r.error, 'script(1) from util-linux must be installed').toBeUndefined();
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('\r\x1b[Kloading taxonomy…');
    expect(r.stdout).toContain('\r\x1b[Kgenerating: 0/1 generators done, running json-schema…');
    expect(r.stdout).toMatch(/generating: 1\/1 generators done…\r\x1b\[K✓ json-schema: /);
  });

  it('a pipe gets the log alone', () => {
    const dir = project();
    const r = spawnSync(process.execPath, [bin, 'generate', '--only', 'json-schema'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/\x1b\[K|generators done/);
    expect(r.stdout).toMatch(/^✓ json-schema: /);
  });
});

