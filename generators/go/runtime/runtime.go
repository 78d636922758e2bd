package tracker

// The runtime of the generated tracker (standard library only, Go 1.19). Semantics of the
// TypeScript runtime: Track never blocks and never panics; a goroutine builds envelopes
// (globals, clock and constant properties, deterministic sampling, sensitive-key redaction
// at any depth, content gating) and hands them to sinks in batches by size and interval;
// metrics events update the Prometheus metrics the taxonomy declares; every dropped event
// is counted under one reason, so Enqueued = Delivered + dropped + Pending.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
)

// DropReasons: why an event was not delivered (each dropped event counts under one).
var DropReasons = []string{"sampled", "consent", "queueFull", "tooLarge", "unserializable", "noRoute",
	"sinkError", "timeout", "rejected", "failed", "unload", "shutdown", "invalid", "duplicate", "internal"}

const (
	Redacted  = "[REDACTED]"
	truncated = "[Truncated]"
	maxDepth  = 32
	// OtherLabel is the label value of every value outside a label's declared values.
	OtherLabel = "other"
)

// DefaultSensitiveKeys are redacted at any depth unless the taxonomy says otherwise.
var DefaultSensitiveKeys = []string{"token", "apiKey", "secret", "password", "authorization", "credential", "cookie"}

// Label is a Prometheus label with its normalised values.
type Label struct {
	Name   string
	Values []string
}

// MetricSpec is a Prometheus metric the taxonomy declares for an event.
type MetricSpec struct {
	Name    string
	Type    string // "counter" or "histogram"
	Help    string
	Labels  []Label
	Buckets []float64
	Observe string // histograms: the numeric property observed
}

// EventSpec is what the generated code tells the runtime about one event.
type EventSpec struct {
	Event        string
	Version      int
	Domain       string
	Destinations []string
	Kinds        []string
	Critical     bool
	Content      [][]string
	Redact       [][]string
	Keep         [][]string
	Globals      []string
	Clock        []string
	Fixed        map[string]interface{}
	Deprecated   bool
	Replacement  string
	// Labels of the derived counter of a metrics event without declared metrics.
	Labels  []Label
	Metrics []MetricSpec
	// Seed 003's rules (the taxonomy's normalize:, overflow:, json_value_max_length:), as the TypeScript runtime applies them.
	Normalize map[string]NormalizeRule
	Limits    map[string]LimitRule
	// PostHog's distinct_id candidates (the taxonomy's distinct_id:), first present wins.
	DistinctID []DistinctIDSource
	// Seed 001's checks (the taxonomy's format: currency, maximum_property:, dedupe_by:), as the TypeScript runtime applies them.
	Currency []string
	AtMost   []Bound
	Dedupe   string
	// Shape rules no type holds (requires:, required_when:, key counts, a closed object's key patterns), as checks.ts applies them.
	Requires     map[string][]string
	RequiredWhen map[string]RequiredWhenRule
	Keys         map[string]KeyRule
	PayloadKeys  *KeyRule
	Tuples       map[string]TupleRule
}

// TupleRule is a tuple's element count (-1: no bound) and the JSON type of each element by
// position (Kinds), then of any further one (Rest): "string", "integer", "number", "boolean",
// "object", "array" or "null", several joined by "|"; "": any JSON value.
type TupleRule struct {
	Min, Max int
	Kinds    []string
	Rest     string
}

// RequiredWhenRule makes a property required when Property holds one of In (`required_when:`).
type RequiredWhenRule struct {
	Property string
	In       []interface{}
}

// KeyRule is how many keys an object holds (-1: no bound) and, when Patterns is set, the
// patterns every key outside Declared must match.
type KeyRule struct {
	Min, Max int
	Patterns []string
	Declared []string
}

// Bound is a `maximum_property:` bound: Property's number may not exceed Bound's.
type Bound struct {
	Property string
	Bound    string
}

// Event is implemented by the generated event structs only.
type Event interface {
	Spec() *EventSpec
	Properties() map[string]interface{}
}

// Envelope is the wire shape of one event (docs/runtime-contract.md).
type Envelope struct {
	Event      string                 `json:"event"`
	Version    int                    `json:"version,omitempty"`
	ID         string                 `json:"id"`
	Timestamp  string                 `json:"timestamp"`
	Properties map[string]interface{} `json:"properties"`
	Person     map[string]interface{} `json:"person,omitempty"`
	Context    map[string]interface{} `json:"context,omitempty"`
	Dimensions map[string]interface{} `json:"dimensions,omitempty"`
}

