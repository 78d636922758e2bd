import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateSections } from '@taxonomy/gen-docs';
import { fixtures, golden, model } from './helpers.js';

const guide = readFileSync(join(fixtures, 'sections/guide.md'), 'utf8');
const m = model();

/** The lines of a text outside any taxonomy section (markers included). */
function prose(text: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of text.split(/\r?\n/)) {
    if (/<!--\s*\/taxonomy:/.test(line)) inside = false;
    if (!inside) out.push(line);
    if (/<!--\s*taxonomy:/.test(line) && !/```|~~~/.test(line)) inside = true;
  }
  return out;
}

describe('in-place sections (taxonomy docs --update)', () => {
  const r = updateSections(guide, 'guide.md', m);

  it('fills every section of the fixture and matches the reviewed result', () => {
    expect(r.errors).toEqual([]);
    expect(r.sections).toBe(3);
    expect(r.changed).toBe(true);
    expect(r.text).toBe(golden(join(fixtures, 'sections/guide.expected.md'), r.text));
  });

  it('leaves the prose around the markers byte for byte, code blocks included', () => {
    const before = prose(guide).filter((l) => l !== 'This stale text is replaced.' && l !== '| old | table |');
    expect(prose(r.text)).toEqual(before);
    expect(r.text).toContain('including *this* | pipe and trailing spaces.  \n');
    expect(r.text).toContain('```markdown\n<!-- taxonomy:events domain=nowhere -->\n<!-- /taxonomy:nothing -->\n```');
  });

  it('writes the tables the markers ask for', () => {
    expect(r.text).toContain('| `workbench.draft_created` | `sessionId`, `timestamp`, `source` | `draftId`, `nodeCount`, `templateId` |');
    expect(r.text).not.toContain('workbench.session_started'); // other category: filtered out
    expect(r.text).toContain('| `source` | string | yes | `chat`, `template`, `blank` | `internal` | Where the draft came from. |');
    expect(r.text).toContain('| `template_suggestion_rate` |');
    expect(r.text).not.toContain('stale text');
  });

  it('is idempotent: a second run changes nothing (what --check relies on)', () => {
    const again = updateSections(r.text, 'guide.md', m);
    expect(again.changed).toBe(false);
    expect(again.text).toBe(r.text);
    expect(again.sections).toBe(3);
  });

  it('keeps CRLF line endings', () => {
    const crlf = guide.replace(/\n/g, '\r\n');
    const out = updateSections(crlf, 'guide.md', m);
    expect(out.errors).toEqual([]);
    expect(out.text).toBe(r.text.replace(/\n/g, '\r\n'));
  });

  it('leaves a file without markers alone', () => {
    const text = '# Title\n\nNo markers, but the word taxonomy: appears.\n';
    expect(updateSections(text, 'x.md', m)).toEqual({ text, changed: false, sections: 0, errors: [] });
  });

  // [file text, line, column, message part, hint part]
  const bad: [string, string, number, number, string, string][] = [
    ['unclosed', 'a\n<!-- taxonomy:events domain=workbench -->\nb\n', 2, 1, 'taxonomy:events is never closed', '<!-- /taxonomy:events -->'],
    ['unknown kind', 'x\n\n<!-- taxonomy:event domain=workbench -->\n<!-- /taxonomy:event -->\n', 3, 1, "unknown marker 'taxonomy:event' (did you mean 'taxonomy:events'?)", 'known markers'],
    ['unknown domain', '<!-- taxonomy:events domain=workbnch -->\n<!-- /taxonomy:events -->\n', 1, 1, "unknown domain 'workbnch' (did you mean 'workbench'?)", 'a domain defined'],
    ['unknown event', '<!-- taxonomy:properties event=workbench.draft_creatd -->\n<!-- /taxonomy:properties -->\n', 1, 1, "unknown event 'workbench.draft_creatd' (did you mean 'workbench.draft_created'?)", 'an event defined'],
    ['unknown parameter', '  <!-- taxonomy:events domian=workbench -->\n  <!-- /taxonomy:events -->\n', 1, 3, "unknown parameter 'domian' for taxonomy:events", 'domain=…'],
    ['missing parameter', '<!-- taxonomy:properties -->\n<!-- /taxonomy:properties -->\n', 1, 1, 'taxonomy:properties needs event=…', 'name the event'],
    ['duplicate parameter', '<!-- taxonomy:events domain=a domain=b -->\n<!-- /taxonomy:events -->\n', 1, 1, "parameter 'domain' given twice", 'keep one'],
    ['stray close', 'text\n<!-- /taxonomy:metrics -->\n', 2, 1, 'without an opening one', 'add <!-- taxonomy:metrics'],
    ['mismatched close', '<!-- taxonomy:events -->\n<!-- /taxonomy:metrics -->\n', 2, 1, 'expected <!-- /taxonomy:events --> (opened at line 1), found <!-- /taxonomy:metrics -->', 'order they were opened'],
    ['nested', '<!-- taxonomy:events -->\n<!-- taxonomy:metrics -->\n<!-- /taxonomy:events -->\n', 2, 1, 'taxonomy:metrics opens inside taxonomy:events (opened at line 1)', 'close the first one'],
    ['malformed', 'prose <!-- taxonomy:events domain=workbench -->\n', 1, 7, 'malformed taxonomy marker', 'alone on its line'],
  ];

  it.each(bad)('%s: a clear error at file:line:col and the file untouched', (_name, text, line, column, message, hint) => {
    const out = updateSections(text, 'docs/guide.md', m);
    expect(out.text).toBe(text);
    expect(out.changed).toBe(false);
    expect(out.errors.length).toBeGreaterThan(0);
    const e = out.errors[0]!;
    expect({ file: e.file, line: e.line, column: e.column }).toEqual({ file: 'docs/guide.md', line, column });
    expect(e.message).toContain(message);
    expect(e.hint).toContain(hint);
  });

  it('accepts quoted parameter values', () => {
    const out = updateSections('<!-- taxonomy:events domain="workbench" status="active" -->\n<!-- /taxonomy:events -->\n', 'x.md', m);
    expect(out.errors).toEqual([]);
    expect(out.text).toContain('`workbench.session_started`');
  });

  it('renders every kind of section', () => {
    const text = ['categories', 'privacy', 'metrics', 'events'].map((k) => `<!-- taxonomy:${k} -->\n<!-- /taxonomy:${k} -->`).join('\n\n') + '\n';
    const out = updateSections(text, 'x.md', m);
    expect(out.errors).toEqual([]);
    expect(out.sections).toBe(4);
    expect(out.text).toContain('| `core_loop` |');
    expect(out.text).toContain('**Do not log:**');
    expect(out.text).toContain('- Credentials or tokens.');
    expect(out.text).toContain('| `dissatisfaction_detected` |');
    expect((out.text.match(/^\| `[^`]+` \| /gm) ?? []).length).toBeGreaterThan(m.events.length);
  });
});
