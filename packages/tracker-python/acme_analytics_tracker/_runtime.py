"""Tracker runtime of the generated Python tracker (standard library only).

Semantics of the TypeScript runtime (@taxonomy/runtime): track() never blocks and
never raises; a background thread builds envelopes (globals, clock and constant
properties filled, deterministic sampling, sensitive-key redaction at any depth,
content gating) and hands them to sinks in batches (by size and interval); the
HTTP sink retries with backoff and Retry-After and halves a batch on 413; every
dropped event is counted under one reason, so enqueued = delivered + dropped + pending.
"""
import atexit
import json
import logging
import math
import random
import re
import secrets
import threading
import time
import urllib.error
import urllib.request
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import Callable, Deque, Dict, List, Mapping, Optional, Sequence, Set, Tuple, Union, cast

DROP_REASONS: Tuple[str, ...] = (
    "sampled", "consent", "queueFull", "tooLarge", "unserializable", "noRoute",
    "sinkError", "timeout", "rejected", "failed", "unload", "shutdown", "invalid", "duplicate", "internal",
)
REDACTED = "[REDACTED]"
CIRCULAR = "[Circular]"
TRUNCATED = "[Truncated]"
MAX_DEPTH = 32
DEFAULT_SENSITIVE_KEYS: Tuple[str, ...] = ("token", "apiKey", "secret", "password", "authorization", "credential", "cookie")

Json = Union[None, bool, int, float, str, List["Json"], Dict[str, "Json"]]
Envelope = Dict[str, Json]

_log = logging.getLogger("taxonomy_tracker")


@dataclass(frozen=True)
class EventSpec:
    """What the generated client tells the runtime about one event (routing, privacy)."""
    event: str
    version: Optional[int] = None
    domain: Optional[str] = None
    destinations: Tuple[str, ...] = ()
    kinds: Tuple[str, ...] = ()
    critical: bool = False
    content: Tuple[Tuple[str, ...], ...] = ()
    redact: Tuple[Tuple[str, ...], ...] = ()
    keep: Tuple[Tuple[str, ...], ...] = ()
    globals: Tuple[str, ...] = ()
    clock: Tuple[str, ...] = ()
    fixed: Tuple[Tuple[str, Union[str, int, float, bool]], ...] = ()
    deprecated: bool = False
    replacement: Optional[str] = None
    # Seed 003's rules (the taxonomy's normalize:, overflow:, json_value_max_length:), as the TypeScript runtime applies them.
    normalize: Tuple[Tuple[str, Tuple[Tuple[str, str], ...], Optional[str]], ...] = ()
    limits: Tuple[Tuple[str, Optional[int], Optional[str], Optional[int]], ...] = ()
    distinct_id: Tuple[Tuple[str, str], ...] = ()
    # Seed 001's checks (the taxonomy's format: currency, maximum_property:, dedupe_by:), as the TypeScript runtime applies them.
    currency: Tuple[str, ...] = ()
    at_most: Tuple[Tuple[str, str], ...] = ()
    dedupe: Optional[str] = None
    # Shape rules no type holds (requires:, required_when:, key counts, a closed object's key patterns), as checks.ts applies them.
    requires: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    required_when: Tuple[Tuple[str, str, Tuple[Union[str, int, float, bool], ...]], ...] = ()
    keys: Tuple[Tuple[str, "KeyRules"], ...] = ()
    payload_keys: Optional["KeyRules"] = None
    tuples: Tuple[Tuple[str, "TupleRules"], ...] = ()


@dataclass(frozen=True)
class TupleRules:
    """A tuple's element count, and each element's JSON type by position then of any further one ("integer|null"; "": any)."""
    min: Optional[int] = None
    max: Optional[int] = None
    kinds: Tuple[str, ...] = ()
    rest: str = ""


@dataclass(frozen=True)
class KeyRules:
    """How many keys an object holds, and (when set) the patterns every undeclared key must match."""
    min: Optional[int] = None
    max: Optional[int] = None
    patterns: Optional[Tuple[str, ...]] = None
    declared: Tuple[str, ...] = ()


# ───────────────────────── seed 001's value checks (packages/runtime/src/checks.ts) ─────────────────────────

_patterns: Dict[str, Optional["re.Pattern[str]"]] = {}


def _regexp(pattern: str) -> "Optional[re.Pattern[str]]":
    """A key pattern, searched unanchored as JSON Schema does; None when Python cannot compile it (the validators report it)."""
    if pattern not in _patterns:
        try:
            compiled: "Optional[re.Pattern[str]]" = re.compile(pattern)
        except (re.error, RecursionError, OverflowError):
            compiled = None
        if len(_patterns) < 1024:
            _patterns[pattern] = compiled
        return compiled
    return _patterns[pattern]


def _show(v: object) -> str:
    return json.dumps(v[:40] if isinstance(v, str) else v)


def _same(a: object, b: object) -> bool:
    """JSON equality of scalars: True is not 1, 1 is 1.0."""
    return isinstance(a, bool) == isinstance(b, bool) and a == b


def _check_keys(obj: object, rules: "KeyRules", what: str) -> Optional[str]:
    if not isinstance(obj, Mapping):
        return None
    keys: List[str] = [str(k) for k in cast("Mapping[object, object]", obj).keys()]
    n = len(keys)
    if rules.min is not None and n < rules.min:
        return f"{what} must hold at least {rules.min} key{'' if rules.min == 1 else 's'}; it holds {n}"
    if rules.max is not None and n > rules.max:
        return f"{what} may hold at most {rules.max} key{'' if rules.max == 1 else 's'}; it holds {n}"
    if rules.patterns is not None:
        for k in keys:
            if k in rules.declared:
                continue
            if not any((r is None or r.search(k) is not None) for r in (_regexp(p) for p in rules.patterns)):
                shown = ", ".join(f"/{p}/" for p in rules.patterns)
                return f"{what} has the key {_show(k)}, which is not declared and matches none of its patterns ({shown})"
    return None


