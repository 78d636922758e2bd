// Conformance runner of the generated Go tracker: runner <case.json> <collector url>.
// Replays the case's calls (by wire name, through tracker.Specs) and prints the stats as JSON.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	tracker "acme-analytics/tracker"
)

type call struct {
	Event      string                 `json:"event"`
	Properties map[string]interface{} `json:"properties"`
	SetConsent string                 `json:"setConsent"`
}

type options struct {
	BatchSize       int                    `json:"batchSize"`
	FlushIntervalMs int                    `json:"flushIntervalMs"`
	MaxQueue        int                    `json:"maxQueue"`
	SampleRate      float64                `json:"sampleRate"`
	Consent         string                 `json:"consent"`
	IncludeContent  bool                   `json:"includeContent"`
	Context         map[string]interface{} `json:"context"`
	Retries         int                    `json:"retries"`
	RetryBaseMs     int                    `json:"retryBaseMs"`
	MaxRetryAfterMs int                    `json:"maxRetryAfterMs"`
}

// vectors prints the sampling key and hash of each test vector (docs/runtime-contract.md).
func vectors(path string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var in []struct {
		SessionID string      `json:"sessionId"`
		Event     string      `json:"event"`
		TurnIndex interface{} `json:"turnIndex"`
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := []map[string]interface{}{}
	for _, v := range in {
		p := map[string]interface{}{"sessionId": v.SessionID}
		if v.TurnIndex != nil {
			p["turnIndex"] = v.TurnIndex
		}
		key := tracker.DefaultSampleKey(v.Event, p)
		out = append(out, map[string]interface{}{"key": key, "hash": tracker.UnitHash(key)})
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
}

// distinctIDs prints the distinct_id (or null) of each {event, properties} (seed 003's rules).
func distinctIDs(path string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var in []call
	if err := json.Unmarshal(raw, &in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := []interface{}{}
	for _, c := range in {
		spec := tracker.Specs[c.Event]
		if spec == nil {
			fmt.Fprintln(os.Stderr, "unknown event", c.Event)
			os.Exit(2)
		}
		if id, ok := tracker.DistinctIDOf(spec, c.Properties); ok {
			out = append(out, id)
		} else {
			out = append(out, nil)
		}
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == "--vectors" {
		vectors(os.Args[2])
		return
	}
	if len(os.Args) > 2 && os.Args[1] == "--distinct-ids" {
		distinctIDs(os.Args[2])
		return
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var c struct {
		Options options `json:"options"`
		Calls   []call  `json:"calls"`
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	o := c.Options
	ms := func(v, def int) time.Duration {
		if v == 0 {
			v = def
		}
		return time.Duration(v) * time.Millisecond
	}
	retries := o.Retries
	if retries == 0 {
		retries = 5
	}
	sink := &tracker.HTTPSink{URL: os.Args[2], Retries: retries, RetryBase: ms(o.RetryBaseMs, 10), MaxRetryAfter: ms(o.MaxRetryAfterMs, 60000)}
	cl := tracker.NewClient(tracker.Options{
		Sinks: []tracker.Sink{sink}, QueueSize: o.MaxQueue, BatchSize: o.BatchSize, FlushInterval: ms(o.FlushIntervalMs, 60000),
		SampleRate: o.SampleRate, Consent: o.Consent, IncludeContent: o.IncludeContent, Context: o.Context, SensitiveKeys: tracker.SensitiveKeys,
		Logger: func(string, ...interface{}) {},
	})
	for _, k := range c.Calls {
		if k.SetConsent != "" {
			cl.SetConsent(k.SetConsent)
			continue
		}
		cl.TrackWith(tracker.Specs[k.Event], k.Properties, nil)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := cl.Close(ctx)
	out, _ := json.Marshal(map[string]interface{}{"enqueued": s.Enqueued, "delivered": s.Delivered, "pending": s.Pending, "dropped": s.Dropped})
	fmt.Println(string(out))
}
