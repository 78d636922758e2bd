package tracker

import (
	"context"
	"encoding/json"
	"log"
	"sync"
	"time"
)

// Sink is where events go. Send reports each event by index with report(i, reason)
// ("" = delivered); an event it does not report counts as delivered when Send returns,
// and as "sinkError" when Send panics.
type Sink interface {
	Name() string
	// Accepts tells whether the sink takes events routed to a destination of this kind.
	Accepts(kind string) bool
	Send(ctx context.Context, batch []*Envelope, jsons [][]byte, report func(i int, reason string))
}

// FuncSink calls a function once per event (a panic or an error drops it as sinkError).
type FuncSink struct {
	SinkName string
	Kinds    []string // default: every kind but metrics
	Fn       func(*Envelope) error
}

func (s *FuncSink) Name() string {
	if s.SinkName == "" {
		return "function"
	}
	return s.SinkName
}

func (s *FuncSink) Accepts(kind string) bool { return acceptsKind(s.Kinds, kind) }

func (s *FuncSink) Send(_ context.Context, batch []*Envelope, _ [][]byte, report func(int, string)) {
	for i, e := range batch {
		func() {
			var p string
			defer func() {
				recoverTo(&p)
				if p != "" {
					report(i, "sinkError")
				}
			}()
			if err := s.Fn(e); err != nil {
				report(i, "sinkError")
			} else {
				report(i, "")
			}
		}()
	}
}