def _kind_of(v: object) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "integer" if v.is_integer() else "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, (list, tuple)):
        return "array"
    if isinstance(v, Mapping):
        return "object"
    return type(v).__name__


def _a_kind(k: str) -> str:
    return k if k == "null" else ("an " if k[:1] in "aeiou" else "a ") + k


def _check_tuple(v: object, rules: "TupleRules", what: str) -> Optional[str]:
    if not isinstance(v, (list, tuple)):
        return None
    items: List[object] = list(cast("Sequence[object]", v))
    n = len(items)
    if rules.min is not None and n < rules.min:
        return f"{what} must hold at least {rules.min} element{'' if rules.min == 1 else 's'}; it holds {n}"
    if rules.max is not None and n > rules.max:
        return f"{what} may hold at most {rules.max} element{'' if rules.max == 1 else 's'}; it holds {n}"
    for i, x in enumerate(items):
        kind = rules.kinds[i] if i < len(rules.kinds) else rules.rest
        got = _kind_of(x)
        if kind and not any(k == got or (k == "number" and got == "integer") for k in kind.split("|")):
            return f"element {i} of {what} must be {' or '.join(_a_kind(k) for k in kind.split('|'))}; got {_a_kind(got)}"
    return None


def check_shapes(spec: EventSpec, props: Mapping[str, object]) -> Optional[str]:
    """Why the call's own properties break a shape rule no type holds (requires:, required_when:, key counts and patterns), or None.

    Properties the tracker fills later (globals, event time, constants) are left to the validators.
    """
    filled = set(spec.globals) | set(spec.clock) | {k for k, _ in spec.fixed}
    for k, others in spec.requires:
        if props.get(k) is None:
            continue
        missing = [x for x in others if props.get(x) is None and x not in filled]
        if missing:
            return f"property {k!r} requires {', '.join(repr(x) for x in missing)} beside it"
    for k, other, values in spec.required_when:
        if props.get(k) is not None or k in filled or props.get(other) is None:
            continue
        v = props.get(other)
        if any(_same(v, x) for x in values):
            return f"property {k!r} is required when {other!r} is {_show(v)}"
    for k, rules in spec.keys:
        if props.get(k) is not None:
            error = _check_keys(props.get(k), rules, f"property {k!r}")
            if error is not None:
                return error
    for k, tr in spec.tuples:
        if props.get(k) is not None:
            error = _check_tuple(props.get(k), tr, f"property {k!r}")
            if error is not None:
                return error
    if spec.payload_keys is not None:
        r = spec.payload_keys
        # Keys the tracker fills count as present for the minimum (they usually are).
        lower = None if r.min is None else r.min - len([k for k in filled if props.get(k) is None])
        return _check_keys({k: v for k, v in props.items() if v is not None}, KeyRules(lower, r.max, r.patterns, r.declared), "the event")
    return None


def _is_code_shape(s: str) -> bool:
    return len(s) == 3 and all("A" <= ch <= "Z" for ch in s)


def check_values(spec: EventSpec, props: Mapping[str, object], currency_codes: Optional[Set[str]]) -> Tuple[Optional[Dict[str, object]], Optional[str]]:
    """The properties to send (currency codes upper-cased) or, when the call is refused, why.

    `format: currency` values are upper-cased and must then be an ISO 4217 code (any three
    letters without a list); a number above its `maximum_property:` sibling is refused.
    """
    out: Dict[str, object] = dict(props)
    for k in spec.currency:
        v = props.get(k)
        if v is None:
            continue
        if not isinstance(v, str):
            return None, f"property {k!r} must be an ISO 4217 currency code (a string such as 'USD'); got {type(v).__name__}"
        upper = v.upper()
        if not _is_code_shape(upper) or (currency_codes is not None and upper not in currency_codes):
            why = "not in the ISO 4217 list" if _is_code_shape(upper) else "not three letters"
            return None, f"property {k!r} must be an ISO 4217 currency code such as 'USD' (lower case is normalised); got {json.dumps(v[:40])}, which is {why}"
        out[k] = upper
    error = check_shapes(spec, props)
    if error is not None:
        return None, error
    for k, bound in spec.at_most:
        v, top = props.get(k), props.get(bound)
        if isinstance(v, (int, float)) and isinstance(top, (int, float)) and not isinstance(v, bool) and not isinstance(top, bool) and v > top:
            return None, f"property {k!r} ({js_string(v)}) must be at most {bound!r} ({js_string(top)})"
    return out, None


class SeenKeys:
    """The last `capacity` values of a de-duplication key (spec.dedupe), oldest forgotten first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = max(1, capacity)
        self._seen: "OrderedDict[Tuple[str, str], bool]" = OrderedDict()

    def seen_before(self, event: str, value: object) -> bool:
        """True when (event, value) was seen among the last `capacity` keys; else remembers it."""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return False
        key = (event, js_string(value))
        if key in self._seen:
            return True
        self._seen[key] = True
        if len(self._seen) > self.capacity:
            self._seen.popitem(last=False)
        return False


# ───────────────────────── sampling (docs/runtime-contract.md) ─────────────────────────

def js_number(x: float) -> str:
    """A number as ECMAScript's Number::toString writes it (shortest round-trip digits)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    t = Decimal(repr(abs(x))).normalize().as_tuple()
    digits = "".join(str(d) for d in t.digits)
    exp = int(t.exponent)
    k = len(digits)
    n = k + exp
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    es = ("+" if e >= 0 else "-") + str(abs(e))
    return sign + (digits if k == 1 else digits[0] + "." + digits[1:]) + "e" + es


