import type { Shape } from '@taxonomy/core';

/** What a property looks like it holds, and the class it would need. */
export interface Suspicion {
  readonly kind: 'email' | 'phone' | 'person name' | 'postal address' | 'IP address' | 'birth date' | 'credential' | 'free text';
  /** The privacy class such data needs: pii, secret or content (by meaning; mapped onto the taxonomy's classes by the rule). */
  readonly needs: 'pii' | 'secret' | 'content';
  /** Which clues led here, for the message ("name 'user_email', format email"). */
  readonly because: string;
}

/** The words of a name: `userEmail`, `user_email`, `user.email` and `USER_EMAIL` all give [user, email]. */
export function words(name: string): string[] {
  return name.replace(/^\$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.toLowerCase());
}

/** Words that turn a personal-data word into something else: a count, a flag, a derived coarse value, an id. */
const NOT_THE_VALUE = new Set([
  'domain', 'domains', 'hash', 'hashed', 'sha', 'md5', 'count', 'counts', 'length', 'len', 'size', 'total', 'used',
  'verified', 'enabled', 'disabled', 'opt', 'optin', 'optout', 'sent', 'status', 'type', 'kind', 'format', 'provider', 'template',
  'valid', 'present', 'has', 'is', 'id', 'ids', 'bucket', 'country', 'region', 'version', 'expires', 'expiry', 'expired', 'ttl',
  'limit', 'budget', 'cost', 'source', 'mode', 'category', 'language', 'lang', 'ts', 'timestamp', 'at', 'index', 'position', 'max', 'min',
  'cache', 'rate', 'ratio', 'percent', 'changed', 'updated', 'masked', 'redacted',
]);

/** Things that have names but are not people. */
const NOT_A_PERSON = new Set([
  'file', 'event', 'table', 'channel', 'connection', 'organization', 'organisation', 'org', 'company', 'team', 'workspace', 'bot', 'app',
  'product', 'model', 'host', 'hostname', 'domain', 'key', 'class', 'field', 'column', 'property', 'template', 'project', 'repo', 'branch',
  'tool', 'plan', 'feature', 'device', 'browser', 'os', 'page', 'screen', 'button', 'step', 'category', 'metric', 'provider', 'agent',
  'dataset', 'schema', 'queue', 'function', 'action', 'intent', 'flow', 'experiment', 'variant', 'flag', 'region', 'city', 'country',
  'service', 'job', 'task', 'skill', 'squad', 'autopilot', 'runtime', 'integration', 'tier', 'role', 'group', 'space', 'kb', 'doc',
  'document', 'folder', 'component', 'route', 'path', 'view', 'tab', 'section', 'widget', 'cta', 'campaign', 'source', 'medium', 'sku',
]);

const PERSON_QUALIFIER = new Set(['first', 'last', 'full', 'real', 'display', 'given', 'family', 'middle', 'maiden', 'nick', 'user', 'person', 'customer', 'contact', 'member', 'sender', 'recipient', 'author', 'owner', 'invitee', 'inviter', 'visitor', 'legal', 'profile', 'account', 'holder', 'billing', 'shipping']);
const PERSON_WORDS = new Set(['firstname', 'lastname', 'fullname', 'surname', 'realname', 'displayname', 'username', 'givenname', 'familyname', 'nickname']);
const ADDRESS_QUALIFIER = new Set(['street', 'postal', 'home', 'billing', 'shipping', 'mailing', 'physical', 'residential', 'delivery', 'house']);
const FREE_TEXT = new Set(['message', 'text', 'body', 'content', 'comment', 'comments', 'feedback', 'query', 'prompt', 'note', 'notes', 'transcript', 'reply', 'question', 'answer', 'review', 'bio', 'remarks', 'utterance']);
/** Text written by us, not by a person: UI copy and system messages. */
const NOT_AUTHORED = new Set(['button', 'cta', 'link', 'label', 'chip', 'tab', 'menu', 'placeholder', 'title', 'heading', 'error', 'status', 'system', 'log', 'commit', 'alt', 'tooltip', 'banner', 'toast', 'template', 'default', 'welcome', 'greeting']);
const CREDENTIAL = new Set(['token', 'password', 'passwd', 'pwd', 'secret', 'apikey', 'credential', 'credentials', 'authorization', 'cookie', 'jwt', 'passphrase', 'otp', 'pin']);