func acceptsKind(kinds []string, kind string) bool {
	if len(kinds) == 0 {
		return kind != "metrics"
	}
	for _, k := range kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Options of a Client. Zero values take the defaults.
type Options struct {
	Sinks []Sink
	// Globals fill the global properties an event declares when the call leaves them out.
	Globals func() map[string]interface{}
	Context map[string]interface{}
	// SampleRate keeps this fraction of non-critical events (default 1; set Sample to true to apply 0).
	SampleRate float64
	SampleKey  func(event string, properties map[string]interface{}) string
	// Consent, when set, sends events only under "analytics" or "all".
	Consent        string
	RespectConsent *bool
	IncludeContent bool
	SensitiveKeys  []string
	QueueSize      int           // default 1024
	BatchSize      int           // default 20
	FlushInterval  time.Duration // default 10 s
	MaxEventBytes  int           // default 60 000
	Logger         func(format string, args ...interface{})
	// Registry receives the metrics events' Prometheus metrics (default: a new one, see Client.Metrics).
	Registry *Registry
	Now      func() time.Time
	// CurrencyCodes are the ISO 4217 codes `format: currency` values must be (default: the taxonomy's list, when it has a currency property).
	CurrencyCodes []string
	// MaxDedupeKeys is how many recent de-duplication keys (`dedupe_by:`) the client remembers (default 10 000).
	MaxDedupeKeys int
}

// SinkStats are the books of one sink: Enqueued = Delivered + dropped + Pending.
type SinkStats struct {
	Enqueued  int64            `json:"enqueued"`
	Delivered int64            `json:"delivered"`
	Pending   int64            `json:"pending"`
	Dropped   map[string]int64 `json:"dropped"`
}

// Stats are the books of the client: an event is delivered when every sink it went to took it.
type Stats struct {
	SinkStats
	DroppedTotal int64                `json:"droppedTotal"`
	Sinks        map[string]SinkStats `json:"sinks"`
}

type queued struct {
	spec   *EventSpec
	props  map[string]interface{}
	person map[string]interface{}
	t      time.Time
	flush  chan struct{}
}

type record struct {
	env    *Envelope
	json   []byte
	open   int
	failed string
}

type lane struct {
	sink    Sink
	waiting []*record
	since   time.Time
	stats   SinkStats
}

// Client tracks events: Track never blocks and never panics; Close drains.
type Client struct {
	o         Options
	sensitive func(string) bool
	newID     func() string
	queue     chan queued
	mu        sync.Mutex
	stats     SinkStats
	lanes     []*lane
	registry  *Registry
	closed    bool
	stop      chan struct{}
	done      chan struct{}
	consent   string
	gate      bool
	ctx       context.Context
	cancel    context.CancelFunc
	warned    map[string]bool
	keep      map[string]*keepTrie
	context   map[string]interface{}
	codes     map[string]bool
	seen      *seenKeys
}

func newStats() SinkStats { return SinkStats{Dropped: map[string]int64{}} }

// NewClient starts a client (its goroutine runs until Close).
func NewClient(o Options) *Client {
	if o.QueueSize <= 0 {
		o.QueueSize = 1024
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 20
	}
	if o.FlushInterval <= 0 {
		o.FlushInterval = 10 * time.Second
	}
	if o.MaxEventBytes <= 0 {
		o.MaxEventBytes = 60000
	}
	if o.SampleRate == 0 {
		o.SampleRate = 1
	}
	if o.SampleKey == nil {
		o.SampleKey = DefaultSampleKey
	}
	if o.SensitiveKeys == nil {
		o.SensitiveKeys = DefaultSensitiveKeys
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Registry == nil {
		o.Registry = NewRegistry()
	}
	if o.CurrencyCodes == nil {
		o.CurrencyCodes = defaultCurrencyCodes
	}
	if o.MaxDedupeKeys <= 0 {
		o.MaxDedupeKeys = 10000
	}
	respect := o.RespectConsent == nil || *o.RespectConsent
	ctx, cancel := context.WithCancel(context.Background())
	c := &Client{o: o, sensitive: SensitiveMatcher(o.SensitiveKeys), newID: newIDFactory(), queue: make(chan queued, o.QueueSize),
		stats: newStats(), registry: o.Registry, stop: make(chan struct{}), done: make(chan struct{}), consent: o.Consent,
		gate: o.Consent != "" && respect, ctx: ctx, cancel: cancel, warned: map[string]bool{}, keep: map[string]*keepTrie{},
		seen: newSeenKeys(o.MaxDedupeKeys)}
	if o.CurrencyCodes != nil {
		c.codes = make(map[string]bool, len(o.CurrencyCodes))
		for _, code := range o.CurrencyCodes {
			c.codes[code] = true
		}
	}
	for _, s := range o.Sinks {
		if s != nil {
			c.lanes = append(c.lanes, &lane{sink: s, stats: newStats()})
		}
	}
	if o.Context != nil {
		if v, err := sanitize(o.Context, c.sensitive, nil, 0); err == nil {
			c.context, _ = v.(map[string]interface{})
		}
	}
	go c.run()
	return c
}

// Metrics is the Prometheus registry of the metrics events (serve it with its Handler).
func (c *Client) Metrics() *Registry { return c.registry }

func (c *Client) warn(key, format string, args ...interface{}) {
	c.mu.Lock()
	seen := c.warned[key]
	if !seen && len(c.warned) < 1000 {
		c.warned[key] = true
	}
	c.mu.Unlock()
	if seen {
		return
	}
	if c.o.Logger != nil {
		func() {
			var p string
			defer recoverTo(&p)
			c.o.Logger(format, args...)
		}()
		return
	}
	log.Printf("tracker: "+format, args...)
}

func (c *Client) dropNew(reason string) {
	c.stats.Enqueued++
	c.stats.Dropped[reason]++
}

// Track queues an event and returns at once. It never blocks and never panics.
func (c *Client) Track(e Event) {
	defer func() {
		if r := recover(); r != nil {
			c.mu.Lock()
			c.dropNew("internal")
			c.mu.Unlock()
		}
	}()
	if e == nil || e.Spec() == nil {
		c.mu.Lock()
		c.dropNew("invalid")
		c.mu.Unlock()
		return
	}
	c.TrackWith(e.Spec(), e.Properties(), nil)
}

// TrackWith queues an event with person properties ($set / $set_once) or raw properties.
func (c *Client) TrackWith(spec *EventSpec, props map[string]interface{}, person map[string]interface{}) {
	defer func() {
		if r := recover(); r != nil {
			c.mu.Lock()
			c.dropNew("internal")
			c.mu.Unlock()
		}
	}()
	c.mu.Lock()
	defer c.mu.Unlock()
	if spec == nil {
		c.dropNew("invalid")
		return
	}
	if c.closed {
		c.dropNew("shutdown")
		return
	}
	if c.gate && c.consent != "analytics" && c.consent != "all" {
		c.dropNew("consent")
		return
	}
	if len(spec.Currency) > 0 || len(spec.AtMost) > 0 || len(spec.Requires) > 0 || len(spec.RequiredWhen) > 0 || len(spec.Keys) > 0 || len(spec.Tuples) > 0 || spec.PayloadKeys != nil {
		checked, refused := checkValues(spec, props, c.codes)
		if refused != "" {
			c.dropNew("invalid")
			c.mu.Unlock() // warn takes the lock
			c.warn("refused:"+spec.Event+":"+refused, "event %q refused: %s. It is dropped as 'invalid'", spec.Event, refused)
			c.mu.Lock()
			return
		}
		props = checked
	}
	// After the checks: a refused call does not mark its key as seen.
	if spec.Dedupe != "" && c.seen.seenBefore(spec.Event, props[spec.Dedupe]) {
		c.dropNew("duplicate")
		return
	}
	select {
	case c.queue <- queued{spec: spec, props: props, person: person, t: c.o.Now()}:
		c.stats.Enqueued++
		c.stats.Pending++
	default:
		c.dropNew("queueFull")
	}
}

// SetConsent changes the consent posture (none, functional, analytics, all).
func (c *Client) SetConsent(posture string) {
	c.mu.Lock()
	c.consent = posture
	c.gate = c.o.RespectConsent == nil || *c.o.RespectConsent
	c.mu.Unlock()
}

// Stats returns a copy of the books.
func (c *Client) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	cp := func(s SinkStats) SinkStats {
		d := map[string]int64{}
		for k, v := range s.Dropped {
			if v != 0 {
				d[k] = v
			}
		}
		return SinkStats{Enqueued: s.Enqueued, Delivered: s.Delivered, Pending: s.Pending, Dropped: d}
	}
	out := Stats{SinkStats: cp(c.stats), Sinks: map[string]SinkStats{}}
	for _, v := range c.stats.Dropped {
		out.DroppedTotal += v
	}
	for _, l := range c.lanes {
		out.Sinks[l.sink.Name()] = cp(l.stats)
	}
	return out
}

// Flush sends everything pending; it returns when done or when ctx ends.
func (c *Client) Flush(ctx context.Context) Stats {
	ch := make(chan struct{})
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if !closed {
		select {
		case c.queue <- queued{flush: ch}:
			select {
			case <-ch:
			case <-ctx.Done():
			}
		case <-ctx.Done():
		}
	}
	return c.Stats()
}

// Close drains (Flush), then stops: what is still pending when ctx ends is dropped as "shutdown".
func (c *Client) Close(ctx context.Context) Stats {
	c.Flush(ctx)
	c.mu.Lock()
	already := c.closed
	c.closed = true
	c.mu.Unlock()
	if !already {
		c.cancel()
		close(c.stop)
		select {
		case <-c.done:
		case <-time.After(2 * time.Second):
		}
	}
	c.mu.Lock()
	for _, l := range c.lanes {
		for _, r := range l.waiting {
			c.settle(l, r, "shutdown")
		}
		l.waiting = nil
	}
	for {
		select {
		case q := <-c.queue:
			if q.flush != nil {
				close(q.flush)
				continue
			}
			c.stats.Pending--
			c.stats.Dropped["shutdown"]++
			continue
		default:
		}
		break
	}
	c.mu.Unlock()
	return c.Stats()
}

func (c *Client) settle(l *lane, r *record, reason string) {
	l.stats.Pending--
	if reason == "" {
		l.stats.Delivered++
	} else {
		l.stats.Dropped[reason]++
		if r.failed == "" {
			r.failed = reason
		}
	}
	r.open--
	if r.open == 0 {
		c.stats.Pending--
		if r.failed == "" {
			c.stats.Delivered++
		} else {
			c.stats.Dropped[r.failed]++
		}
	}
}

func (c *Client) run() {
	defer close(c.done)
	tick := time.NewTicker(c.o.FlushInterval)
	defer tick.Stop()
	for {
		select {
		case q := <-c.queue:
			if q.flush != nil {
				c.drainQueue()
				c.sendAll(true)
				close(q.flush)
				continue
			}
			c.route(q)
			c.sendAll(false)
		case <-tick.C:
			c.sendAll(true)
		case <-c.stop:
			return
		}
	}
}

// drainQueue routes what is queued now (a flush covers every event tracked before it).
func (c *Client) drainQueue() {
	for {
		select {
		case q := <-c.queue:
			if q.flush != nil {
				defer close(q.flush)
				continue
			}
			c.route(q)
		default:
			return
		}
	}
}

func (c *Client) sendAll(force bool) {
	for _, l := range c.lanes {
		for {
			c.mu.Lock()
			n := len(l.waiting)
			if n == 0 || (!force && n < c.o.BatchSize) {
				c.mu.Unlock()
				break
			}
			if n > c.o.BatchSize {
				n = c.o.BatchSize
			}
			batch := append([]*record(nil), l.waiting[:n]...)
			l.waiting = l.waiting[n:]
			c.mu.Unlock()
			c.send(l, batch)
		}
	}
}

func (c *Client) send(l *lane, batch []*record) {
	envs := make([]*Envelope, len(batch))
	jsons := make([][]byte, len(batch))
	for i, r := range batch {
		envs[i], jsons[i] = r.env, r.json
	}
	reported := make([]bool, len(batch))
	report := func(i int, reason string) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if i < 0 || i >= len(batch) || reported[i] {
			return
		}
		reported[i] = true
		c.settle(l, batch[i], reason)
	}
	var panicked string
	func() {
		defer recoverTo(&panicked)
		l.sink.Send(c.ctx, envs, jsons, report)
	}()
	reason := ""
	if panicked != "" {
		reason = "sinkError"
		c.warn("sinkError:"+l.sink.Name(), "sink %q panicked (%s); its batch is dropped as sinkError", l.sink.Name(), panicked)
	}
	for i := range batch {
		report(i, reason)
	}
}

