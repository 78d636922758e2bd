import type { TaxonomyEvent } from '@taxonomy/core';
import { words } from '../pii.js';

const camel = (ws: readonly string[]) => ws.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');

/**
 * The typed tracker's path to an event: tracker.<domain>.<event>(...). The domain in
 * camelCase (chat_sdk → chatSdk); the event name without its domain prefix, in camelCase
 * (workbench.draft_created → draftCreated, NEW_CONVERSATION → newConversation,
 * $pageview → pageview, auth.sign_in.success → authSignInSuccess).
 */
export function trackerPath(event: Pick<TaxonomyEvent, 'name' | 'domain' | 'namespace'>): { domainKey: string; method: string } {
  const own = event.namespace ? event.name.slice(event.namespace.length + 1) : event.name;
  const bare = own.startsWith(`${event.domain}.`) ? own.slice(event.domain.length + 1) : own;
  const upper = /^[A-Z0-9_$.]+$/.test(bare);
  const ws = upper ? bare.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean) : words(bare);
  return { domainKey: camel(words(event.domain)), method: camel(ws) };
}