def js_string(v: object) -> str:
    """String(v) as JavaScript writes a scalar: booleans true/false, numbers per js_number."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v) if abs(v) < 10 ** 21 else js_number(float(v))
    if isinstance(v, float):
        return js_number(v)
    return str(v)


def unit_hash(s: str) -> float:
    """FNV-1a (32-bit) over the UTF-16 code units of s, as a number in [0, 1)."""
    h = 0x811C9DC5
    data = s.encode("utf-16-le", "surrogatepass")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h / 4294967296.0


def _first(p: Mapping[str, object], keys: Sequence[str]) -> object:
    for k in keys:
        v = p.get(k)
        if v is not None:
            return v
    return ""


def default_sample_key(event: str, p: Mapping[str, object]) -> str:
    """Session, event name and turn, joined by U+0000: one logical event is always kept or always dropped."""
    session = _first(p, ("sessionId", "session_id", "chat_session_id"))
    turn = _first(p, ("turnIndex", "turn_index"))
    return js_string(session) + "\u0000" + event + "\u0000" + js_string(turn)


def keep_sample(key: str, rate: float) -> bool:
    if rate >= 1:
        return True
    if not rate > 0:
        return False
    return unit_hash(key) < rate


# ───────────────────────── redaction ─────────────────────────

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def key_words(key: str) -> List[str]:
    return [w.lower() for w in _WORDS.findall(key)]


def sensitive_matcher(keys: Sequence[str]) -> Callable[[str], bool]:
    """Whether a key names a secret: a sensitive key appears in it as whole words (plural allowed at the end)."""
    patterns = [p for p in (key_words(k) for k in keys) if p]
    cache: Dict[str, bool] = {}

    def test(key: str) -> bool:
        words = key_words(key)
        for p in patterns:
            joined = "".join(p)
            for i, w in enumerate(words):
                last = i == len(words) - 1
                if w == joined or (last and w == joined + "s"):
                    return True
                if i + len(p) > len(words):
                    continue
                match = True
                for j, pw in enumerate(p):
                    kw = words[i + j]
                    ends = i + j == len(words) - 1
                    if not (kw == pw or (j == len(p) - 1 and ends and kw == pw + "s")):
                        match = False
                        break
                if match:
                    return True
        return False

    def check(key: str) -> bool:
        r = cache.get(key)
        if r is None:
            r = test(key)
            if len(cache) < 4096:
                cache[key] = r
        return r

    return check


class Unserializable(Exception):
    pass


class _Trie:
    __slots__ = ("keep", "children")

    def __init__(self) -> None:
        self.keep = False
        self.children: Dict[str, "_Trie"] = {}


def _keep_trie(paths: Sequence[Sequence[str]]) -> _Trie:
    root = _Trie()
    for path in paths:
        node = root
        for seg in path:
            node = node.children.setdefault(seg, _Trie())
        node.keep = True
    return root


def _child(node: Optional[_Trie], key: str) -> Optional[_Trie]:
    if node is None:
        return None
    return node.children.get(key) or node.children.get("*")


def sanitize(value: object, sensitive: Callable[[str], bool], keep: Optional[_Trie] = None) -> Json:
    """A JSON-safe deep copy: sensitive keys redacted at any depth, cycles and depth capped."""
    ancestors: Set[int] = set()

    def copy(v: object, depth: int, node: Optional[_Trie]) -> Json:
        if v is None or isinstance(v, (bool, str, int)):
            return v
        if isinstance(v, float):
            return v if math.isfinite(v) else None
        if isinstance(v, datetime):
            return v.isoformat()
        oid = id(v)
        if not isinstance(v, (dict, list, tuple)):
            raise Unserializable(f"a {type(v).__name__} is not JSON data")
        if oid in ancestors:
            return CIRCULAR
        if depth >= MAX_DEPTH:
            return TRUNCATED
        ancestors.add(oid)
        try:
            if isinstance(v, dict):
                out: Dict[str, Json] = {}
                for k, x in v.items():  # pyright: ignore[reportUnknownVariableType]
                    key = k if isinstance(k, str) else js_string(k)  # pyright: ignore[reportUnknownArgumentType]
                    sub = _child(node, key)
                    if sensitive(key) and not (sub is not None and sub.keep):
                        out[key] = REDACTED
                    else:
                        out[key] = copy(x, depth + 1, sub)  # pyright: ignore[reportUnknownArgumentType]
                return out
            seq: List[Json] = []
            for i, x in enumerate(v):  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]
                seq.append(copy(x, depth + 1, _child(node, str(i))))  # pyright: ignore[reportUnknownArgumentType]
            return seq
        finally:
            ancestors.discard(oid)

    return copy(value, 0, keep)


def _at_path(obj: Json, path: Sequence[str], fn: Callable[[Union[Dict[str, Json], List[Json]], Union[str, int]], None], i: int = 0) -> None:
    seg = path[i]
    last = i == len(path) - 1
    if isinstance(obj, dict):
        keys: List[Union[str, int]] = list(obj.keys()) if seg == "*" else ([seg] if seg in obj else [])
        for k in keys:
            if last:
                fn(obj, k)
            else:
                _at_path(obj[str(k)], path, fn, i + 1)
    elif isinstance(obj, list):
        idx = list(range(len(obj))) if seg == "*" else ([int(seg)] if seg.isdigit() and int(seg) < len(obj) else [])
        for j in idx:
            if last:
                fn(obj, j)
            else:
                _at_path(obj[j], path, fn, i + 1)


def _drop_key(parent: Union[Dict[str, Json], List[Json]], key: Union[str, int]) -> None:
    if isinstance(parent, list):
        parent[int(key)] = None
    else:
        parent.pop(str(key), None)


def _redact_key(parent: Union[Dict[str, Json], List[Json]], key: Union[str, int]) -> None:
    if isinstance(parent, list):
        parent[int(key)] = REDACTED
    else:
        parent[str(key)] = REDACTED


# ───────────────────────── seed 003 value rules ─────────────────────────

def normalize_value(value: object, values: Mapping[str, str], fallback: Optional[str]) -> Optional[str]:
    """The canonical value of a spelling (trimmed, any case), else the fallback; None leaves the value as it is."""
    if isinstance(value, str):
        hit = values.get(value.strip().lower())
        return hit if hit is not None else fallback
    return fallback if value is None else None


def limit_string(value: str, max_length: Optional[int], overflow: Optional[str], json_value_max_length: Optional[int]) -> str:
    """Caps each string value of a JSON object, then sends '' when still over max_length and overflow is 'empty'."""
    v = value
    if json_value_max_length is not None and v.lstrip().startswith("{"):
        try:
            parsed = json.loads(v, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            parsed = None
        if isinstance(parsed, dict):
            capped = {k: _js_value(x, json_value_max_length) for k, x in parsed.items()}  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]
            v = json.dumps(capped, ensure_ascii=False, separators=(",", ":"))
    if overflow == "empty" and max_length is not None and len(v) > max_length:
        return ""
    return v


def _js_value(x: object, cap: int) -> object:
    """A parsed JSON value as JSON.stringify would write it back: strings capped, 1.0 as 1."""
    if isinstance(x, str):
        return x[:cap]
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e21:
        return int(x)
    return x


def _no_constant(name: str) -> object:
    raise ValueError("not JSON: " + name)


_DEFAULT_DISTINCT_ID: Tuple[Tuple[str, str], ...] = (("user_id", ""), ("userId", ""))


def distinct_id(spec: EventSpec, props: Mapping[str, object]) -> Optional[str]:
    """PostHog's distinct_id of an event: the first of the spec's candidate properties holding a
    non-empty string, with its prefix (seed 003: workspace:<id>, agent:<id>); user_id without rules."""
    for prop, prefix in spec.distinct_id or _DEFAULT_DISTINCT_ID:
        v = props.get(prop)
        if isinstance(v, str) and v.strip() != "":
            return prefix + v
    return None


def apply_rules(spec: EventSpec, props: Mapping[str, object]) -> Dict[str, object]:
    out: Dict[str, object] = dict(props)
    for key, pairs, fallback in spec.normalize:
        canonical = normalize_value(out.get(key), dict(pairs), fallback)
        if canonical is not None:
            out[key] = canonical
    for key, max_length, overflow, jmax in spec.limits:
        raw = out.get(key)
        if isinstance(raw, str):
            out[key] = limit_string(raw, max_length, overflow, jmax)
    return out


# ───────────────────────── sinks ─────────────────────────

class SendContext:
    """What a sink is handed with each batch: report events delivered or dropped."""

    def __init__(self, report: Callable[[Sequence[Envelope], Optional[str]], None], stop: threading.Event, json_of: Callable[[Envelope], str]) -> None:
        self._report = report
        self.stop = stop
        self.json = json_of

    def ok(self, events: Sequence[Envelope]) -> None:
        self._report(events, None)

    def fail(self, events: Sequence[Envelope], reason: str) -> None:
        self._report(events, reason if reason in DROP_REASONS else "internal")


class Sink:
    """Where events go. Subclasses implement send(); every event must be reported with ctx.ok / ctx.fail
    (what is not reported counts as delivered when send returns, or as sinkError when it raises)."""
    name: str = "sink"
    kinds: Tuple[str, ...] = ("product", "warehouse", "log")
    batch_size: int = 100
    flush_interval: float = 0.0
    max_pending: int = 1000

    def send(self, events: Sequence[Envelope], ctx: SendContext) -> None:
        raise NotImplementedError

    def close(self) -> None:
        return None


class FunctionSink(Sink):
    """Calls a function once per event (seed 001's sink contract)."""

    def __init__(self, fn: Callable[[Envelope], object], *, name: str = "function", kinds: Sequence[str] = ("product", "warehouse", "log"), batch_size: int = 100) -> None:
        self.fn = fn
        self.name = name
        self.kinds = tuple(kinds)
        self.batch_size = batch_size

    def send(self, events: Sequence[Envelope], ctx: SendContext) -> None:
        for e in events:
            try:
                self.fn(e)
            except Exception:
                ctx.fail([e], "sinkError")
                continue
            ctx.ok([e])


def retry_after_seconds(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Retry-After (seconds or an HTTP date) in seconds, or None."""
    if not value:
        return None
    v = value.strip()
    if v.isdigit():
        return float(v)
    try:
        at = parsedate_to_datetime(v)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, float(at.timestamp()) - (time.time() if now is None else now))


def backoff_seconds(attempt: int, base: float, cap: float, rnd: Callable[[], float] = random.random) -> float:
    """Exponential backoff with jitter: a delay in [d/2, d) where d = min(cap, base * 2^attempt)."""
    d = min(cap, base * math.ldexp(1.0, attempt))
    return d / 2 + rnd() * (d / 2)


class HttpSink(Sink):
    """Batched JSON POSTs of {"batch": [...]}: retries on network errors, 5xx, 408 and 429 with
    backoff and Retry-After; halves the batch on 413; other 4xx are dropped as rejected."""

    def __init__(
        self, url: str, *, headers: Optional[Mapping[str, str]] = None, name: str = "http", batch_size: int = 20,
        flush_interval: float = 5.0, max_batch_bytes: int = 500_000, max_pending: int = 1000, retries: int = 5,
        retry_base: float = 0.5, retry_max: float = 30.0, max_retry_after: float = 60.0, request_timeout: float = 10.0,
        kinds: Sequence[str] = ("product", "warehouse", "log"),
    ) -> None:
        self.url = url
        self.headers = {"content-type": "application/json", **dict(headers or {})}
        self.name = name
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.max_batch_bytes = max_batch_bytes
        self.max_pending = max_pending
        self.retries = retries
        self.retry_base = retry_base
        self.retry_max = retry_max
        self.max_retry_after = max_retry_after
        self.request_timeout = request_timeout
        self.kinds = tuple(kinds)
        self._limit = max_batch_bytes
        # Fields written before "batch" in every body (PostHog's api_key).
        self.body_fields: Dict[str, str] = {}

    def _post(self, body: bytes) -> Tuple[int, Optional[str]]:
        req = urllib.request.Request(self.url, data=body, headers=self.headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.request_timeout) as res:  # noqa: S310 (the configured collector)
                res.read()
                return int(res.status), None
        except urllib.error.HTTPError as e:
            try:
                e.read()
            except Exception:
                pass
            return int(e.code), e.headers.get("retry-after")

    def _chunks(self, events: Sequence[Envelope], ctx: SendContext) -> List[List[Envelope]]:
        out: List[List[Envelope]] = []
        cur: List[Envelope] = []
        size = 12
        for e in events:
            b = len(ctx.json(e).encode("utf-8")) + 1
            if cur and size + b > self._limit:
                out.append(cur)
                cur, size = [], 12
            cur.append(e)
            size += b
        if cur:
            out.append(cur)
        return out

    def _deliver(self, events: List[Envelope], ctx: SendContext) -> None:
        head = "".join(json.dumps(k) + ":" + json.dumps(v) + "," for k, v in sorted(self.body_fields.items()))
        body = ("{" + head + "\"batch\":[" + ",".join(ctx.json(e) for e in events) + "]}").encode("utf-8")
        attempt = 0
        while True:
            if ctx.stop.is_set():
                ctx.fail(events, "shutdown")
                return
            status = 0
            wait: Optional[float] = None
            try:
                status, retry_after = self._post(body)
                if 200 <= status < 300:
                    ctx.ok(events)
                    return
                if status == 413:
                    if len(events) == 1:
                        ctx.fail(events, "tooLarge")
                        return
                    self._limit = max(1024, min(self._limit, len(body) // 2))
                    mid = len(events) // 2
                    self._deliver(events[:mid], ctx)
                    self._deliver(events[mid:], ctx)
                    return
                if not (status >= 500 or status in (408, 429)):
                    ctx.fail(events, "rejected")
                    return
                ra = retry_after_seconds(retry_after)
                if ra is not None:
                    wait = min(ra, self.max_retry_after)
            except Exception:
                status = 0
            if attempt >= self.retries:
                ctx.fail(events, "failed")
                return
            ctx.stop.wait(wait if wait is not None else backoff_seconds(attempt, self.retry_base, self.retry_max))
            attempt += 1

    def send(self, events: Sequence[Envelope], ctx: SendContext) -> None:
        for part in self._chunks(events, ctx):
            self._deliver(part, ctx)


class PosthogBatchSink(HttpSink):
    """Seed 003's server-side sender: POST <host>/batch/ with {"api_key", "batch": [{event,
    distinct_id, properties, timestamp}]} ($set / $set_once inside properties). Delivery is
    HttpSink's; distinct_id comes from the specs' rules, and an event with none of those
    properties is dropped as 'invalid'."""

    def __init__(
        self, api_key: str, specs: Mapping[str, EventSpec], *, host: str = "https://us.i.posthog.com", name: str = "posthog-batch",
        batch_size: int = 20, flush_interval: float = 5.0, retries: int = 5, retry_base: float = 0.5, retry_max: float = 30.0,
        request_timeout: float = 10.0, max_pending: int = 1000,
    ) -> None:
        super().__init__(host.rstrip("/") + "/batch/", name=name, batch_size=batch_size, flush_interval=flush_interval, retries=retries,
                         retry_base=retry_base, retry_max=retry_max, request_timeout=request_timeout, max_pending=max_pending)
        self.body_fields = {"api_key": api_key}
        self._specs = specs

    def send(self, events: Sequence[Envelope], ctx: SendContext) -> None:
        good: List[Envelope] = []
        texts: Dict[int, str] = {}
        for e in events:
            name = str(e.get("event"))
            props = e.get("properties")
            pm: Dict[str, Json] = props if isinstance(props, dict) else {}
            did = distinct_id(self._specs.get(name) or EventSpec(event=name), pm)
            if did is None:
                ctx.fail([e], "invalid")
                continue
            out: Dict[str, Json] = dict(pm)
            person = e.get("person")
            if isinstance(person, dict):
                for k in ("$set", "$set_once"):
                    if k in person:
                        out[k] = person[k]
            texts[id(e)] = json.dumps({"event": name, "distinct_id": did, "properties": out, "timestamp": e.get("timestamp")},
                                      ensure_ascii=False, separators=(",", ":"))
            good.append(e)
        if not good:
            return

        def report(evs: Sequence[Envelope], reason: Optional[str]) -> None:
            if reason is None:
                ctx.ok(evs)
            else:
                ctx.fail(evs, reason)

        super().send(good, SendContext(report, ctx.stop, lambda e: texts[id(e)]))


def analytics_disabled(env: Mapping[str, str]) -> bool:
    """Seed 003's ANALYTICS_DISABLED switch: true or 1."""
    return env.get("ANALYTICS_DISABLED", "").strip().lower() in ("true", "1")


