package tracker

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// defaultCurrencyCodes are the ISO 4217 codes a `format: currency` value must be when
// Options.CurrencyCodes is nil: the generated package sets them to its CurrencyCodes (the
// list committed in @taxonomy/core). Nil: any three letters.
var defaultCurrencyCodes []string

// Seed 001's value checks, as the TypeScript runtime applies them (packages/runtime/src/checks.ts):
//   - `format: currency` properties (spec.Currency) are upper-cased and must then be an
//     ISO 4217 code ("Currency must be an ISO 4217 3-letter code (normalized to upper-case)");
//   - `maximum_property:` bounds (spec.AtMost: property -> sibling) refuse a number above its
//     sibling's ("submitCSAT validates the score range", score <= maxScore).
//
// checkValues returns the properties to send (a copy when a value was normalised) or why the
// call is refused ("" when it is not).
func checkValues(spec *EventSpec, props map[string]interface{}, codes map[string]bool) (map[string]interface{}, string) {
	out, copied := props, false
	for _, k := range spec.Currency {
		v, ok := props[k]
		if !ok || v == nil {
			continue
		}
		s, isString := v.(string)
		if !isString {
			return nil, fmt.Sprintf("property %q must be an ISO 4217 currency code (a string such as 'USD'); got %T", k, v)
		}
		upper := strings.ToUpper(s)
		if !codeShape(upper) || (codes != nil && !codes[upper]) {
			why := "not three letters"
			if codeShape(upper) {
				why = "not in the ISO 4217 list"
			}
			shown := s
			if r := []rune(shown); len(r) > 40 {
				shown = string(r[:40])
			}
			return nil, fmt.Sprintf("property %q must be an ISO 4217 currency code such as 'USD' (lower case is normalised); got %q, which is %s", k, shown, why)
		}
		if upper != s {
			if !copied { // the caller's map is left alone
				out, copied = make(map[string]interface{}, len(props)), true
				for kk, vv := range props {
					out[kk] = vv
				}
			}
			out[k] = upper
		}
	}
	if refused := checkShapes(spec, props); refused != "" {
		return nil, refused
	}
	for _, b := range spec.AtMost {
		v, okV := number(props[b.Property])
		top, okTop := number(props[b.Bound])
		if okV && okTop && v > top {
			return nil, fmt.Sprintf("property %q (%s) must be at most %q (%s)", b.Property, JSNumber(v), b.Bound, JSNumber(top))
		}
	}
	return out, ""
}

