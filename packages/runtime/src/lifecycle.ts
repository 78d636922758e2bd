type PageGlobal = {
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
  document?: { visibilityState?: string };
};

/**
 * Calls onHide when the page is hidden (visibilitychange to hidden, or pagehide):
 * the last moment a browser lets a page send anything. Returns a function that stops
 * listening, or undefined outside a browser.
 */
export function watchPageHide(onHide: () => void): (() => void) | undefined {
  const g = globalThis as PageGlobal;
  if (typeof g.addEventListener !== 'function' || g.document === undefined) return undefined;
  const listener = () => {
    if (g.document && g.document.visibilityState !== undefined && g.document.visibilityState !== 'hidden') return;
    try { onHide(); } catch { /* the page is going away; never throw from an event handler */ }
  };
  g.addEventListener('pagehide', listener);
  g.addEventListener('visibilitychange', listener);
  return () => {
    g.removeEventListener?.('pagehide', listener);
    g.removeEventListener?.('visibilitychange', listener);
  };
}