def analytics_environment(env: Mapping[str, str]) -> str:
    """ANALYTICS_ENVIRONMENT, else APP_ENV, else dev; the specs' normalize maps it."""
    return env.get("ANALYTICS_ENVIRONMENT", "").strip() or env.get("APP_ENV", "").strip() or "dev"


def posthog_batch_sink_from_env(env: Mapping[str, str], specs: Mapping[str, EventSpec]) -> Optional[PosthogBatchSink]:
    """POSTHOG_API_KEY, POSTHOG_HOST and ANALYTICS_DISABLED (seed 003): no key, or disabled, gives None
    (no sink: nothing leaves the process) and says so once."""
    key = env.get("POSTHOG_API_KEY", "").strip()
    if not key:
        _log.warning("analytics: POSTHOG_API_KEY not set, using noop client")
        return None
    if analytics_disabled(env):
        _log.warning("analytics: ANALYTICS_DISABLED is set, using noop client")
        return None
    host = env.get("POSTHOG_HOST", "").strip()
    return PosthogBatchSink(key, specs, host=host) if host else PosthogBatchSink(key, specs)


# ───────────────────────── the tracker ─────────────────────────

@dataclass
class SinkStats:
    """Books of one sink: enqueued = delivered + dropped + pending, always."""
    enqueued: int = 0
    delivered: int = 0
    pending: int = 0
    dropped: Dict[str, int] = field(default_factory=lambda: {r: 0 for r in DROP_REASONS})


