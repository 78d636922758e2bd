// The generated Go module: `go vet`, `go build` and `go test` (the runtime's own tests,
// shipped in the module) pass on the seed's module and on a hostile taxonomy's module;
// wire names survive keyword and case-colliding names; misuse does not compile.
// Go 1.19 from Debian (scripts/setup-go.sh); standard library only, so no module proxy.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goFiles } from '@taxonomy/gen-go';
import { hostileModel } from '../../python/test/hostile.js';

const repo = join(import.meta.dirname, '../../..');
let dir: string;
const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };

function go(cwd: string, ...args: string[]) {
  return spawnSync('go', args, { cwd, encoding: 'utf8', env, timeout: 120_000 });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gen-go-'));
  cpSync(join(repo, 'packages/tracker-go'), join(dir, 'seed'), { recursive: true });
  for (const f of goFiles(hostileModel(), { modulePath: 'hostile/tracker' })) {
    const p = join(dir, 'hostile', f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
  // Uses of the hostile module inside it, as a test: wire names are the taxonomy's.
  writeFileSync(join(dir, 'hostile', 'usage_test.go'), `package tracker

import (
	"context"
	"testing"
)

func TestWireNamesSurvive(t *testing.T) {
	var got []*Envelope
	c := NewClient(Options{Sinks: []Sink{&FuncSink{Fn: func(e *Envelope) error { got = append(got, e); return nil }}}})
	c.Track(Class{Class: "c", Self: "s", Type: Ptr("t"), Func: Ptr("f"), Import: Ptr("i"), Len: Ptr("l"), Nil: Ptr("n"), Interface: Ptr("i")})
	c.Track(Func{UserId: "u", Userid: Ptr(int64(1)), UserId2: Ptr(true)})
	c.Track(Import{Obj: ImportObj{Class: "c", Len: Ptr(int64(2))}})
	c.Track(Type{Kind: TypeKindItSQ})
	c.Track(Foo{A: Ptr("upper")})
	c.Track(Foo2{A: Ptr("lower")})
	c.Track(TypeImport{X: Ptr("x")})
	s := c.Close(context.Background())
	if s.Delivered != 7 || len(got) != 7 {
		t.Fatalf("stats %+v, got %d", s, len(got))
	}
	want := []string{"class", "func", "import", "type", "Foo", "foo", "type.import"}
	for i, e := range got {
		if e.Event != want[i] {
			t.Errorf("event %d is %q, want %q", i, e.Event, want[i])
		}
	}
	p := got[0].Properties
	if p["class"] != "c" || p["self"] != "s" || p["type"] != "t" || p["import"] != "i" || p["len"] != "l" || p["nil"] != "n" {
		t.Errorf("class properties: %v", p)
	}
	if q := got[1].Properties; q["userId"] != "u" || q["userid"] != int64(1) || q["UserId"] != true {
		t.Errorf("func properties: %v", q)
	}
	if o := got[2].Properties["obj"].(map[string]interface{}); o["class"] != "c" || o["len"] != int64(2) {
		t.Errorf("import obj: %v", o)
	}
	if got[3].Properties["kind"] != "it's \\"q\\"" {
		t.Errorf("enum value: %v", got[3].Properties)
	}
}
`);
  // Seed 001's checks through the seed module's typed structs (its CurrencyCodes are NewClient's default).
  writeFileSync(join(dir, 'seed', 'seed001_test.go'), `package tracker

import (
	"context"
	"testing"
)

func TestSeed001ChecksThroughTypedStructs(t *testing.T) {
	var got []*Envelope
	c := NewClient(Options{Logger: func(string, ...interface{}) {}, Sinks: []Sink{&FuncSink{Fn: func(e *Envelope) error { got = append(got, e); return nil }}}})
	for _, cur := range []string{"usd", "US", "USDX", "ABC"} {
		c.Track(PurchaseCompleted{OrderId: cur, Revenue: 1, Currency: cur})
	}
	c.Track(CsatSubmitted{Score: 6, MaxScore: Ptr(int64(5))})
	c.Track(CsatSubmitted{Score: 5, MaxScore: Ptr(int64(5))})
	c.Track(MessageImpression{MessageId: "m1"})
	c.Track(MessageImpression{MessageId: "m1"})
	s := c.Close(context.Background())
	if s.Delivered != 3 || s.Dropped["invalid"] != 4 || s.Dropped["duplicate"] != 1 {
		t.Fatalf("want 3 delivered, 4 invalid, 1 duplicate; got %+v", s)
	}
	if got[0].Event != "purchase_completed" || got[0].Properties["currency"] != "USD" {
		t.Errorf("want USD sent, got %v", got[0].Properties)
	}
	if len(CurrencyCodes) < 150 {
		t.Errorf("CurrencyCodes has %d codes", len(CurrencyCodes))
	}
}
`);
  const misuse = {
    unknown: 'x := tracker.WorkbenchDraftDeletedForever{}\n\t_ = x',
    wrongtype: 'c.Track(tracker.WorkbenchDraftCreated{Source: tracker.WorkbenchDraftCreatedSourceChat, NodeCount: tracker.Ptr("three")})',
    notanevent: 'c.Track(struct{ Source string }{"chat"})',
    unknownfield: 'c.Track(tracker.WorkbenchDraftCreated{Source: tracker.WorkbenchDraftCreatedSourceChat, NoSuchProperty: 1})',
  };
  for (const [name, body] of Object.entries(misuse)) {
    mkdirSync(join(dir, 'seed', 'misuse', name), { recursive: true });
    writeFileSync(join(dir, 'seed', 'misuse', name, 'main.go'), `package main\n\nimport tracker "acme-analytics/tracker"\n\nfunc main() {\n\tc := tracker.NewClient(tracker.Options{})\n\t_ = c\n\t${body}\n}\n`);
  }
}, 60_000);
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('generated Go module', () => {
  it('go version is 1.19 or newer (Debian golang-go: bash scripts/setup-go.sh)', () => {
    const r = go(repo, 'version');
    expect(r.status, `go is missing: run bash scripts/setup-go.sh\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/go1\.(19|[2-9]\d)/);
  });

  it.each(['seed', 'hostile'])('%s: go vet, go build and go test pass', (name) => {
    const cwd = join(dir, name);
    const pkgs = name === 'seed' ? ['.'] : ['./...'];
    for (const args of [['vet', ...pkgs], ['build', ...pkgs], ['test', '-count=1', ...pkgs]]) {
      const r = go(cwd, ...args);
      expect(r.status, `go ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`).toBe(0);
    }
  }, 150_000);

  it('misuse does not compile: unknown events, wrong property types, non-events, unknown properties', () => {
    const r = go(join(dir, 'seed'), 'build', '-o', '/dev/null', './misuse/...');
    expect(r.status).not.toBe(0);
    for (const [pkg, re] of [['unknown', /undefined: tracker\.WorkbenchDraftDeletedForever/], ['wrongtype', /cannot use tracker\.Ptr\("three"\)/],
      ['notanevent', /does not implement tracker\.Event|cannot use struct/], ['unknownfield', /unknown field .?NoSuchProperty/]] as const) {
      expect(r.stderr, pkg).toMatch(re);
    }
  }, 150_000);
});
