/** A plugin glob's problem, or the static folder to list and a matcher for what is in it. */
export type PluginGlob = { readonly error: string } | { readonly dir: string; readonly matches: (path: string) => boolean };

/**
 * Parses a `governance.plugins` entry: a path relative to the repository root with `*`
 * (within a name) and `**` (any folders). Absolute paths and `..` leave the repository: refused.
 */
export function pluginGlob(pattern: string): PluginGlob {
  const p = pattern.replace(/^\.\//, '');
  if (/^([a-zA-Z]:)?[\\/]/.test(pattern) || p.split(/[\\/]/).includes('..')) return { error: `'${pattern}' is outside the repository (plugins are paths relative to the repository root, such as ./governance/rules/*.mjs)` };
  if (!/\.mjs$/.test(p)) return { error: `'${pattern}' does not name .mjs files (a custom rule is an ES module: ./governance/rules/*.mjs)` };
  const segments = p.split('/');
  const fixed: string[] = [];
  for (const s of segments) { if (/[*?[\]{}]/.test(s)) break; fixed.push(s); }
  const dir = fixed.length === segments.length ? fixed.slice(0, -1).join('/') : fixed.join('/');
  const last = segments.length - 1;
  const body = segments.map((s, i) => (s === '**' ? '(?:[^/]+/)*' : s.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + (i < last ? '/' : ''))).join('');
  const re = new RegExp(`^${body}$`);
  return { dir, matches: (path) => re.test(path) };
}