@dataclass
class TrackerStats(SinkStats):
    """Books of the tracker: an event is delivered when every sink it was routed to took it."""
    dropped_total: int = 0
    sinks: Dict[str, SinkStats] = field(default_factory=lambda: {})
    noop: bool = False


class _Rec:
    __slots__ = ("env", "json", "spec", "open", "failed")

    def __init__(self, env: Envelope, text: str, spec: EventSpec) -> None:
        self.env = env
        self.json = text
        self.spec = spec
        self.open = 0
        self.failed: Optional[str] = None


class _Lane:
    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.waiting: Deque[_Rec] = deque()
        self.since = 0.0
        self.stats = SinkStats()
        self.inflight = 0


_Queued = Tuple[EventSpec, Mapping[str, object], Optional[Mapping[str, object]], float, Optional[Mapping[str, object]], Optional[Mapping[str, object]]]
GlobalsArg = Union[None, Mapping[str, object], Callable[[], Mapping[str, object]]]
SinkArg = Union[None, Sink, Callable[[Envelope], object], Sequence[Union[Sink, Callable[[Envelope], object], None]]]
CONSENT_POSTURES = ("none", "functional", "analytics", "all")


def _iso(t: float) -> str:
    ms = int(round(t * 1000))
    return datetime.fromtimestamp(ms // 1000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (ms % 1000)


def _sinks_of(arg: SinkArg) -> List[Sink]:
    items: Sequence[object] = [arg] if (arg is None or isinstance(arg, Sink) or callable(arg)) else list(arg)
    out: List[Sink] = []
    for s in items:
        if isinstance(s, Sink):
            out.append(s)
        elif callable(s):
            out.append(FunctionSink(s))  # pyright: ignore[reportUnknownArgumentType]
    return out


class Tracker:
    """The runtime tracker: never blocks the caller, never raises into it, counts every drop."""

    def __init__(
        self, sink: SinkArg = None, *, globals: GlobalsArg = None, context: Optional[Mapping[str, object]] = None,
        dimensions: Optional[Callable[[], Optional[Mapping[str, object]]]] = None, sample_rate: float = 1.0,
        sample_key: Optional[Callable[[str, Mapping[str, object]], str]] = None, consent: Optional[str] = None,
        respect_consent: bool = True, include_content: bool = False, sensitive_keys: Sequence[str] = DEFAULT_SENSITIVE_KEYS,
        max_queue: int = 1000, max_event_bytes: int = 60_000, enabled: bool = True, drain_at_exit: bool = True,
        exit_timeout: float = 2.0, clock: Optional[Callable[[], float]] = None,
        currency_codes: Optional[Sequence[str]] = None, max_dedupe_keys: int = 10_000,
    ) -> None:
        # The ISO 4217 codes `format: currency` values must be (the generated tracker passes the taxonomy's list); without it, any three letters.
        self._currency_codes: Optional[Set[str]] = set(currency_codes) if currency_codes is not None else None
        self._seen = SeenKeys(max_dedupe_keys)
        self._lanes = [_Lane(s) for s in _sinks_of(sink)] if enabled else []
        names: Set[str] = set()
        for lane in self._lanes:  # stats are keyed by sink name: make them unique
            base, i = lane.sink.name, 2
            while lane.sink.name in names:
                lane.sink.name = f"{base}#{i}"
                i += 1
            names.add(lane.sink.name)
        self._globals = globals
        self._dimensions = dimensions
        self._sample_rate = sample_rate
        self._sample_key = sample_key or default_sample_key
        self._consent = consent
        self._gate = consent is not None and respect_consent
        self._respect = respect_consent
        self._include_content = include_content
        self._sensitive = sensitive_matcher(sensitive_keys)
        self._max_queue = max(1, max_queue)
        self._max_event_bytes = max_event_bytes
        self._clock: Callable[[], float] = clock if clock is not None else time.time
        self._prefix = secrets.token_hex(12)
        self._n = 0
        self._cond = threading.Condition()
        self._queue: Deque[_Queued] = deque()
        self._stats = TrackerStats(noop=not self._lanes)
        self._stop = threading.Event()
        self._closed = False
        self._flushing = 0
        self._busy = 0
        self._thread: Optional[threading.Thread] = None
        self._warned: Set[str] = set()
        self._keep: Dict[str, _Trie] = {}
        self._context: Optional[Json] = None
        if context is not None:
            try:
                self._context = sanitize(context, self._sensitive)
            except Exception:
                self._warn("context", "context is not JSON data; it is ignored")
        if drain_at_exit and self._lanes:
            atexit.register(self._at_exit, exit_timeout)

    @property
    def active(self) -> bool:
        return bool(self._lanes)

    def _warn(self, key: str, message: str) -> None:
        if key not in self._warned and len(self._warned) < 1000:
            self._warned.add(key)
            try:
                _log.warning(message)
            except Exception:
                pass

    # Every drop goes through here, under the lock.
    def _drop_new(self, reason: str) -> None:
        self._stats.enqueued += 1
        self._stats.dropped[reason] += 1

    def track(self, spec: EventSpec, properties: Optional[Mapping[str, object]] = None, person: Optional[Mapping[str, object]] = None) -> None:
        """Queues the event and returns at once. Never raises."""
        try:
            if not self._lanes:
                return
            t = self._clock()
            props: Mapping[str, object] = properties if properties is not None else {}
            if not isinstance(spec, EventSpec) or not isinstance(props, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance]
                with self._cond:
                    self._drop_new("invalid")
                return
            g = self._globals
            gv: Optional[Mapping[str, object]] = None
            if callable(g):
                try:
                    gv = g()
                except Exception:
                    self._warn("globals", "the globals function raised; the event is sent without globals")
            else:
                gv = g
            dims: Optional[Mapping[str, object]] = None
            if self._dimensions is not None:
                try:
                    dims = self._dimensions()
                except Exception:
                    self._warn("dimensions", "the dimensions function raised; the event is sent without dimensions")
            with self._cond:
                if self._closed:
                    self._drop_new("shutdown")
                    return
                if self._gate and self._consent not in ("analytics", "all"):
                    self._drop_new("consent")
                    return
                if spec.currency or spec.at_most or spec.requires or spec.required_when or spec.keys or spec.tuples or spec.payload_keys is not None:
                    checked, error = check_values(spec, props, self._currency_codes)
                    if checked is None:
                        self._warn(f"refused:{spec.event}:{error}", f"event {spec.event!r} refused: {error}. It is dropped as 'invalid'")
                        self._drop_new("invalid")
                        return
                    props = checked
                # After the checks: a refused call does not mark its key as seen.
                if spec.dedupe is not None and self._seen.seen_before(spec.event, props.get(spec.dedupe)):
                    self._drop_new("duplicate")
                    return
                self._stats.enqueued += 1
                self._stats.pending += 1
                if len(self._queue) >= self._max_queue:
                    self._queue.popleft()
                    self._stats.pending -= 1
                    self._stats.dropped["queueFull"] += 1
                self._queue.append((spec, dict(props), dict(person) if person is not None else None, t, gv, dims))
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="taxonomy-tracker", daemon=True)
                    self._thread.start()
                self._cond.notify()
        except Exception:
            try:
                self._warn("internal", "track() failed inside the runtime (a bug); the event is dropped as 'internal'")
                with self._cond:
                    self._drop_new("internal")
            except Exception:
                pass

    def set_consent(self, posture: str) -> None:
        with self._cond:
            self._consent = posture
            self._gate = self._respect

    def stats(self) -> TrackerStats:
        with self._cond:
            s = self._stats
            out = TrackerStats(s.enqueued, s.delivered, s.pending, dict(s.dropped), sum(s.dropped.values()), {}, s.noop)
            for lane in self._lanes:
                ls = lane.stats
                out.sinks[lane.sink.name] = SinkStats(ls.enqueued, ls.delivered, ls.pending, dict(ls.dropped))
            return out

    def flush(self, timeout: float = 10.0) -> TrackerStats:
        """Sends everything pending; returns when done or after timeout seconds. Never raises."""
        try:
            deadline = time.monotonic() + timeout
            with self._cond:
                self._flushing += 1
                self._cond.notify_all()
                try:
                    while self._stats.pending > 0 and not self._stop.is_set():
                        left = deadline - time.monotonic()
                        if left <= 0:
                            break
                        self._cond.wait(left)
                finally:
                    self._flushing -= 1
        except Exception:
            pass
        return self.stats()

    def shutdown(self, timeout: float = 10.0) -> TrackerStats:
        """flush(), then stop: what is still pending is dropped as 'shutdown'. Never raises."""
        try:
            start = time.monotonic()
            self.flush(timeout)
            with self._cond:
                self._closed = True
                self._stop.set()
                self._cond.notify_all()
            th = self._thread
            if th is not None:
                th.join(max(0.0, timeout - (time.monotonic() - start)) + 0.5)
            with self._cond:
                while self._queue:
                    self._queue.popleft()
                    self._stats.pending -= 1
                    self._stats.dropped["shutdown"] += 1
                for lane in self._lanes:
                    while lane.waiting:
                        self._settle(lane, lane.waiting.popleft(), "shutdown")
            for lane in self._lanes:
                try:
                    lane.sink.close()
                except Exception:
                    pass
        except Exception:
            pass
        return self.stats()

    def _at_exit(self, timeout: float) -> None:
        if not self._closed:
            self.shutdown(timeout)

    # ─────────── the background thread ───────────

    def _build(self, q: _Queued) -> Union[_Rec, str]:
        spec, props, person, t, gv, dims = q
        if spec.globals or spec.clock or spec.fixed:
            merged: Dict[str, object] = {}
            if gv is not None:
                for k in spec.globals:
                    if gv.get(k) is not None:
                        merged[k] = gv[k]
            if spec.clock:
                at = _iso(t)
                for k in spec.clock:
                    merged[k] = at
            for k, c in spec.fixed:
                merged[k] = c
            for k, v in props.items():
                if v is not None:
                    merged[k] = v
            props = merged
        if spec.normalize or spec.limits:
            props = apply_rules(spec, props)
        if self._sample_rate < 1 and not spec.critical and not keep_sample(self._sample_key(spec.event, props), self._sample_rate):
            return "sampled"
        try:
            keep = None
            if spec.keep:
                keep = self._keep.get(spec.event)
                if keep is None:
                    keep = self._keep[spec.event] = _keep_trie(spec.keep)
            properties = sanitize(props, self._sensitive, keep)
            if not self._include_content:
                for p in spec.content:
                    _at_path(properties, p, _drop_key)
            for p in spec.redact:
                _at_path(properties, p, _redact_key)
            env: Envelope = {"event": spec.event}
            if spec.version is not None:
                env["version"] = spec.version
            self._n += 1
            env["id"] = self._prefix + "-" + _base36(self._n - 1)
            env["timestamp"] = _iso(t)
            env["properties"] = properties
            if person is not None:
                pv = sanitize(person, self._sensitive)
                if isinstance(pv, dict) and ("$set" in pv or "$set_once" in pv):
                    env["person"] = pv
            if self._context is not None:
                env["context"] = self._context
            if dims is not None:
                env["dimensions"] = sanitize(dims, self._sensitive)
            text = json.dumps(env, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            if len(text.encode("utf-8")) > self._max_event_bytes:
                self._warn("tooLarge:" + spec.event, f"event '{spec.event}' is larger than max_event_bytes ({self._max_event_bytes}); dropped as 'tooLarge'")
                return "tooLarge"
            if spec.deprecated:
                self._warn("deprecated:" + spec.event, f"event '{spec.event}' is deprecated" + (f"; use '{spec.replacement}' instead" if spec.replacement else ""))
            return _Rec(env, text, spec)
        except Unserializable as e:
            self._warn("unserializable:" + spec.event, f"event '{spec.event}' cannot be serialised ({e}); dropped as 'unserializable'")
            return "unserializable"
        except (TypeError, ValueError, RecursionError) as e:
            self._warn("unserializable:" + spec.event, f"event '{spec.event}' cannot be serialised ({e}); dropped as 'unserializable'")
            return "unserializable"

    def _settle(self, lane: _Lane, rec: _Rec, reason: Optional[str]) -> None:
        """One sink is done with one event (under the lock)."""
        ls = lane.stats
        ls.pending -= 1
        if reason is None:
            ls.delivered += 1
        else:
            ls.dropped[reason] += 1
            if rec.failed is None:
                rec.failed = reason
        rec.open -= 1
        if rec.open == 0:
            self._stats.pending -= 1
            if rec.failed is None:
                self._stats.delivered += 1
            else:
                self._stats.dropped[rec.failed] += 1
            self._cond.notify_all()

    def _route(self, q: _Queued) -> None:
        out = self._build(q)
        with self._cond:
            if isinstance(out, str):
                self._stats.pending -= 1
                self._stats.dropped[out] += 1
                self._cond.notify_all()
                return
            lanes = [lane for lane in self._lanes if any(k in lane.sink.kinds for k in out.spec.kinds) or (not out.spec.kinds and "metrics" not in lane.sink.kinds)]
            if not lanes:
                self._stats.pending -= 1
                self._stats.dropped["noRoute"] += 1
                self._warn("noRoute:" + out.spec.event, f"event '{out.spec.event}' goes to {list(out.spec.destinations)} but no sink accepts them; dropped as 'noRoute'")
                self._cond.notify_all()
                return
            out.open = len(lanes)
            now = time.monotonic()
            for lane in lanes:
                lane.stats.enqueued += 1
                lane.stats.pending += 1
                if not lane.waiting:
                    lane.since = now
                lane.waiting.append(out)
                if len(lane.waiting) + lane.inflight > max(1, lane.sink.max_pending):
                    self._settle(lane, lane.waiting.popleft(), "queueFull")

    def _send(self, lane: _Lane, batch: List[_Rec]) -> None:
        by_id = {id(r.env): r for r in batch}
        done: Set[int] = set()

        def report(events: Sequence[Envelope], reason: Optional[str]) -> None:
            with self._cond:
                for e in events:
                    r = by_id.get(id(e))
                    if r is not None and id(e) not in done:
                        done.add(id(e))
                        self._settle(lane, r, reason)

        ctx = SendContext(report, self._stop, lambda e: by_id[id(e)].json if id(e) in by_id else json.dumps(e, separators=(",", ":")))
        failed: Optional[str] = None
        try:
            lane.sink.send([r.env for r in batch], ctx)
        except BaseException:  # a sink that raises (even SystemExit from a callback) never reaches the host
            failed = "sinkError"
            self._warn("sinkError:" + lane.sink.name, f"sink '{lane.sink.name}' raised; its batch is dropped as 'sinkError'")
        with self._cond:
            lane.inflight -= len(batch)
            for r in batch:
                if id(r.env) not in done:
                    done.add(id(r.env))
                    self._settle(lane, r, failed)

    def _due(self, lane: _Lane, now: float) -> bool:
        if not lane.waiting:
            return False
        if len(lane.waiting) >= lane.sink.batch_size or now - lane.since >= lane.sink.flush_interval:
            return True
        # flush() and shutdown() send what is left once every queued event is routed: a part of
        # the queue routed before the call must not go out as a batch of its own.
        return (self._flushing > 0 or self._closed) and not self._queue

    def _run(self) -> None:
        while True:
            try:
                with self._cond:
                    while True:
                        now = time.monotonic()
                        if self._queue or any(self._due(lane, now) for lane in self._lanes):
                            break
                        if self._stop.is_set():
                            return
                        waits = [lane.since + lane.sink.flush_interval - now for lane in self._lanes if lane.waiting]
                        self._cond.wait(min(waits) if waits else 1.0)
                    # A slice of the queue at a time, sent before the next: a burst must not
                    # overflow a fast sink's bound while it waits to be routed.
                    items = [self._queue.popleft() for _ in range(min(len(self._queue), 256))]
                for q in items:
                    self._route(q)
                now = time.monotonic()
                for lane in self._lanes:
                    while True:
                        with self._cond:
                            if not self._due(lane, now):
                                break
                            batch = [lane.waiting.popleft() for _ in range(min(len(lane.waiting), max(1, lane.sink.batch_size)))]
                            lane.inflight += len(batch)
                            if lane.waiting:
                                lane.since = now
                        self._send(lane, batch)
            except Exception:
                self._warn("loop", "the tracker's background thread hit a bug; it goes on")
                time.sleep(0.01)


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out
