package tracker

// Valid instances of every shape (test/shapes/model.ts) through the generated Go tracker:
// they compile, are delivered, and arrive as this JSON, large integers exactly. Copied into the
// generated module by test/shapes/shapes.test.ts.

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"testing"
)

func collect(t *testing.T, track func(c *Client)) ([]string, Stats) {
	t.Helper()
	var got []string
	c := NewClient(Options{Logger: func(string, ...interface{}) {}, Sinks: []Sink{&FuncSink{Fn: func(e *Envelope) error {
		b, err := json.Marshal(e.Properties)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.Event+" "+string(b))
		return nil
	}}}})
	track(c)
	return got, c.Close(context.Background())
}

func TestShapesValidInstances(t *testing.T) {
	huge, _ := new(big.Int).SetString("-1180591620717411303424", 10)
	got, s := collect(t, func(c *Client) {
		c.Track(ShapesJsonValue{Payload: map[string]interface{}{"a": []interface{}{1, "two", nil, map[string]interface{}{"b": true}}}})
		c.Track(ShapesOneOf{Target: ShapesOneOfTargetFile{Path: "/a"}})
		c.Track(ShapesOneOf{Target: ShapesOneOfTargetURLXN{Href: "https://x", Depth: Ptr(int64(2))}})
		c.Track(ShapesAnyOf{Id: ShapesAnyOfIdString("abc"), Level: ShapesAnyOfLevelStringURLXN})
		c.Track(ShapesAnyOf{Id: ShapesAnyOfIdInt64(42), Level: ShapesAnyOfLevelInt64(2)})
		c.Track(ShapesSeveralTypes{Value: ShapesSeveralTypesValueBool(false)})
		c.Track(ShapesOpenMap{Counts: map[string]int64{"a": 1}, Meta: &ShapesOpenMapMeta{Name: "n", Extra: map[string]string{"anything": "else", "name": "loses"}}})
		c.Track(ShapesPatternKeys{Headers: map[string]string{"x-trace": "abc"}, Codes: map[string]int64{"a12": 1}})
		c.Track(ShapesSized{Tags: map[string]string{"a": "x"}})
		c.Track(ShapesRequires{CardNumber: Ptr("4111"), CardExpiry: Ptr("12/30")})
		c.Track(ShapesRequiredWhen{Status: ShapesRequiredWhenStatusFailed, Reason: Ptr("timeout")})
		c.Track(ShapesJsonArray{Items: []interface{}{1, "a", nil, []interface{}{true}}})
		c.Track(ShapesBigInt{Id: 9223372036854775807, Total: Ptr(uint64(18446744073709551615)), Huge: huge})
		c.Track(ShapesBigInt{Id: -9223372036854775808})
		c.Track(ShapesOpenEvent{N: Ptr(int64(1)), Extra: map[string]string{"anything": "x"}})
		c.Track(ShapesTuple{Point: ShapesTuplePoint{E0: 1.5, E1: 2}, Pair: &ShapesTuplePair{E0: Ptr("a"), E1: Ptr(int64(1)), Rest: []bool{true, false}}, Head: &ShapesTupleHead{E0: "h", Rest: []interface{}{map[string]interface{}{"any": []interface{}{1}}, nil}}})
		c.Track(ShapesTuple{Point: ShapesTuplePoint{}, Pair: &ShapesTuplePair{E0: Ptr("a")}})
		c.Track(ShapesTuple{Point: ShapesTuplePoint{}, Mixed: &ShapesTupleMixed{E0: &ShapesTupleMixed0{X: "x"}, E1: ShapesTupleMixed1Int64(3), E2: map[string]interface{}{"k": nil}}})
	})
	want := []string{
		`shapes.json_value {"payload":{"a":[1,"two",null,{"b":true}]}}`,
		`shapes.one_of {"target":{"kind":"file","path":"/a"}}`,
		`shapes.one_of {"target":{"depth":2,"href":"https://x","kind":"u\"r'l` + "`" + `${x}\u2028\\n\\"}}`,
		`shapes.any_of {"id":"abc","level":"u\"r'l` + "`" + `${x}\u2028\\n\\"}`,
		`shapes.any_of {"id":42,"level":2}`,
		`shapes.several_types {"value":false}`,
		`shapes.open_map {"counts":{"a":1},"meta":{"anything":"else","name":"n"}}`,
		`shapes.pattern_keys {"codes":{"a12":1},"headers":{"x-trace":"abc"}}`,
		`shapes.sized {"tags":{"a":"x"}}`,
		`shapes.requires {"card_expiry":"12/30","card_number":"4111"}`,
		`shapes.required_when {"reason":"timeout","status":"failed"}`,
		`shapes.json_array {"items":[1,"a",null,[true]]}`,
		`shapes.big_int {"huge":-1180591620717411303424,"id":9223372036854775807,"total":18446744073709551615}`,
		`shapes.big_int {"id":-9223372036854775808}`,
		`shapes.open_event {"anything":"x","n":1}`,
		`shapes.tuple {"head":["h",{"any":[1]},null],"pair":["a",1,true,false],"point":[1.5,2]}`,
		`shapes.tuple {"pair":["a"],"point":[0,0]}`,
		`shapes.tuple {"mixed":[{"x":"x"},3,{"k":null}],"point":[0,0]}`,
	}
	if s.Delivered != int64(len(want)) || len(got) != len(want) {
		t.Fatalf("delivered %d of %d: %+v\n%v", s.Delivered, len(want), s, got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

// What Go's types cannot reject, the tracker refuses at run time (counted, never a panic):
// values that are not JSON, and the rules of refusals.json (requires, required_when, key
// counts, key patterns), each with the rule in its warning; their valid twins are sent.
func TestShapesRefusedAtRunTime(t *testing.T) {
	var warned []string
	var got []string
	c := NewClient(Options{Logger: func(f string, a ...interface{}) { warned = append(warned, fmt.Sprintf(f, a...)) }, Sinks: []Sink{&FuncSink{Fn: func(e *Envelope) error {
		b, _ := json.Marshal(e.Properties)
		got = append(got, e.Event+" "+string(b))
		return nil
	}}}})
	c.Track(ShapesJsonValue{Payload: func() {}})
	c.Track(ShapesJsonArray{Items: []interface{}{make(chan int)}})
	c.Track(ShapesRequires{CardNumber: Ptr("4111")})
	c.Track(ShapesRequiredWhen{Status: ShapesRequiredWhenStatusFailed})
	c.Track(ShapesSized{Tags: map[string]string{}})
	c.Track(ShapesSized{Tags: map[string]string{"a": "1", "b": "2", "c": "3", "d": "4"}})
	c.Track(ShapesPatternKeys{Headers: map[string]string{"authorization": "x"}})
	c.Track(ShapesPatternKeys{Headers: map[string]string{}, Odd: map[string]bool{"q-1": true}})
	c.Track(ShapesOpenEvent{})
	c.Track(ShapesTuple{Point: ShapesTuplePoint{E0: 1, E1: 2}, Pair: &ShapesTuplePair{E0: Ptr("a"), E1: Ptr(int64(1)), Rest: []bool{true, true, true}}})
	c.Track(ShapesTuple{Point: ShapesTuplePoint{E0: 1, E1: 2}, Pair: &ShapesTuplePair{E1: Ptr(int64(1))}})
	// The valid twins.
	c.Track(ShapesRequires{CardExpiry: Ptr("12/30")})
	c.Track(ShapesRequiredWhen{Status: ShapesRequiredWhenStatusOk})
	c.Track(ShapesSized{Tags: map[string]string{"a": "1", "b": "2", "c": "3"}})
	c.Track(ShapesPatternKeys{Headers: map[string]string{}, Odd: map[string]bool{"q\"`${a}\\\u2028-12": true}})
	s := c.Close(context.Background())
	if s.Dropped["unserializable"] != 2 || s.Dropped["invalid"] != 9 || s.Delivered != 4 {
		t.Fatalf("want 2 unserializable, 9 invalid, 4 delivered; got %+v\n%v\n%s", s, got, strings.Join(warned, "\n"))
	}
	for _, why := range []string{
		`property "card_number" requires "card_expiry" beside it`,
		`property "reason" is required when "status" is "failed"`,
		`property "tags" must hold at least 1 key; it holds 0`,
		`property "tags" may hold at most 3 keys; it holds 4`,
		`property "headers" has the key "authorization", which is not declared and matches none of its patterns (/^x-[a-z]+$/)`,
		`property "odd" has the key "q-1"`,
		`the event must hold at least 1 key; it holds 0`,
		`property "pair" may hold at most 4 elements; it holds 5`,
		// A left-out element before a set one would be a hole: sent as null, refused.
		`element 0 of property "pair" must be a string; got null`,
	} {
		found := false
		for _, w := range warned {
			found = found || strings.Contains(w, why)
		}
		if !found {
			t.Errorf("no warning says %s:\n%s", why, strings.Join(warned, "\n"))
		}
	}
	want := []string{`shapes.requires {"card_expiry":"12/30"}`, `shapes.required_when {"status":"ok"}`, `shapes.sized {"tags":{"a":"1","b":"2","c":"3"}}`, "shapes.pattern_keys {\"headers\":{},\"odd\":{\"q\\\"`${a}\\\\\\u2028-12\":true}}"}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Errorf("sent %d: %v, want %s", i, got, want[i])
		}
	}
}