func (c *Client) route(q queued) {
	var rec *record
	reason := "internal"
	var p string
	func() {
		defer recoverTo(&p)
		rec, reason = c.build(q)
	}()
	if p != "" {
		rec, reason = nil, "internal"
		c.warn("internal:"+q.spec.Event, "building event %q panicked (%s); dropped as internal", q.spec.Event, p)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if rec == nil {
		c.stats.Pending--
		c.stats.Dropped[reason]++
		return
	}
	kinds := q.spec.Kinds
	metrics := false
	var lanes []*lane
	for _, k := range kinds {
		if k == "metrics" {
			metrics = true
		}
	}
	for _, l := range c.lanes {
		for _, k := range kinds {
			if l.sink.Accepts(k) {
				lanes = append(lanes, l)
				break
			}
		}
	}
	if metrics {
		c.registry.record(q.spec, rec.env.Properties)
	}
	if len(lanes) == 0 {
		c.stats.Pending--
		if metrics {
			c.stats.Delivered++
			return
		}
		c.stats.Dropped["noRoute"]++
		return
	}
	rec.open = len(lanes)
	for _, l := range lanes {
		l.stats.Enqueued++
		l.stats.Pending++
		l.waiting = append(l.waiting, rec)
	}
}

func (c *Client) build(q queued) (*record, string) {
	spec := q.spec
	props := q.props
	if len(spec.Globals) > 0 || len(spec.Clock) > 0 || len(spec.Fixed) > 0 {
		merged := map[string]interface{}{}
		if len(spec.Globals) > 0 && c.o.Globals != nil {
			var g map[string]interface{}
			var p string
			func() {
				defer recoverTo(&p)
				g = c.o.Globals()
			}()
			for _, k := range spec.Globals {
				if v, ok := g[k]; ok && v != nil {
					merged[k] = v
				}
			}
		}
		for _, k := range spec.Clock {
			merged[k] = isoTime(q.t)
		}
		for k, v := range spec.Fixed {
			merged[k] = v
		}
		for k, v := range props {
			if v != nil {
				merged[k] = v
			}
		}
		props = merged
	}
	if len(spec.Normalize) > 0 || len(spec.Limits) > 0 {
		props = ApplyRules(spec, props)
	}
	if c.o.SampleRate < 1 && !spec.Critical && !keepSample(c.o.SampleKey(spec.Event, props), c.o.SampleRate) {
		return nil, "sampled"
	}
	var keep *keepTrie
	if len(spec.Keep) > 0 {
		c.mu.Lock()
		keep = c.keep[spec.Event]
		if keep == nil {
			keep = newKeepTrie(spec.Keep)
			c.keep[spec.Event] = keep
		}
		c.mu.Unlock()
	}
	sv, err := sanitize(props, c.sensitive, keep, 0)
	if err != nil {
		c.warn("unserializable:"+spec.Event, "event %q cannot be serialised (%v); dropped as unserializable", spec.Event, err)
		return nil, "unserializable"
	}
	properties, _ := sv.(map[string]interface{})
	if properties == nil {
		properties = map[string]interface{}{}
	}
	if !c.o.IncludeContent {
		for _, p := range spec.Content {
			atPath(properties, p, func(parent interface{}, key string) { setAt(parent, key, nil, true) })
		}
	}
	for _, p := range spec.Redact {
		atPath(properties, p, func(parent interface{}, key string) { setAt(parent, key, Redacted, false) })
	}
	env := &Envelope{Event: spec.Event, Version: spec.Version, ID: c.newID(), Timestamp: isoTime(q.t), Properties: properties, Context: c.context}
	if q.person != nil {
		if pv, err := sanitize(q.person, c.sensitive, nil, 0); err == nil {
			env.Person, _ = pv.(map[string]interface{})
		}
	}
	b, err := json.Marshal(env)
	if err != nil {
		return nil, "unserializable"
	}
	if len(b) > c.o.MaxEventBytes {
		c.warn("tooLarge:"+spec.Event, "event %q is larger than MaxEventBytes (%d); dropped as tooLarge", spec.Event, c.o.MaxEventBytes)
		return nil, "tooLarge"
	}
	if spec.Deprecated {
		c.warn("deprecated:"+spec.Event, "event %q is deprecated", spec.Event)
	}
	return &record{env: env, json: b}, ""
}
