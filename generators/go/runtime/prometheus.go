package tracker

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Registry holds the Prometheus metrics of the metrics events: the counters and histograms
// the taxonomy declares (exactly those, with their label sets), and a derived counter
// <event>_total for a metrics event that declares none. Write it in the text format.
type Registry struct {
	mu      sync.Mutex
	metrics map[string]*metric
}

type metric struct {
	name, typ, help string
	labels          []string
	buckets         []float64
	series          map[string]*series
}

type series struct {
	values  []string
	count   float64
	sum     float64
	buckets []float64
}

func NewRegistry() *Registry { return &Registry{metrics: map[string]*metric{}} }

// NormalizeLabel is the label value of a property value: its text when it is one of the
// label's values, else "other" (a missing value included).
func NormalizeLabel(v interface{}, allowed []string) string {
	switch v.(type) {
	case string, bool, float64, float32, int, int64, int32, uint64:
	default:
		return OtherLabel
	}
	s := JSString(v)
	for _, a := range allowed {
		if a == s {
			return s
		}
	}
	return OtherLabel
}

var nonName = regexp.MustCompile(`[^a-zA-Z0-9_:]+`)

// CounterName is the derived counter of an event: [a-zA-Z_:][a-zA-Z0-9_:]*, suffixed _total.
func CounterName(event string) string {
	n := nonName.ReplaceAllString(event, "_")
	if n == "" || !(n[0] == '_' || n[0] == ':' || (n[0] >= 'a' && n[0] <= 'z') || (n[0] >= 'A' && n[0] <= 'Z')) {
		n = "_" + n
	}
	return n + "_total"
}

func (r *Registry) get(name, typ, help string, labels []string, buckets []float64) *metric {
	m := r.metrics[name]
	if m == nil {
		m = &metric{name: name, typ: typ, help: help, labels: labels, buckets: buckets, series: map[string]*series{}}
		r.metrics[name] = m
	}
	return m
}

func (m *metric) at(values []string) *series {
	key := strings.Join(values, "\x00")
	s := m.series[key]
	if s == nil {
		s = &series{values: values, buckets: make([]float64, len(m.buckets))}
		m.series[key] = s
	}
	return s
}

func toFloat(v interface{}) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, x == x && x-x == 0
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	}
	return 0, false
}

// record updates an event's metrics (called by the client for metrics events).
func (r *Registry) record(spec *EventSpec, props map[string]interface{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(spec.Metrics) == 0 {
		names := make([]string, len(spec.Labels))
		values := make([]string, len(spec.Labels))
		for i, l := range spec.Labels {
			names[i] = l.Name
			v := props[l.Name]
			switch {
			case v == nil:
				values[i] = ""
			default:
				values[i] = NormalizeLabel(v, l.Values)
			}
		}
		m := r.get(CounterName(spec.Event), "counter", fmt.Sprintf("Count of '%s' events (from the analytics taxonomy).", spec.Event), names, nil)
		m.at(values).count++
		return
	}
	for _, ms := range spec.Metrics {
		names := make([]string, len(ms.Labels))
		values := make([]string, len(ms.Labels))
		for i, l := range ms.Labels {
			names[i] = l.Name
			values[i] = NormalizeLabel(props[l.Name], l.Values)
		}
		m := r.get(ms.Name, ms.Type, ms.Help, names, ms.Buckets)
		if ms.Type != "histogram" {
			m.at(values).count++
			continue
		}
		v, ok := toFloat(props[ms.Observe])
		if !ok {
			continue
		}
		s := m.at(values)
		s.count++
		s.sum += v
		for i, b := range m.buckets {
			if v <= b {
				s.buckets[i]++
			}
		}
	}
}

// Declare registers a metrics event's metrics up front (so they are exposed before the first event).
func (r *Registry) Declare(spec *EventSpec) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, ms := range spec.Metrics {
		names := make([]string, len(ms.Labels))
		for i, l := range ms.Labels {
			names[i] = l.Name
		}
		r.get(ms.Name, ms.Type, ms.Help, names, ms.Buckets)
	}
}

func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func escapeHelp(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}

func formatValue(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func labelText(names, values []string, extra string) string {
	parts := make([]string, 0, len(names)+1)
	if extra != "" {
		parts = append(parts, extra)
	}
	for i, n := range names {
		parts = append(parts, n+`="`+escapeLabel(values[i])+`"`)
	}
	if len(parts) == 0 {
		return ""
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// WriteText writes every metric in the Prometheus text format (0.0.4), sorted.
func (r *Registry) WriteText(w io.Writer) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, 0, len(r.metrics))
	for n := range r.metrics {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		m := r.metrics[n]
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", m.name, escapeHelp(m.help), m.name, m.typ)
		keys := make([]string, 0, len(m.series))
		for k := range m.series {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s := m.series[k]
			if m.typ != "histogram" {
				fmt.Fprintf(&b, "%s%s %s\n", m.name, labelText(m.labels, s.values, ""), formatValue(s.count))
				continue
			}
			for i, bound := range m.buckets {
				fmt.Fprintf(&b, "%s_bucket%s %s\n", m.name, labelText(m.labels, s.values, `le="`+strconv.FormatFloat(bound, 'f', -1, 64)+`"`), formatValue(s.buckets[i]))
			}
			fmt.Fprintf(&b, "%s_bucket%s %s\n", m.name, labelText(m.labels, s.values, `le="+Inf"`), formatValue(s.count))
			fmt.Fprintf(&b, "%s_sum%s %s\n", m.name, labelText(m.labels, s.values, ""), formatValue(s.sum))
			fmt.Fprintf(&b, "%s_count%s %s\n", m.name, labelText(m.labels, s.values, ""), formatValue(s.count))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Handler serves the registry at /metrics.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = r.WriteText(w)
	})
}
