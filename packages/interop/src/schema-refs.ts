import { fmt, type JsonDocument } from './json.js';

/** One JSON document the converter reads from: its display name, text positions and root. */
export interface SchemaSource {
  readonly file: string;
  readonly doc: JsonDocument;
  /** The pointer of the schema root inside the document (a Segment rule's jsonSchema is not the file root). */
  readonly base: string;
  /** The schema root itself. */
  readonly root: unknown;
}

/** A schema found by following a $ref: where it is and what it is. */
export interface Located {
  readonly source: SchemaSource;
  readonly pointer: string;
  readonly schema: unknown;
}

/** Looks up other files for cross-file refs (`address.json#/definitions/x`, `iglu:com.acme/x/jsonschema/1-0-0`). */
export type FileResolver = (ref: string, from: SchemaSource) => SchemaSource | undefined;

export function whereOf(source: SchemaSource, pointer: string): string {
  const p = source.doc.positions.get(pointer);
  return `${source.file}${p ? `:${fmt(p)}` : ''} #${pointer || '/'}`;
}

const decodeSegment = (s: string) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~');

/** Follows a JSON pointer fragment inside a value. */
export function walkPointer(root: unknown, fragment: string): unknown {
  if (fragment === '' || fragment === '/') return root;
  let cur: unknown = root;
  for (const seg of fragment.replace(/^\//, '').split('/').map(decodeSegment)) {
    if (cur && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, seg)) cur = (cur as Record<string, unknown>)[seg];
    else return undefined;
  }
  return cur;
}

/** Finds `$anchor: name` (2019+) or `$id`/`id: "#name"` (draft-04..07) below a root. */
function findAnchor(root: unknown, name: string, path = ''): string | undefined {
  if (!root || typeof root !== 'object') return undefined;
  const o = root as Record<string, unknown>;
  if (o.$anchor === name || o.$id === `#${name}` || o.id === `#${name}`) return path;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') continue;
    const hit = findAnchor(v, name, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * Resolves a $ref seen in `from`. Local fragments (`#/definitions/x`, `#anchor`)
 * resolve inside the same schema root; anything else goes to the file resolver.
 */
export function resolveRef(ref: string, from: SchemaSource, files: FileResolver | undefined): Located | { error: string; hint: string } {
  const hash = ref.indexOf('#');
  const target = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  let source = from;
  if (target !== '') {
    const other = files?.(target, from);
    if (!other) {
      return /^[a-z]+:\/\//i.test(target)
        ? { error: `$ref '${ref}' points at a remote schema`, hint: 'download it next to the other schemas (the importer never fetches from the network) and refer to it by file name' }
        : { error: `$ref '${ref}' points at '${target}', which is not among the files read`, hint: 'put the referenced file in the folder being imported, or fix the path' };
    }
    source = other;
  }
  let pointer: string;
  if (fragment === '' || fragment.startsWith('/')) pointer = fragment;
  else {
    const anchored = findAnchor(source.root, decodeURIComponent(fragment));
    if (anchored === undefined) return { error: `$ref '${ref}': no $anchor '${fragment}' in ${source.file}`, hint: 'fix the anchor name or use a JSON pointer (#/definitions/...)' };
    pointer = anchored;
  }
  const schema = walkPointer(source.root, pointer);
  if (schema === undefined) return { error: `$ref '${ref}' points at nothing: ${source.file} has no '${fragment || '/'}'`, hint: 'fix the pointer (definitions vs $defs?) or add the definition' };
  return { source, pointer: source.base + (pointer === '/' ? '' : pointer), schema };
}
