import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { kindOf, schemaDir } from '@taxonomy/core';
import { fixtures, repo } from './helpers.js';

/**
 * Editor support: every taxonomy file names its meta-schema in a
 * `# yaml-language-server: $schema=` line, and the real yaml-language-server (the
 * engine of the VS Code YAML extension and most editors' YAML support) resolves it,
 * follows its $refs from disk, validates, completes and explains keys.
 */
const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const folders = [join(repo, 'taxonomy'), join(fixtures, 'hostile/taxonomy')];
const files = folders.flatMap((root) => yamlFiles(root).map((file) => [relative(repo, file), root, file] as const));

describe('the $schema line of every taxonomy file', () => {
  it('covers the seed taxonomy', () => {
    expect(files.filter(([, root]) => root === folders[0]).length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s names the schema of its kind, and that file exists', (_shown, root, file) => {
    const first = readFileSync(file, 'utf8').split('\n')[0]!;
    const m = MODELINE.exec(first);
    expect(m, `first line of ${file} should be '# yaml-language-server: $schema=<path>'`).not.toBeNull();
    const kind = kindOf(relative(root, file).split('\\').join('/'));
    expect(kind).toBeDefined();
    const target = resolve(dirname(file), m![1]!);
    expect(target).toBe(join(schemaDir, `${kind}.schema.json`));
    expect(statSync(target).isFile()).toBe(true);
    // The entry schema points into the meta-schema next to it, which must hold that definition.
    const entry = JSON.parse(readFileSync(target, 'utf8')) as { $ref: string };
    const [sibling, pointer] = entry.$ref.split('#');
    const meta = JSON.parse(readFileSync(join(dirname(target), sibling!), 'utf8')) as { $defs: Record<string, unknown> };
    expect(meta.$defs[pointer!.replace('/$defs/', '')]).toBeDefined();
  });
});

describe('yaml-language-server on the taxonomy files (offline, as in an editor)', () => {
  /** Schemas the language server asked for over the network (it must not need any). */
  const remote: string[] = [];
  const ls = getLanguageService({
    schemaRequestService: async (uri: string) => {
      if (uri.startsWith('file://')) return readFile(fileURLToPath(uri), 'utf8');
      remote.push(uri);
      throw new Error(`offline: ${uri}`);
    },
    // What the server itself uses (schemaRequestHandler.workspaceContext).
    workspaceContext: { resolveRelativePath: (rel: string, res: string) => new URL(rel, res).toString() },
  });
  ls.configure({ validate: true, completion: true, hover: true, yamlVersion: '1.2' });

  const doc = (file: string, text = readFileSync(file, 'utf8')) => TextDocument.create(pathToFileURL(file).href, 'yaml', 1, text);
  // Schema findings come as warnings (the squiggles in the editor); a file must have none.
  const diagnostics = (d: TextDocument) => ls.doValidation(d, false);

  it.each(files.filter(([, root]) => root === folders[0]))('%s validates clean', async (_shown, _root, file) => {
    expect((await diagnostics(doc(file))).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  const domainFile = join(repo, 'taxonomy/domains/editor_check.yaml');
  const header = '# yaml-language-server: $schema=../../packages/core/schema/domain.schema.json\ndomain: editor_check\nevents:\n  editor_check.thing_done:\n';

  it('reports a mistyped key and a wrong type where they are', async () => {
    const d = doc(domainFile, `${header}    descripton: typo\n    critical: "yes"\n`);
    const found = (await diagnostics(d)).map((x) => [x.range.start.line + 1, x.message]);
    expect(found).toEqual(expect.arrayContaining([
      [5, expect.stringMatching(/descripton.*not allowed/)],
      [6, expect.stringMatching(/Incorrect type. Expected "boolean"/)],
    ]));
  });

  it('completes the keys of an event', async () => {
    const text = `${header}    description: x\n    \n`;
    const d = doc(domainFile, text);
    const list = await ls.doComplete(d, { line: 5, character: 4 }, false);
    const labels = list.items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['trigger', 'category', 'status', 'properties', 'deprecated', 'changelog']));
  });

  it('explains a key on hover, from the meta-schema', async () => {
    const d = doc(domainFile, `${header}    person_properties: {}\n`);
    const hover = await ls.doHover(d, { line: 4, character: 8 });
    expect(JSON.stringify(hover?.contents)).toContain('$set overwrites');
  });

  it('never needed the network: the $refs resolve to the files beside the entry schema', () => {
    expect(remote).toEqual([]);
  });
});
