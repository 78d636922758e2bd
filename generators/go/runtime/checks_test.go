package tracker

import (
	"context"
	"testing"
)

// Seed 001's checks, as the TypeScript runtime applies them (packages/runtime/src/checks.ts).

var checkSpec = &EventSpec{Event: "t.checks", Version: 1, Kinds: []string{"product"}, Currency: []string{"currency"},
	AtMost: []Bound{{Property: "score", Bound: "maxScore"}}, Dedupe: "messageId"}

func TestCurrencyUpperCasedAndRefusedUnlessISO4217(t *testing.T) {
	var got []*Envelope
	c := NewClient(Options{CurrencyCodes: []string{"USD", "EUR"}, Logger: func(string, ...interface{}) {},
		Sinks: []Sink{&FuncSink{Fn: func(e *Envelope) error { got = append(got, e); return nil }}}})
	caller := map[string]interface{}{"currency": "usd"}
	c.TrackWith(checkSpec, caller, nil)
	for _, bad := range []interface{}{"US", "USDX", "ABC", "u$d", 840} {
		c.TrackWith(checkSpec, map[string]interface{}{"currency": bad}, nil)
	}
	c.TrackWith(checkSpec, map[string]interface{}{}, nil) // absent: nothing to check
	s := c.Close(context.Background())
	if s.Delivered != 2 || s.Dropped["invalid"] != 5 {
		t.Fatalf("want 2 delivered and 5 invalid, got %+v", s)
	}
	if got[0].Properties["currency"] != "USD" || caller["currency"] != "usd" {
		t.Errorf("want USD sent and the caller's map left alone, got %v and %v", got[0].Properties["currency"], caller["currency"])
	}
	checkBooks(t, s)
}

func TestScoreAboveMaxScoreRefused(t *testing.T) {
	c := NewClient(Options{Logger: func(string, ...interface{}) {}, Sinks: []Sink{&FuncSink{Fn: func(*Envelope) error { return nil }}}})
	c.TrackWith(checkSpec, map[string]interface{}{"score": int64(6), "maxScore": int64(5)}, nil)
	c.TrackWith(checkSpec, map[string]interface{}{"score": 5.5, "maxScore": 5}, nil)
	c.TrackWith(checkSpec, map[string]interface{}{"score": int64(5), "maxScore": int64(5)}, nil)
	c.TrackWith(checkSpec, map[string]interface{}{"score": int64(9)}, nil)
	s := c.Close(context.Background())
	if s.Delivered != 2 || s.Dropped["invalid"] != 2 {
		t.Errorf("want 2 delivered and 2 invalid, got %+v", s)
	}
	checkBooks(t, s)
}

func TestDuplicatesDroppedFromABoundedSet(t *testing.T) {
	c := NewClient(Options{MaxDedupeKeys: 2, Logger: func(string, ...interface{}) {}, Sinks: []Sink{&FuncSink{Fn: func(*Envelope) error { return nil }}}})
	track := func(id interface{}, extra ...interface{}) {
		p := map[string]interface{}{"messageId": id}
		if len(extra) == 2 {
			p[extra[0].(string)] = extra[1]
		}
		c.TrackWith(checkSpec, p, nil)
	}
	track("m1", "currency", "XX") // refused: does not mark m1 as seen
	track("m1")                   // sent
	track("m1")                   // duplicate
	track("m2")                   // sent
	track("m3")                   // sent; m1 forgotten (capacity 2)
	track("m1")                   // sent again
	track("m3")                   // duplicate
	s := c.Close(context.Background())
	if s.Delivered != 4 || s.Dropped["duplicate"] != 2 || s.Dropped["invalid"] != 1 {
		t.Errorf("want 4 delivered, 2 duplicate, 1 invalid, got %+v", s)
	}
	checkBooks(t, s)
}
