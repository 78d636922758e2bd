import { readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { fenced, link as mdLink, literal, mdRich, type Md } from './markdown-escape.js';
import type { Rich } from './describe.js';
import type { Link } from './view-event.js';
import { tidy } from './tidy.js';

/**
 * The two template sets. Markdown templates compile with `noEscape` and print
 * through the `md` / `link` / `links` helpers, which escape taxonomy text for
 * Markdown; HTML templates keep Handlebars' escaping and print taxonomy text with
 * `{{ }}` only (the `rich` and `link` partials), never `{{{ }}}`.
 */
const templatesDir = new URL('../templates/', import.meta.url);

function readSet(sub: string): Map<string, string> {
  const dir = new URL(`${sub}/`, templatesDir);
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort().map((f) => [f.replace(/\.hbs$/, ''), readFileSync(new URL(f, dir), 'utf8')]));
}

const mdLinkOf = (l: Link | null | undefined): Md => (!l ? literal('') : l.href ? mdLink(mdRich(l.label), l.href) : mdRich(l.label));

function markdownEnv(): typeof Handlebars {
  const env = Handlebars.create();
  // `md` for table cells, `prose` for paragraphs, list items and headings.
  env.registerHelper('md', (r: Rich | undefined) => mdRich(r ?? []));
  env.registerHelper('prose', (r: Rich | undefined) => mdRich(r ?? [], false));
  env.registerHelper('link', (l: Link | null | undefined) => mdLinkOf(l));
  env.registerHelper('links', (ls: readonly Link[] | undefined) => (ls ?? []).map(mdLinkOf).join(', '));
  // A fenced code block (example calls and payloads): the text is code the generators escaped.
  env.registerHelper('fence', (text: string, info: string) => fenced(text ?? '', typeof info === 'string' ? info : ''));
  return env;
}

function htmlEnv(): typeof Handlebars {
  return Handlebars.create();
}

type Render = (view: unknown) => string;

function compileSet(env: typeof Handlebars, sub: 'md' | 'html', options: CompileOptions): Map<string, Render> {
  const out = new Map<string, Render>();
  for (const [name, source] of readSet(sub)) {
    // A one-line HTML partial is used inline (`rich`, `link`): its file's final newline would print as a space.
    const inline = sub === 'html' && source.split('\n').filter(Boolean).length === 1;
    if (name.startsWith('_')) env.registerPartial(name.slice(1), inline ? source.replace(/\n$/, '') : source);
    else out.set(name, env.compile(source, options));
  }
  return out;
}

let cache: { md: Map<string, Render>; html: Map<string, Render> } | undefined;

function sets() {
  if (!cache) {
    cache = {
      // knownHelpers: the compiled code calls these directly instead of first looking for a
      // context field of the same name (the helpers exist, so the output is the same); no
      // Markdown template reads @index or @last, so `each` need not build a data frame per row.
      md: compileSet(markdownEnv(), 'md', { noEscape: true, data: false, knownHelpers: { md: true, prose: true, link: true, links: true, fence: true } }),
      html: compileSet(htmlEnv(), 'html', {}),
    };
  }
  return cache;
}


export function renderMarkdown(template: string, view: unknown): string {
  const t = sets().md.get(template);
  if (!t) throw new Error(`no Markdown template '${template}'`);
  return tidy(t(view));
}

export function renderHtml(template: string, view: unknown): string {
  const t = sets().html.get(template);
  if (!t) throw new Error(`no HTML template '${template}'`);
  return tidy(t(view));
}

/** Names of the template files, for the test that no HTML template uses triple-stash. */
export function templateSources(): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const sub of ['md', 'html']) for (const [n, s] of readSet(sub)) out.set(`${sub}/${n}.hbs`, s);
  return out;
}

/** Static assets of the site (CSS and the search script), copied verbatim. */
export function siteAssets(): ReadonlyMap<string, string> {
  const dir = new URL('site/', templatesDir);
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]));
}
