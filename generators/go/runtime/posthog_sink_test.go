package tracker

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// A stand-in for PostHog's /batch/ on loopback: 400 unless the body has the documented shape.
func postHogStandIn(t *testing.T, fail503 int) (*httptest.Server, *[]map[string]interface{}, *sync.Mutex) {
	var mu sync.Mutex
	var got []map[string]interface{}
	failed := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body struct {
			APIKey string                   `json:"api_key"`
			Batch  []map[string]interface{} `json:"batch"`
		}
		if r.Method != http.MethodPost || r.URL.Path != "/batch/" || json.Unmarshal(raw, &body) != nil || body.APIKey == "" || len(body.Batch) == 0 {
			w.WriteHeader(400)
			return
		}
		for _, e := range body.Batch {
			_, props := e["properties"].(map[string]interface{})
			ev, _ := e["event"].(string)
			id, _ := e["distinct_id"].(string)
			ts, _ := e["timestamp"].(string)
			if _, err := time.Parse(time.RFC3339Nano, ts); err != nil || !props || ev == "" || id == "" {
				w.WriteHeader(400)
				return
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if failed < fail503 {
			failed++
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(503)
			return
		}
		got = append(got, body.Batch...)
		w.WriteHeader(200)
	}))
	t.Cleanup(srv.Close)
	return srv, &got, &mu
}

func TestPostHogBatchSinkShapeRetryAndInvalid(t *testing.T) {
	srv, got, mu := postHogStandIn(t, 1)
	specs := map[string]*EventSpec{
		"runtime_registered": {Event: "runtime_registered", Kinds: []string{"product"}, DistinctID: []DistinctIDSource{{Property: "user_id"}, {Property: "workspace_id", Prefix: "workspace:"}}},
	}
	sink := &PostHogBatchSink{APIKey: "phc_test", Host: srv.URL + "/", Specs: specs, HTTP: HTTPSink{RetryBase: time.Millisecond}}
	c := NewClient(Options{Sinks: []Sink{sink}})
	c.TrackWith(specs["runtime_registered"], map[string]interface{}{"workspace_id": "w1"}, nil)
	c.TrackWith(specs["runtime_registered"], map[string]interface{}{"other": 1}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st := c.Close(ctx)
	if st.Delivered != 1 || st.Dropped["invalid"] != 1 {
		t.Fatalf("stats %+v", st)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(*got) != 1 || (*got)[0]["distinct_id"] != "workspace:w1" || (*got)[0]["event"] != "runtime_registered" {
		t.Fatalf("got %v", *got)
	}
}

func TestPostHogBatchSinkFromEnvSwitches(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, m := range []map[string]string{{}, {"POSTHOG_API_KEY": ""}, {"POSTHOG_API_KEY": "k", "ANALYTICS_DISABLED": "true"}, {"POSTHOG_API_KEY": "k", "ANALYTICS_DISABLED": "1"}} {
		var lines []string
		if s := PostHogBatchSinkFromEnv(env(m), nil, func(f string, a ...interface{}) { lines = append(lines, f) }); s != nil || len(lines) != 1 {
			t.Errorf("%v: sink %v, log %v", m, s, lines)
		}
	}
	if s := PostHogBatchSinkFromEnv(env(map[string]string{"POSTHOG_API_KEY": "k", "ANALYTICS_DISABLED": "false"}), nil, nil); s == nil {
		t.Error("a key without ANALYTICS_DISABLED must give a sink")
	}
	if AnalyticsEnvironment(env(map[string]string{"APP_ENV": "prod"})) != "prod" || AnalyticsEnvironment(env(nil)) != "dev" ||
		AnalyticsEnvironment(env(map[string]string{"ANALYTICS_ENVIRONMENT": "PRODUCTION", "APP_ENV": "qa"})) != "PRODUCTION" {
		t.Error("AnalyticsEnvironment precedence")
	}
}

func TestNormalizeAndLimits(t *testing.T) {
	spec := &EventSpec{Normalize: map[string]NormalizeRule{"environment": {Values: map[string]string{"production": "production", "prod": "production", "dev": "dev"}, Fallback: "dev", HasFallback: true}},
		Limits: map[string]LimitRule{"s": {MaxLength: 512, Overflow: "empty", JSONValueMaxLength: 3}}}
	out := ApplyRules(spec, map[string]interface{}{"environment": " PROD ", "s": `{"b":"<ééééé>","a":1.50}`})
	if out["environment"] != "production" || out["s"] != `{"b":"<éé","a":1.5}` {
		t.Fatalf("got %v", out)
	}
	if ApplyRules(spec, map[string]interface{}{"environment": "qa"})["environment"] != "dev" {
		t.Fatal("qa is dev")
	}
}
