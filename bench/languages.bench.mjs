// `npm run bench -- languages`: generating the Python and the Go tracker for 2,000 events,
// each as a ratio to the TypeScript generator in the same run (rounds interleaved, model loaded
// once); then the per-call cost of Python's track() against appending a dict to a list, and of
// Go's Track against a send on a buffered channel (ns/op and allocs/op), same process each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy } from '@taxonomy/core';
import { typescriptGenerator } from '@taxonomy/gen-typescript';
import { pythonGenerator } from '@taxonomy/gen-python';
import { goGenerator } from '@taxonomy/gen-go';
import { makeTempTaxonomy } from './make-taxonomy.mjs';
import { median, report, save } from './lib.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const EVENTS = 2000, ROUNDS = 7;

async function generation() {
  const root = makeTempTaxonomy(EVENTS);
  const { model } = loadTaxonomy(join(root, 'taxonomy'), { cwd: root });
  const gens = [typescriptGenerator, pythonGenerator, goGenerator];
  const times = new Map(gens.map((g) => [g.name, []]));
  for (let r = 0; r < ROUNDS + 1; r++) {
    for (const g of gens) {
      const t = performance.now();
      await g.generate(model, {});
      if (r > 0) times.get(g.name).push(performance.now() - t); // round 0 warms up
    }
  }
  rmSync(root, { recursive: true, force: true });
  const rows = gens.map((g) => ({ name: `generate ${g.name} (${EVENTS} events)`, value: median(times.get(g.name)), unit: 'ms', higherIsBetter: false }));
  report(`Generators on ${EVENTS} events, median of ${ROUNDS} interleaved rounds (target: Python and Go <= 1.0x TypeScript)`, rows, rows[0].name);
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

const PY = `
import sys, time, gc
sys.path.insert(0, ${JSON.stringify(join(repo, 'packages/tracker-python'))})
from acme_analytics_tracker import FunctionSink, Tracker
N, CHUNK = 200_000, 1000
def per_call(fn):
    xs = []
    for c in range(N // CHUNK):
        t = time.perf_counter_ns()
        for i in range(CHUNK):
            fn(i)
        xs.append((time.perf_counter_ns() - t) / CHUNK)
    xs = sorted(xs[len(xs)//4:])
    return xs[len(xs)//2]
lst = []
def baseline(i):
    lst.append({"source": "chat", "draftId": "d", "nodeCount": i})
t = Tracker(FunctionSink(lambda e: None), max_queue=N * 2, globals={"sessionId": "s-1"}, drain_at_exit=False)
wb = t.workbench
def track(i):
    wb.draft_created(source="chat", draftId="d", nodeCount=i)
b = per_call(baseline)
k = per_call(track)
s = t.shutdown(60)
assert s.delivered == N and sum(s.dropped.values()) == 0, s
print(b, k)
`;

const GO = `package main

import (
	"context"
	"fmt"
	"testing"

	tracker "acme-analytics/tracker"
)

type sink struct{}

func (sink) Name() string             { return "noop" }
func (sink) Accepts(kind string) bool { return kind != "metrics" }
func (sink) Send(_ context.Context, b []*tracker.Envelope, _ [][]byte, report func(int, string)) {}

func main() {
	ch := tracker.Ptr("d")
	base := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		c := make(chan tracker.WorkbenchDraftCreated, 1024)
		done := make(chan struct{})
		go func() { for range c {}; close(done) }()
		for i := 0; i < b.N; i++ {
			c <- tracker.WorkbenchDraftCreated{Source: tracker.WorkbenchDraftCreatedSourceChat, DraftId: ch, NodeCount: tracker.Ptr(int64(i))}
		}
		close(c)
		<-done
	})
	track := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		c := tracker.NewClient(tracker.Options{Sinks: []tracker.Sink{sink{}}, Globals: func() map[string]interface{} { return map[string]interface{}{"sessionId": "s-1"} }})
		for i := 0; i < b.N; i++ {
			c.Track(tracker.WorkbenchDraftCreated{Source: tracker.WorkbenchDraftCreatedSourceChat, DraftId: ch, NodeCount: tracker.Ptr(int64(i))})
		}
		b.StopTimer()
		c.Close(context.Background())
	})
	fmt.Println(base.NsPerOp(), base.AllocsPerOp(), track.NsPerOp(), track.AllocsPerOp())
}
`;

function pythonCalls() {
  const r = spawnSync('python3', ['-c', PY], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  const [base, track] = r.stdout.trim().split(/\s+/).map(Number);
  const rows = [{ name: 'python: list.append(dict)', value: base, unit: 'ns/op', higherIsBetter: false }, { name: 'python: tracker.workbench.draft_created(...)', value: track, unit: 'ns/op', higherIsBetter: false }];
  report('Python per call (median of 1,000-call chunks, first quarter dropped)', rows, rows[0].name);
  return { base, track };
}

function goCalls() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-go-'));
  writeFileSync(join(dir, 'go.mod'), `module benchgo\n\ngo 1.19\n\nrequire acme-analytics/tracker v0.0.0\n\nreplace acme-analytics/tracker => ${join(repo, 'packages/tracker-go')}\n`);
  writeFileSync(join(dir, 'main.go'), GO);
  const r = spawnSync('go', ['run', '.'], { cwd: dir, encoding: 'utf8', timeout: 600_000, env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off' } });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(r.stderr);
  const [bNs, bAllocs, tNs, tAllocs] = r.stdout.trim().split(/\s+/).map(Number);
  const rows = [{ name: 'go: send on a buffered channel', value: bNs, unit: 'ns/op', higherIsBetter: false }, { name: 'go: client.Track(event)', value: tNs, unit: 'ns/op', higherIsBetter: false }];
  report(`Go per call (testing.Benchmark; allocs/op: channel ${bAllocs}, Track ${tAllocs})`, rows, rows[0].name);
  return { channelNs: bNs, channelAllocs: bAllocs, trackNs: tNs, trackAllocs: tAllocs };
}

export default async function () {
  const gen = await generation();
  const py = pythonCalls();
  const go = goCalls();
  save('languages', { generation: gen, python: py, go });
}
