import { relative, resolve, sep } from 'node:path';
import { Project, ts } from 'ts-morph';
import type { AppCall, AppScan } from './scan-types.js';

export interface ScanOptions {
  /** Folder the globs and the reported paths are relative to (the repository root). */
  readonly root: string;
  readonly include: readonly string[];
  readonly exclude?: readonly string[];
  /** Names of the typed tracker object. Default [tracker]. */
  readonly tracker?: readonly string[];
  /** Names of untyped functions taking the event name as a string. Default [track]. */
  readonly rawCalls?: readonly string[];
  readonly domains?: readonly string[];
}

/** The identifier an expression ends in: `tracker`, `this.tracker`, `ctx.analytics.tracker` → tracker. */
function lastName(n: ts.Expression): string | undefined {
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (n.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

/**
 * Finds analytics calls in application sources with ts-morph (syntax only: no type
 * checking, no dependency resolution, so it runs on code that does not compile here).
 * Typed calls have the shape `<tracker>.<domain>.<event>(...)`; raw calls are
 * `track('event name', ...)` or `<anything>.track('event name', ...)`. The walk uses the
 * compiler nodes under ts-morph's source files: wrapping every node would be ten times slower.
 */
export function scanApp(opts: ScanOptions): AppScan {
  const trackers = new Set(opts.tracker ?? ['tracker']);
  const raw = new Set(opts.rawCalls ?? ['track']);
  const project = new Project({ skipFileDependencyResolution: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true, noEmit: true } });
  const abs = (g: string) => resolve(opts.root, g).split(sep).join('/');
  project.addSourceFilesAtPaths([
    ...opts.include.map(abs),
    ...(opts.exclude ?? []).map((g) => `!${abs(g)}`),
    `!${abs('**/node_modules/**')}`,
  ]);
  const files = project.getSourceFiles().sort((a, b) => (a.getFilePath() < b.getFilePath() ? -1 : 1));
  const calls: AppCall[] = [];
  for (const sf of files) {
    const file = relative(opts.root, sf.getFilePath()).split(sep).join('/');
    const node = sf.compilerNode;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const call = classify(n, node, trackers, raw);
        if (call) {
          const at = (x: ts.Node) => { const { line, character } = node.getLineAndCharacterOfPosition(x.getStart(node)); return { file, line: line + 1, column: character + 1 }; };
          const keys = literalKeys(n.arguments[call.kind === 'typed' ? 0 : 1]);
          calls.push({ ...call, location: at(n), ...(keys ? { properties: keys.map((k) => ({ name: k.name, location: at(k.node) })) } : {}) });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
  }
  return { files: files.length, calls, include: opts.include, ...(opts.domains ? { domains: opts.domains } : {}) };
}

function classify(node: ts.CallExpression, sf: ts.SourceFile, trackers: ReadonlySet<string>, raw: ReadonlySet<string>): Omit<AppCall, 'location'> | undefined {
  const callee = node.expression;
  // tracker.<domain>.<event>(...)
  if (ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression)) {
    const inner = callee.expression;
    const root = lastName(inner.expression);
    if (root && trackers.has(root)) return { kind: 'typed', domainKey: inner.name.text, method: callee.name.text, callee: callee.getText(sf) };
  }
  // track('name', ...) and x.track('name', ...)
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name && raw.has(name)) {
    const first = node.arguments[0];
    if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) return { kind: 'raw', eventName: first.text, callee: callee.getText(sf) };
    // A name built at run time cannot be checked: reported as raw without a name.
    if (first && ts.isTemplateExpression(first)) return { kind: 'raw', callee: callee.getText(sf) };
  }
  return undefined;
}

/** The keys an object literal names (identifiers, strings, shorthands); spreads and computed keys are skipped. */
function literalKeys(arg: ts.Expression | undefined): { name: string; node: ts.Node }[] | undefined {
  if (!arg || !ts.isObjectLiteralExpression(arg)) return undefined;
  const out: { name: string; node: ts.Node }[] = [];
  for (const p of arg.properties) {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.push({ name: p.name.text, node: p.name });
  }
  return out;
}