// ─────────────────────────── sampling ───────────────────────────

// JSNumber writes a float64 as ECMAScript's Number::toString does (shortest round-trip digits).
func JSNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	case x == 0:
		return "0"
	}
	sign := ""
	if x < 0 {
		sign, x = "-", -x
	}
	e := strconv.FormatFloat(x, 'e', -1, 64) // d.ddddde±XX
	mant, expText, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	exp, _ := strconv.Atoi(expText)
	k, n := len(digits), exp+1
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	es := "+"
	if n-1 < 0 {
		es = "-"
	}
	d := digits
	if k > 1 {
		d = digits[:1] + "." + digits[1:]
	}
	return sign + d + "e" + es + strconv.Itoa(abs(n-1))
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// JSString writes a scalar as JavaScript's String(v) does.
func JSString(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case float64:
		return JSNumber(x)
	case float32:
		return JSNumber(float64(x))
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return JSNumber(f)
		}
		return string(x)
	}
	return fmt.Sprint(v)
}

// UnitHash is FNV-1a (32-bit) over the UTF-16 code units of s, as a number in [0, 1).
func UnitHash(s string) float64 {
	h := uint32(0x811c9dc5)
	for _, u := range utf16.Encode([]rune(s)) {
		h ^= uint32(u)
		h *= 0x01000193
	}
	return float64(h) / 4294967296.0
}

func first(p map[string]interface{}, keys ...string) interface{} {
	for _, k := range keys {
		if v, ok := p[k]; ok && v != nil {
			return v
		}
	}
	return ""
}

// DefaultSampleKey joins session, event name and turn with U+0000.
func DefaultSampleKey(event string, p map[string]interface{}) string {
	return JSString(first(p, "sessionId", "session_id", "chat_session_id")) + "\x00" + event + "\x00" + JSString(first(p, "turnIndex", "turn_index"))
}

func keepSample(key string, rate float64) bool {
	if rate >= 1 {
		return true
	}
	if !(rate > 0) {
		return false
	}
	return UnitHash(key) < rate
}

// ─────────────────────────── redaction ───────────────────────────

// KeyWords splits a key into lower-case words: x-api-key, apiKey and API_KEY give [api key].
func KeyWords(key string) []string {
	var words []string
	rs := []rune(key)
	isUp := func(r rune) bool { return r >= 'A' && r <= 'Z' }
	isLow := func(r rune) bool { return r >= 'a' && r <= 'z' }
	isDig := func(r rune) bool { return r >= '0' && r <= '9' }
	for i := 0; i < len(rs); {
		j := i
		switch {
		case isUp(rs[i]):
			for j < len(rs) && isUp(rs[j]) {
				j++
			}
			if j < len(rs) && isLow(rs[j]) {
				if j-i > 1 { // ABCdef: ABC is one word, Cdef the next
					j--
				} else {
					for j < len(rs) && isLow(rs[j]) {
						j++
					}
				}
			}
		case isLow(rs[i]):
			for j < len(rs) && isLow(rs[j]) {
				j++
			}
		case isDig(rs[i]):
			for j < len(rs) && isDig(rs[j]) {
				j++
			}
		default:
			i++
			continue
		}
		words = append(words, strings.ToLower(string(rs[i:j])))
		i = j
	}
	return words
}

// SensitiveMatcher tells whether a key names a secret (a sensitive key appears in it as whole words).
func SensitiveMatcher(keys []string) func(string) bool {
	var patterns [][]string
	for _, k := range keys {
		if w := KeyWords(k); len(w) > 0 {
			patterns = append(patterns, w)
		}
	}
	var mu sync.Mutex
	cache := map[string]bool{}
	test := func(key string) bool {
		words := KeyWords(key)
		for _, p := range patterns {
			joined := strings.Join(p, "")
			for i, w := range words {
				last := i == len(words)-1
				if w == joined || (last && w == joined+"s") {
					return true
				}
				if i+len(p) > len(words) {
					continue
				}
				match := true
				for j := range p {
					kw := words[i+j]
					ends := i+j == len(words)-1
					if !(kw == p[j] || (j == len(p)-1 && ends && kw == p[j]+"s")) {
						match = false
						break
					}
				}
				if match {
					return true
				}
			}
		}
		return false
	}
	return func(key string) bool {
		mu.Lock()
		defer mu.Unlock()
		r, ok := cache[key]
		if !ok {
			r = test(key)
			if len(cache) < 4096 {
				cache[key] = r
			}
		}
		return r
	}
}

