package tracker

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// Test vectors of the sampling hash (docs/runtime-contract.md): the TypeScript and Python
// runtimes compute the same values.
func TestUnitHashVectors(t *testing.T) {
	cases := []struct {
		in   string
		want float64
	}{
		{"", 0.5043428998906165},
		{"a", 0.8908105595037341},
		{"s1\x00chat.turn\x001", 0.19576945179142058},
		{"ü😀", 0.6372876740060747},
	}
	for _, c := range cases {
		if got := UnitHash(c.in); got != c.want {
			t.Errorf("UnitHash(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestJSNumber(t *testing.T) {
	cases := map[float64]string{1.5: "1.5", 0.1: "0.1", 1e21: "1e+21", 1e20: "100000000000000000000", 1e-7: "1e-7", 1e-6: "0.000001", -0.000001: "-0.000001", 2.5e-10: "2.5e-10", 100: "100", 5e-324: "5e-324", 1.0 / 3: "0.3333333333333333"}
	for in, want := range cases {
		if got := JSNumber(in); got != want {
			t.Errorf("JSNumber(%v) = %q, want %q", in, got, want)
		}
	}
	if k := DefaultSampleKey("e", map[string]interface{}{"session_id": "ß", "turnIndex": 2.5}); k != "ß\x00e\x002.5" {
		t.Errorf("DefaultSampleKey = %q", k)
	}
}

func TestSensitiveKeysRedactedAtAnyDepth(t *testing.T) {
	m := SensitiveMatcher(DefaultSensitiveKeys)
	for _, k := range []string{"apiKey", "x-api-key", "API_KEY", "accessToken", "Set-Cookie", "credentials", "password"} {
		if !m(k) {
			t.Errorf("%s should be sensitive", k)
		}
	}
	for _, k := range []string{"tokens_used", "keyboard", "secretary_count"} {
		if m(k) {
			t.Errorf("%s should not be sensitive", k)
		}
	}
	v, err := sanitize(map[string]interface{}{"a": []interface{}{map[string]interface{}{"apiKey": "k", "ok": 1}}}, m, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	inner := v.(map[string]interface{})["a"].([]interface{})[0].(map[string]interface{})
	if inner["apiKey"] != Redacted || inner["ok"] != 1 {
		t.Errorf("got %v", inner)
	}
}

var testSpec = &EventSpec{Event: "t.e", Version: 1, Kinds: []string{"product"}}

type rawEvent struct{ p map[string]interface{} }

func (rawEvent) Spec() *EventSpec                     { return testSpec }
func (r rawEvent) Properties() map[string]interface{} { return r.p }

func checkBooks(t *testing.T, s Stats) {
	t.Helper()
	if s.Enqueued != s.Delivered+s.DroppedTotal+s.Pending {
		t.Errorf("books do not balance: %+v", s)
	}
}

func TestPanickingSinkNeverReachesTheHost(t *testing.T) {
	c := NewClient(Options{Sinks: []Sink{&FuncSink{Fn: func(*Envelope) error { panic("boom") }}}, Logger: func(string, ...interface{}) {}})
	for i := 0; i < 5; i++ {
		c.Track(rawEvent{map[string]interface{}{"i": i}})
	}
	s := c.Close(context.Background())
	if s.Dropped["sinkError"] != 5 || s.Delivered != 0 {
		t.Errorf("want 5 sinkError, got %+v", s)
	}
	checkBooks(t, s)
}

func TestFullQueueCountsEveryDrop(t *testing.T) {
	block := make(chan struct{})
	c := NewClient(Options{QueueSize: 4, BatchSize: 1, Sinks: []Sink{&FuncSink{Fn: func(*Envelope) error { <-block; return nil }}}})
	for i := 0; i < 50; i++ {
		c.Track(rawEvent{map[string]interface{}{"i": i}})
	}
	close(block)
	s := c.Close(context.Background())
	if s.Dropped["queueFull"] == 0 || s.Enqueued != 50 {
		t.Errorf("want queueFull drops of 50, got %+v", s)
	}
	checkBooks(t, s)
}

func TestCollectorDownIsCountedAsFailed(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	c := NewClient(Options{Sinks: []Sink{&HTTPSink{URL: "http://" + addr + "/v1/batch", Retries: 2, RetryBase: time.Millisecond, RetryMax: 2 * time.Millisecond}}})
	for i := 0; i < 3; i++ {
		c.Track(rawEvent{map[string]interface{}{"i": i}})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s := c.Close(ctx)
	if s.Dropped["failed"] != 3 {
		t.Errorf("want 3 failed, got %+v", s)
	}
	checkBooks(t, s)
}

func TestDeclaredMetricsInTheTextFormat(t *testing.T) {
	spec := &EventSpec{Event: "task_done", Kinds: []string{"metrics"}, Metrics: []MetricSpec{
		{Name: "tasks_total", Type: "counter", Help: "Tasks.", Labels: []Label{{Name: "source", Values: []string{"chat", "api"}}}},
		{Name: "task_seconds", Type: "histogram", Help: "Task time.", Labels: []Label{{Name: "source", Values: []string{"chat", "api"}}}, Buckets: []float64{0.5, 10}, Observe: "seconds"},
	}}
	c := NewClient(Options{})
	c.TrackWith(spec, map[string]interface{}{"source": "chat", "seconds": 0.3}, nil)
	c.TrackWith(spec, map[string]interface{}{"source": "bogus", "seconds": 7.0}, nil)
	c.TrackWith(spec, map[string]interface{}{"source": "chat"}, nil)
	s := c.Close(context.Background())
	if s.Delivered != 3 {
		t.Errorf("want 3 delivered, got %+v", s)
	}
	var b strings.Builder
	if err := c.Metrics().WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`tasks_total{source="chat"} 2`, `tasks_total{source="other"} 1`,
		`task_seconds_bucket{le="0.5",source="chat"} 1`, `task_seconds_bucket{le="10",source="other"} 1`,
		`task_seconds_bucket{le="+Inf",source="chat"} 1`, `task_seconds_sum{source="other"} 7`, `task_seconds_count{source="chat"} 1`,
		"# TYPE task_seconds histogram",
	} {
		if !strings.Contains(b.String(), line+"\n") {
			t.Errorf("missing %q in\n%s", line, b.String())
		}
	}
}

func TestErrorsFromFuncSinkAreCounted(t *testing.T) {
	c := NewClient(Options{Sinks: []Sink{&FuncSink{Fn: func(*Envelope) error { return errors.New("no") }}}})
	c.Track(rawEvent{map[string]interface{}{}})
	c.Track(nil)
	s := c.Close(context.Background())
	if s.Dropped["sinkError"] != 1 || s.Dropped["invalid"] != 1 {
		t.Errorf("got %+v", s)
	}
	checkBooks(t, s)
}
