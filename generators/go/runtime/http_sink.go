package tracker

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// HTTPSink POSTs {"batch": [...]} to a collector: retries on network errors, 5xx, 408
// and 429 with exponential backoff and Retry-After; halves a batch on 413; drops (and
// counts) other 4xx as rejected.
type HTTPSink struct {
	URL           string
	Headers       map[string]string
	BodyFields    map[string]string // written before "batch" in every body (PostHog's api_key)
	SinkName      string            // default "http"
	Kinds         []string          // default every kind but metrics
	Retries       int               // default 5 (negative: none)
	RetryBase     time.Duration
	RetryMax      time.Duration
	MaxRetryAfter time.Duration
	MaxBatchBytes int
	Client        *http.Client
	limit         int
}

func (s *HTTPSink) Name() string {
	if s.SinkName == "" {
		return "http"
	}
	return s.SinkName
}

func (s *HTTPSink) Accepts(kind string) bool { return acceptsKind(s.Kinds, kind) }

// RetryAfter parses Retry-After (seconds or an HTTP date).
func RetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// Backoff is a delay in [d/2, d) where d = min(max, base·2^attempt).
func Backoff(attempt int, base, max time.Duration) time.Duration {
	d := base << uint(attempt)
	if d > max || d <= 0 {
		d = max
	}
	return d/2 + time.Duration(rand.Int63n(int64(d/2)+1))
}

func (s *HTTPSink) defaults() {
	if s.Retries == 0 {
		s.Retries = 5
	}
	if s.RetryBase == 0 {
		s.RetryBase = 500 * time.Millisecond
	}
	if s.RetryMax == 0 {
		s.RetryMax = 30 * time.Second
	}
	if s.MaxRetryAfter == 0 {
		s.MaxRetryAfter = 60 * time.Second
	}
	if s.MaxBatchBytes == 0 {
		s.MaxBatchBytes = 500000
	}
	if s.limit == 0 {
		s.limit = s.MaxBatchBytes
	}
	if s.Client == nil {
		s.Client = &http.Client{Timeout: 10 * time.Second}
	}
}

func (s *HTTPSink) Send(ctx context.Context, batch []*Envelope, jsons [][]byte, report func(int, string)) {
	s.defaults()
	idx := make([]int, len(batch))
	for i := range idx {
		idx[i] = i
	}
	// Chunks whose body stays within the learned limit (an event alone may exceed it).
	var cur []int
	size := 12
	for _, i := range idx {
		b := len(jsons[i]) + 1
		if len(cur) > 0 && size+b > s.limit {
			s.deliver(ctx, cur, jsons, report)
			cur, size = nil, 12
		}
		cur = append(cur, i)
		size += b
	}
	if len(cur) > 0 {
		s.deliver(ctx, cur, jsons, report)
	}
}

func (s *HTTPSink) deliver(ctx context.Context, idx []int, jsons [][]byte, report func(int, string)) {
	fail := func(reason string) {
		for _, i := range idx {
			report(i, reason)
		}
	}
	var body bytes.Buffer
	body.WriteByte('{')
	keys := make([]string, 0, len(s.BodyFields))
	for k := range s.BodyFields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(s.BodyFields[k])
		body.Write(kb)
		body.WriteByte(':')
		body.Write(vb)
		body.WriteByte(',')
	}
	body.WriteString(`"batch":[`)
	for n, i := range idx {
		if n > 0 {
			body.WriteByte(',')
		}
		body.Write(jsons[i])
	}
	body.WriteString("]}")
	retries := s.Retries
	if retries < 0 {
		retries = 0
	}
	for attempt := 0; ; attempt++ {
		if ctx.Err() != nil {
			fail("shutdown")
			return
		}
		var wait time.Duration
		hasWait := false
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body.Bytes()))
		if err != nil {
			fail("rejected")
			return
		}
		req.Header.Set("Content-Type", "application/json")
		for k, v := range s.Headers {
			req.Header.Set(k, v)
		}
		res, err := s.Client.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			st := res.StatusCode
			switch {
			case st >= 200 && st < 300:
				fail("")
				return
			case st == http.StatusRequestEntityTooLarge:
				if len(idx) == 1 {
					fail("tooLarge")
					return
				}
				if half := body.Len() / 2; half < s.limit {
					s.limit = half
					if s.limit < 1024 {
						s.limit = 1024
					}
				}
				mid := len(idx) / 2
				s.deliver(ctx, idx[:mid], jsons, report)
				s.deliver(ctx, idx[mid:], jsons, report)
				return
			case st >= 500 || st == 408 || st == 429:
				if d, ok := RetryAfter(res.Header.Get("Retry-After"), time.Now()); ok {
					wait, hasWait = d, true
					if wait > s.MaxRetryAfter {
						wait = s.MaxRetryAfter
					}
				}
			default:
				fail("rejected")
				return
			}
		}
		if ctx.Err() != nil {
			fail("shutdown")
			return
		}
		if attempt >= retries {
			fail("failed")
			return
		}
		if !hasWait {
			wait = Backoff(attempt, s.RetryBase, s.RetryMax)
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
		}
	}
}