func codeShape(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// number is a numeric property value as a float64 (generated structs send ints, decoded JSON float64).
func number(v interface{}) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float32:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// seenKeys remembers the last `capacity` values of a de-duplication key (spec.Dedupe), oldest
// forgotten first: seed 001's "Duplicate impressions for the same messageId are ignored",
// bounded so a long-lived client does not grow without limit.
type seenKeys struct {
	capacity int
	set      map[string]bool
	ring     []string
	next     int
}

func newSeenKeys(capacity int) *seenKeys {
	if capacity < 1 {
		capacity = 1
	}
	return &seenKeys{capacity: capacity, set: map[string]bool{}}
}

// seenBefore is true when (event, value) was seen among the last `capacity` keys; else it remembers it.
func (s *seenKeys) seenBefore(event string, value interface{}) bool {
	var text string
	if str, ok := value.(string); ok {
		text = str
	} else if n, ok := number(value); ok {
		text = JSNumber(n)
	} else {
		return false
	}
	key := event + "\x00" + text
	if s.set[key] {
		return true
	}
	s.set[key] = true
	if len(s.ring) < s.capacity {
		s.ring = append(s.ring, key)
		return false
	}
	delete(s.set, s.ring[s.next])
	s.ring[s.next] = key
	s.next = (s.next + 1) % s.capacity
	return false
}

var (
	patternsMu sync.Mutex
	patterns   = map[string]*regexp.Regexp{}
)

// keyPattern compiles a key pattern (searched unanchored, as JSON Schema does); nil when RE2
// cannot compile it (lookarounds, backreferences): the validators check those.
func keyPattern(p string) *regexp.Regexp {
	patternsMu.Lock()
	defer patternsMu.Unlock()
	if r, ok := patterns[p]; ok {
		return r
	}
	r, err := regexp.Compile(p)
	if err != nil {
		r = nil
	}
	if len(patterns) < 1024 {
		patterns[p] = r
	}
	return r
}

// keysOf lists an object's keys (generated maps of any value type, and map[string]interface{}).
func keysOf(v interface{}) ([]string, bool) {
	if m, ok := v.(map[string]interface{}); ok {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return keys, true
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.Map || rv.Type().Key().Kind() != reflect.String {
		return nil, false
	}
	keys := make([]string, 0, rv.Len())
	for _, k := range rv.MapKeys() {
		keys = append(keys, k.String())
	}
	sort.Strings(keys)
	return keys, true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func checkKeys(v interface{}, r KeyRule, what string) string {
	keys, ok := keysOf(v)
	if !ok {
		return ""
	}
	if r.Min >= 0 && len(keys) < r.Min {
		return fmt.Sprintf("%s must hold at least %d key%s; it holds %d", what, r.Min, plural(r.Min), len(keys))
	}
	if r.Max >= 0 && len(keys) > r.Max {
		return fmt.Sprintf("%s may hold at most %d key%s; it holds %d", what, r.Max, plural(r.Max), len(keys))
	}
	if r.Patterns == nil {
		return ""
	}
	declared := map[string]bool{}
	for _, d := range r.Declared {
		declared[d] = true
	}
	for _, k := range keys {
		if declared[k] {
			continue
		}
		matched := false
		for _, p := range r.Patterns {
			if re := keyPattern(p); re == nil || re.MatchString(k) {
				matched = true
				break
			}
		}
		if !matched {
			shown := make([]string, len(r.Patterns))
			for i, p := range r.Patterns {
				shown[i] = "/" + p + "/"
			}
			return fmt.Sprintf("%s has the key %q, which is not declared and matches none of its patterns (%s)", what, k, strings.Join(shown, ", "))
		}
	}
	return ""
}

// jsonKind is the JSON type of a value as a TupleRule names it.
func jsonKind(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case *big.Int:
		if x == nil {
			return "null"
		}
		return "integer"
	case json.Number:
		if _, err := x.Int64(); err == nil || !strings.ContainsAny(string(x), ".eE") {
			return "integer"
		}
		if f, err := x.Float64(); err == nil && f == math.Trunc(f) {
			return "integer"
		}
		return "number"
	case float32:
		if float64(x) == math.Trunc(float64(x)) {
			return "integer"
		}
		return "number"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return "integer"
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	case reflect.Ptr:
		if rv.IsNil() {
			return "null"
		}
		return jsonKind(rv.Elem().Interface())
	}
	return rv.Kind().String()
}

func aKind(k string) string {
	if k == "null" {
		return k
	}
	if strings.ContainsAny(k[:1], "aeiou") {
		return "an " + k
	}
	return "a " + k
}

// checkTuple says why a tuple's elements break its rule (count, an element's JSON type), or "".
func checkTuple(v interface{}, r TupleRule, what string) string {
	rv := reflect.ValueOf(v)
	if v == nil || (rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array) {
		return ""
	}
	n := rv.Len()
	if r.Min >= 0 && n < r.Min {
		return fmt.Sprintf("%s must hold at least %d element%s; it holds %d", what, r.Min, plural(r.Min), n)
	}
	if r.Max >= 0 && n > r.Max {
		return fmt.Sprintf("%s may hold at most %d element%s; it holds %d", what, r.Max, plural(r.Max), n)
	}
	for i := 0; i < n; i++ {
		kind := r.Rest
		if i < len(r.Kinds) {
			kind = r.Kinds[i]
		}
		if kind == "" {
			continue
		}
		got := jsonKind(rv.Index(i).Interface())
		ok := false
		words := []string{}
		for _, k := range strings.Split(kind, "|") {
			words = append(words, aKind(k))
			if k == got || (k == "number" && got == "integer") {
				ok = true
			}
		}
		if !ok {
			return fmt.Sprintf("element %d of %s must be %s; got %s", i, what, strings.Join(words, " or "), aKind(got))
		}
	}
	return ""
}

// sameScalar is JSON equality of scalars: numbers by value whatever their Go type, true is not 1.
func sameScalar(a, b interface{}) bool {
	if x, ok := number(a); ok {
		y, ok2 := number(b)
		return ok2 && x == y
	}
	return a == b
}

// checkShapes says why the call's own properties break a shape rule no Go type holds
// (requires:, required_when:, key counts and patterns), or "". Properties the client fills
// later (globals, event time, constants) are left to the validators.
func checkShapes(spec *EventSpec, props map[string]interface{}) string {
	filled := map[string]bool{}
	for _, k := range spec.Globals {
		filled[k] = true
	}
	for _, k := range spec.Clock {
		filled[k] = true
	}
	for k := range spec.Fixed {
		filled[k] = true
	}
	present := func(k string) bool { v, ok := props[k]; return ok && v != nil }
	names := func(m map[string][]string) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	for _, k := range names(spec.Requires) {
		if !present(k) {
			continue
		}
		var missing []string
		for _, x := range spec.Requires[k] {
			if !present(x) && !filled[x] {
				missing = append(missing, fmt.Sprintf("%q", x))
			}
		}
		if len(missing) > 0 {
			return fmt.Sprintf("property %q requires %s beside it", k, strings.Join(missing, ", "))
		}
	}
	for _, k := range sortedKeys(spec.RequiredWhen) {
		w := spec.RequiredWhen[k]
		if present(k) || filled[k] || !present(w.Property) {
			continue
		}
		for _, x := range w.In {
			if sameScalar(props[w.Property], x) {
				shown, _ := json.Marshal(props[w.Property])
				return fmt.Sprintf("property %q is required when %q is %s", k, w.Property, shown)
			}
		}
	}
	for _, k := range sortedKeys(spec.Keys) {
		if present(k) {
			if refused := checkKeys(props[k], spec.Keys[k], fmt.Sprintf("property %q", k)); refused != "" {
				return refused
			}
		}
	}
	for _, k := range sortedKeys(spec.Tuples) {
		if present(k) {
			if refused := checkTuple(props[k], spec.Tuples[k], fmt.Sprintf("property %q", k)); refused != "" {
				return refused
			}
		}
	}
	if spec.PayloadKeys != nil {
		r := *spec.PayloadKeys
		if r.Min >= 0 {
			// Keys the client fills count as present for the minimum (they usually are).
			for k := range filled {
				if !present(k) {
					r.Min--
				}
			}
		}
		own := map[string]interface{}{}
		for k, v := range props {
			if v != nil {
				own[k] = v
			}
		}
		return checkKeys(own, r, "the event")
	}
	return ""
}

// sortedKeys gives a map's keys in order, so the same call reports the same broken rule every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
