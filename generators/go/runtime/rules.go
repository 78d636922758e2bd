package tracker

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// NormalizeRule maps spellings onto an enum: Values holds lower-case spelling -> canonical
// value; anything else becomes Fallback when HasFallback (seed 003's environment).
type NormalizeRule struct {
	Values      map[string]string
	Fallback    string
	HasFallback bool
}

// LimitRule is a string limit: string values of a JSON object capped at JSONValueMaxLength
// characters, then "" when still over MaxLength and Overflow is "empty" (seed 003's signup_source).
type LimitRule struct {
	MaxLength          int // 0: none
	Overflow           string
	JSONValueMaxLength int // 0: none
}

// ApplyRules returns the properties with the spec's normalisation and limits applied (a copy).
func ApplyRules(spec *EventSpec, props map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(props)+len(spec.Normalize))
	for k, v := range props {
		out[k] = v
	}
	for k, r := range spec.Normalize {
		if v, ok := NormalizeValue(out[k], r); ok {
			out[k] = v
		}
	}
	for k, l := range spec.Limits {
		if s, ok := out[k].(string); ok {
			out[k] = LimitString(s, l)
		}
	}
	return out
}

// NormalizeValue is the canonical value of a spelling (trimmed, any case), else the fallback;
// false leaves the value as it is.
func NormalizeValue(v interface{}, r NormalizeRule) (string, bool) {
	switch x := v.(type) {
	case string:
		if c, ok := r.Values[strings.ToLower(strings.TrimSpace(x))]; ok {
			return c, true
		}
		return r.Fallback, r.HasFallback
	case nil:
		return r.Fallback, r.HasFallback
	}
	return "", false
}

// LimitString applies a LimitRule; lengths are in characters (code points), as JSON Schema counts them.
func LimitString(s string, l LimitRule) string {
	v := s
	if l.JSONValueMaxLength > 0 && strings.HasPrefix(strings.TrimLeft(v, " \t\r\n"), "{") {
		if capped, ok := capJSONValues(v, l.JSONValueMaxLength); ok {
			v = capped
		}
	}
	if l.Overflow == "empty" && l.MaxLength > 0 && utf8.RuneCountInString(v) > l.MaxLength {
		return ""
	}
	return v
}

// capJSONValues caps each string value of a JSON object, keeping the keys in their order
// (JSON.stringify's), and writes it without HTML escaping, as JavaScript does.
func capJSONValues(s string, max int) (string, bool) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", false
	}
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return "", false
		}
		key, _ := kt.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return "", false
		}
		var val interface{}
		vd := json.NewDecoder(bytes.NewReader(raw))
		vd.UseNumber()
		if err := vd.Decode(&val); err != nil {
			return "", false
		}
		if str, ok := val.(string); ok && utf8.RuneCountInString(str) > max {
			runes := []rune(str)
			val = string(runes[:max])
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeJSON(&b, key)
		b.WriteByte(':')
		if _, isStr := val.(string); isStr {
			writeJSON(&b, val)
		} else if n, isNum := val.(json.Number); isNum {
			// A number as JSON.stringify writes it after JSON.parse (1.50 -> 1.5).
			f, err := n.Float64()
			if err != nil {
				return "", false
			}
			b.WriteString(JSNumber(f))
		} else {
			var c bytes.Buffer
			if err := json.Compact(&c, raw); err != nil {
				return "", false
			}
			b.Write(c.Bytes())
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return "", false
	}
	if _, err := dec.Token(); err == nil {
		return "", false // trailing data: not one JSON value
	}
	b.WriteByte('}')
	return b.String(), true
}

func writeJSON(b *bytes.Buffer, v interface{}) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	b.Truncate(b.Len() - 1) // Encode's newline
}

// DistinctIDSource is one candidate for an event's distinct_id: a property and a prefix.
type DistinctIDSource struct {
	Property string
	Prefix   string
}

var defaultDistinctID = []DistinctIDSource{{Property: "user_id"}, {Property: "userId"}}

// DistinctIDOf is PostHog's distinct_id of an event: the first candidate property holding a
// non-empty string, with its prefix (seed 003: workspace:<id>, agent:<id>); user_id without rules.
func DistinctIDOf(spec *EventSpec, props map[string]interface{}) (string, bool) {
	cands := spec.DistinctID
	if len(cands) == 0 {
		cands = defaultDistinctID
	}
	for _, c := range cands {
		if s, ok := props[c.Property].(string); ok && strings.TrimSpace(s) != "" {
			return c.Prefix + s, true
		}
	}
	return "", false
}