type keepTrie struct {
	keep     bool
	children map[string]*keepTrie
}

func newKeepTrie(paths [][]string) *keepTrie {
	root := &keepTrie{children: map[string]*keepTrie{}}
	for _, path := range paths {
		node := root
		for _, seg := range path {
			next := node.children[seg]
			if next == nil {
				next = &keepTrie{children: map[string]*keepTrie{}}
				node.children[seg] = next
			}
			node = next
		}
		node.keep = true
	}
	return root
}

func (t *keepTrie) child(key string) *keepTrie {
	if t == nil {
		return nil
	}
	if c := t.children[key]; c != nil {
		return c
	}
	return t.children["*"]
}

type errUnserializable struct{ msg string }

func (e errUnserializable) Error() string { return e.msg }

// sanitize is a JSON-safe deep copy with sensitive keys redacted at any depth.
func sanitize(v interface{}, sensitive func(string) bool, keep *keepTrie, depth int) (interface{}, error) {
	switch x := v.(type) {
	case nil, string, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, json.Number:
		return x, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, nil
		}
		return x, nil
	case float32:
		return sanitize(float64(x), sensitive, keep, depth)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano), nil
	case map[string]interface{}:
		if depth >= maxDepth {
			return truncated, nil
		}
		out := make(map[string]interface{}, len(x))
		for k, val := range x {
			sub := keep.child(k)
			if sensitive(k) && !(sub != nil && sub.keep) {
				out[k] = Redacted
				continue
			}
			c, err := sanitize(val, sensitive, sub, depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case []interface{}:
		if depth >= maxDepth {
			return truncated, nil
		}
		out := make([]interface{}, len(x))
		for i, val := range x {
			c, err := sanitize(val, sensitive, keep.child(strconv.Itoa(i)), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	// Anything else (structs, typed slices and maps): through JSON, then as above.
	b, err := json.Marshal(v)
	if err != nil {
		return nil, errUnserializable{err.Error()}
	}
	// Numbers stay json.Number (their digits): an int64, uint64 or *big.Int inside a struct
	// survives exactly instead of becoming a float64.
	var generic interface{}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		return nil, errUnserializable{err.Error()}
	}
	return sanitize(generic, sensitive, keep, depth)
}

func atPath(obj interface{}, path []string, fn func(parent interface{}, key string)) {
	if len(path) == 0 {
		return
	}
	seg, last := path[0], len(path) == 1
	switch x := obj.(type) {
	case map[string]interface{}:
		var keys []string
		if seg == "*" {
			for k := range x {
				keys = append(keys, k)
			}
		} else if _, ok := x[seg]; ok {
			keys = []string{seg}
		}
		for _, k := range keys {
			if last {
				fn(x, k)
			} else {
				atPath(x[k], path[1:], fn)
			}
		}
	case []interface{}:
		for i := range x {
			if seg != "*" && seg != strconv.Itoa(i) {
				continue
			}
			if last {
				fn(x, strconv.Itoa(i))
			} else {
				atPath(x[i], path[1:], fn)
			}
		}
	}
}

func setAt(parent interface{}, key string, value interface{}, remove bool) {
	switch p := parent.(type) {
	case map[string]interface{}:
		if remove {
			delete(p, key)
		} else {
			p[key] = value
		}
	case []interface{}:
		if i, err := strconv.Atoi(key); err == nil && i < len(p) {
			p[i] = value
		}
	}
}

func newIDFactory() func() string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		copy(b, strconv.FormatInt(time.Now().UnixNano(), 36))
	}
	prefix := hex.EncodeToString(b)
	var mu sync.Mutex
	n := int64(0)
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		id := prefix + "-" + strconv.FormatInt(n, 36)
		n++
		return id
	}
}

func isoTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// recoverTo turns a panic into an error message (a sink or a callback must never crash the host).
func recoverTo(err *string) {
	if r := recover(); r != nil {
		*err = fmt.Sprint(r)
	}
}

// Ptr returns a pointer to v: optional properties are pointers (nil = left out).
func Ptr[T any](v T) *T { return &v }
