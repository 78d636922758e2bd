package tracker

import (
	"encoding/json"
	"fmt"
	"strings"
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