/** Phrases in a description that say what the value is. */
const DESCRIBED: [RegExp, Suspicion['kind']][] = [
  [/\b(e-?mail address(es)?|full e-?mail)\b/i, 'email'],
  [/\b(phone|mobile|telephone) number\b/i, 'phone'],
  [/\b(full|real|first|last|legal|display|given|family) name\b|\bname of the (user|person|customer|contact|member)\b|\b(user|person|customer|contact)'s name\b/i, 'person name'],
  [/\b(home|street|postal|billing|shipping|mailing) address\b/i, 'postal address'],
  [/\bIP address\b|\bIPv[46]\b/i, 'IP address'],
  [/\b(date of birth|birth ?date|birthday)\b/i, 'birth date'],
  [/\b(password|api key|access token|refresh token|bearer token|secret key|credentials?)\b/i, 'credential'],
  [/\b(free[- ]text|verbatim|what the (user|customer|shopper) (typed|wrote|said)|as (the (user|customer|shopper) )?(typed|wrote|entered|written)|in (their|his|her) own words|message (content|body|text)|raw (message|text|input))\b/i, 'free text'],
];
/** A description phrase preceded by these words talks about something derived from the value, not the value. */
const DERIVED = /\b(domain|hash(ed)?|length|count|number of|whether|without|not|never|no|instead of|stand-in|excluding|except|portion|part)\b[^.;]{0,40}$/i;

/** The kind with its article, for messages ("looks like an email address"). */
export const KIND_PHRASE: Record<Suspicion['kind'], string> = {
  email: 'an email address', phone: 'a phone number', 'person name': "a person's name", 'postal address': 'a postal address',
  'IP address': 'an IP address', 'birth date': 'a birth date', credential: 'a credential (token, password, key)', 'free text': 'free text written by a person',
};

const NEEDS: Record<Suspicion['kind'], Suspicion['needs']> = {
  email: 'pii', phone: 'pii', 'person name': 'pii', 'postal address': 'pii', 'IP address': 'pii', 'birth date': 'pii', credential: 'secret', 'free text': 'content',
};

function fromName(w: readonly string[]): Suspicion['kind'] | undefined {
  const has = (x: string) => w.includes(x);
  const last = w[w.length - 1] ?? '';
  if (w.some((x) => NOT_THE_VALUE.has(x))) return undefined;
  if (has('email') || has('mail') || has('emailaddress')) return 'email';
  if (has('phone') || has('mobile') || has('msisdn') || has('telephone') || has('phonenumber')) return 'phone';
  if (has('ip') || has('ipaddress') || has('ipv4') || has('ipv6') || (has('remote') && has('addr'))) return 'IP address';
  if (has('birthday') || has('birthdate') || has('dob') || (has('birth') && (has('date') || has('day') || has('year')))) return 'birth date';
  if (w.some((x) => PERSON_WORDS.has(x)) || (has('user') && has('name') && w.length === 2)) return 'person name';
  if (last === 'name' && w.length > 1 && w.some((x) => PERSON_QUALIFIER.has(x)) && !w.some((x) => NOT_A_PERSON.has(x))) return 'person name';
  if ((has('address') || has('addr')) && (w.some((x) => ADDRESS_QUALIFIER.has(x)) || w.length === 1)) return 'postal address';
  if (has('street') || has('zip') || has('zipcode') || has('postcode') || (has('postal') && has('code'))) return 'postal address';
  if (w.some((x) => CREDENTIAL.has(x)) || (has('api') && has('key')) || (has('private') && has('key')) || (has('session') && has('token'))) return 'credential';
  if (FREE_TEXT.has(last) && !w.some((x) => NOT_AUTHORED.has(x))) return 'free text';
  return undefined;
}

function fromDescription(d: string | undefined): Suspicion['kind'] | undefined {
  if (!d) return undefined;
  for (const [re, kind] of DESCRIBED) {
    const m = re.exec(d);
    if (m && !DERIVED.test(d.slice(Math.max(0, m.index - 48), m.index))) return kind;
  }
  return undefined;
}

/** Whether the values are known in advance: a boolean, a closed enum or a const is never personal data or free text. */
const closed = (s: Shape) => s.type === 'boolean' || s.enum !== undefined || s.const !== undefined;

/**
 * Whether a property looks like personal data, a credential or free text, weighing its
 * name, description, type and format together. Returns undefined when it does not.
 * Names decide most cases; a description alone counts only with an unambiguous phrase
 * ("the user's email address"), and words like "domain of", "length", "count" or "hash"
 * turn it off; the type decides the rest (numbers are counts, closed values are not text).
 */
export function suspect(name: string, s: Shape): Suspicion | undefined {
  if (s.type === 'array') {
    // A tuple is as suspect as its most suspect element (leading ones, then further ones).
    for (const e of [...(s.prefixItems ?? []), ...(s.items ? [s.items] : [])]) {
      const hit = suspect(name, { ...e, description: e.description ?? s.description });
      if (hit) return hit;
    }
    return undefined;
  }
  // A union is as suspect as its most suspect alternative (a string id beside an integer one).
  if (s.type === 'union') {
    for (const v of s.union?.variants ?? []) {
      const hit = suspect(name, { ...v, description: v.description ?? s.description });
      if (hit) return hit;
    }
    return undefined;
  }
  // A map's values and the values of keys matching a pattern are as suspect as a property of
  // that name (`contactEmails: { values: { type: string } }`), or of the pattern's words (`^email_`).
  if (s.type === 'object') {
    const shapes: [string, Shape][] = [
      ...(s.values ? [[name, s.values] as [string, Shape]] : []),
      ...(s.patternProperties ?? []).flatMap((p) => [[name, p.shape], [p.pattern.replace(/[^A-Za-z0-9]+/g, '_'), p.shape]] as [string, Shape][]),
    ];
    for (const [n, v] of shapes) {
      const hit = suspect(n, { ...v, description: v.description ?? s.description });
      if (hit) return hit;
    }
    return undefined;
  }
  if (closed(s)) return undefined;
  const w = words(name);
  const byFormat: Suspicion['kind'] | undefined = s.format === 'email' || s.format === 'idn-email' ? 'email'
    : s.format === 'ipv4' || s.format === 'ipv6' ? 'IP address' : undefined;
  const byName = fromName(w);
  const byDesc = w.some((x) => NOT_THE_VALUE.has(x)) ? undefined : fromDescription(s.description);
  const kind = byFormat ?? byName ?? byDesc;
  if (!kind) return undefined;
  // Numbers: only a birth year or day is personal; a "token count" or "message number" is not.
  if ((s.type === 'integer' || s.type === 'number') && kind !== 'birth date') return undefined;
  // A string with a format other than the personal ones (uuid, uri, date-time) is an identifier or a link, not text.
  if (kind === 'free text' && s.format !== undefined) return undefined;
  if (kind === 'free text' && s.maxLength !== undefined && s.maxLength <= 32) return undefined;
  const clues = [byFormat && `format ${s.format}`, byName && `name '${name}'`, byDesc && 'its description'].filter(Boolean);
  return { kind, needs: NEEDS[kind], because: clues.join(', ') };
}
