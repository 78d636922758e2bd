import type { EventSpec, Tracker } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An issue key as seed 003 writes them (`MUL-12`): upper-case project key, dash, number. */
const ISSUE_KEY = /^[A-Z][A-Z0-9]{0,15}-\d+$/;

/** True for a path segment that names one resource (a UUID or an issue key), which seed 003 collapses. */
export function isResourceSegment(segment: string): boolean {
  let s = segment;
  try { s = decodeURIComponent(segment); } catch { /* malformed escape: judged as written */ }
  return UUID.test(s) || ISSUE_KEY.test(s);
}

/**
 * Seed 003's section-normalised path: query string and hash stripped (an OAuth code or
 * state never leaves), UUID and issue-key segments collapsed, trailing slash removed.
 * `/acme/issues/8d5c…-uuid?code=x` and `/acme/issues/MUL-12#c` are both `/acme/issues`.
 * An absolute URL keeps its origin (without any user:password@).
 */
export function sectionPath(url: string): string {
  let origin = '';
  let rest = String(url ?? '');
  const abs = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#]*@)?([^/?#]*)/i.exec(rest);
  if (abs) { origin = abs[1]!.toLowerCase() + abs[2]!; rest = rest.slice(abs[0].length); }
  const cut = rest.search(/[?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  const segments = rest.split('/').filter((s) => s !== '' && !isResourceSegment(s));
  return `${origin}/${segments.join('/')}`;
}

export interface PageviewOptions {
  /** The property that carries the page. Default `$current_url`. */
  property?: string;
}

/**
 * capturePageview of seed 003: tracks `$pageview` with the section path, and skips a view
 * of the same section as the previous one (navigating between issues is one view).
 * Returns whether an event was tracked.
 */
export function pageviewCapture(tracker: Pick<Tracker, 'track'>, spec: EventSpec | string = '$pageview', options: PageviewOptions = {}) {
  const property = options.property ?? '$current_url';
  let last: string | undefined;
  return function capturePageview(url: string, properties?: Record<string, unknown>): boolean {
    const section = sectionPath(url);
    if (section === last) return false;
    last = section;
    tracker.track(spec, { ...(properties ?? {}), [property]: section });
    return true;
  };
}
