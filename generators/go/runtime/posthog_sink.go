package tracker

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
)

// PostHogBatchSink is seed 003's server-side sender: POST <Host>/batch/ with
// {"api_key", "batch": [{event, distinct_id, properties, timestamp}]}. Delivery is
// HTTPSink's (retries, Retry-After, 413 halving, drop reasons); each event's distinct_id
// comes from its spec's DistinctID rules (Specs: the generated map), and an event with
// none of those properties is dropped as "invalid".
type PostHogBatchSink struct {
	APIKey string
	Host   string // default https://us.i.posthog.com
	Specs  map[string]*EventSpec
	HTTP   HTTPSink // delivery settings; URL and BodyFields are set by the sink
	once   sync.Once
}

func (s *PostHogBatchSink) init() {
	s.once.Do(func() {
		host := s.Host
		if host == "" {
			host = "https://us.i.posthog.com"
		}
		s.HTTP.URL = strings.TrimRight(host, "/") + "/batch/"
		s.HTTP.BodyFields = map[string]string{"api_key": s.APIKey}
		if s.HTTP.SinkName == "" {
			s.HTTP.SinkName = "posthog-batch"
		}
	})
}

func (s *PostHogBatchSink) Name() string { s.init(); return s.HTTP.Name() }

func (s *PostHogBatchSink) Accepts(kind string) bool { return s.HTTP.Accepts(kind) }

// PostHogEvent is one event as /batch takes it ($set / $set_once inside properties).
func PostHogEvent(e *Envelope, distinctID string) map[string]interface{} {
	props := make(map[string]interface{}, len(e.Properties)+2)
	for k, v := range e.Properties {
		props[k] = v
	}
	for _, k := range []string{"$set", "$set_once"} {
		if v, ok := e.Person[k]; ok {
			props[k] = v
		}
	}
	return map[string]interface{}{"event": e.Event, "distinct_id": distinctID, "properties": props, "timestamp": e.Timestamp}
}

func (s *PostHogBatchSink) Send(ctx context.Context, batch []*Envelope, _ [][]byte, report func(int, string)) {
	s.init()
	var keep []int
	var events []*Envelope
	var jsons [][]byte
	for i, e := range batch {
		spec := s.Specs[e.Event]
		if spec == nil {
			spec = &EventSpec{Event: e.Event}
		}
		id, ok := DistinctIDOf(spec, e.Properties)
		if !ok {
			report(i, "invalid")
			continue
		}
		b, err := json.Marshal(PostHogEvent(e, id))
		if err != nil {
			report(i, "unserializable")
			continue
		}
		keep = append(keep, i)
		events = append(events, e)
		jsons = append(jsons, b)
	}
	if len(keep) == 0 {
		return
	}
	s.HTTP.Send(ctx, events, jsons, func(j int, reason string) { report(keep[j], reason) })
}

// AnalyticsDisabled is seed 003's ANALYTICS_DISABLED switch: "true" or "1".
func AnalyticsDisabled(getenv func(string) string) bool {
	v := strings.ToLower(strings.TrimSpace(getenv("ANALYTICS_DISABLED")))
	return v == "true" || v == "1"
}

// AnalyticsEnvironment is ANALYTICS_ENVIRONMENT, else APP_ENV, else "dev"; the specs' Normalize maps it.
func AnalyticsEnvironment(getenv func(string) string) string {
	if v := strings.TrimSpace(getenv("ANALYTICS_ENVIRONMENT")); v != "" {
		return v
	}
	if v := strings.TrimSpace(getenv("APP_ENV")); v != "" {
		return v
	}
	return "dev"
}

// PostHogBatchSinkFromEnv reads POSTHOG_API_KEY, POSTHOG_HOST and ANALYTICS_DISABLED (seed 003):
// with no key, or disabled, it returns nil (no sink: nothing leaves the process) and says so once.
func PostHogBatchSinkFromEnv(getenv func(string) string, specs map[string]*EventSpec, logf func(string, ...interface{})) Sink {
	if logf == nil {
		logf = func(string, ...interface{}) {}
	}
	key := strings.TrimSpace(getenv("POSTHOG_API_KEY"))
	if key == "" {
		logf("analytics: POSTHOG_API_KEY not set, using noop client")
		return nil
	}
	if AnalyticsDisabled(getenv) {
		logf("analytics: ANALYTICS_DISABLED is set, using noop client")
		return nil
	}
	return &PostHogBatchSink{APIKey: key, Host: strings.TrimSpace(getenv("POSTHOG_HOST")), Specs: specs}
}
