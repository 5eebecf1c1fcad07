package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// TestVisibilityLagOneServer probes an in-process server: every probe is
// found by similarity on the server that took it, while a paced
// background load is acknowledged in full.
func TestVisibilityLagOneServer(t *testing.T) {
	ctx := context.Background()
	local, err := startLocal(ctx, "normal", "bench", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer local.close(ctx)
	corpus := bench.LoadCorpus(t.TempDir())
	targets := []bench.Target{bench.NewTarget(local.url, local.key, 4)}
	bg, stop := context.WithCancel(ctx)
	paced := make(chan [2]int, 1)
	go func() { a, f := bench.Paced(bg, targets, corpus, "bg", 20); paced <- [2]int{a, f} }()
	r := bench.VisibilityLag(ctx, targets, corpus, "lag", "probe", 5, 10*time.Millisecond, 30*time.Second)
	stop()
	p := <-paced
	if r.Probes != 5 || r.Observations != 5 || r.Missed != 0 || r.P50 <= 0 || r.P99 < r.P50 || r.Max < r.P99 {
		t.Errorf("lag = %+v, want 5 probes seen once each with ordered percentiles", r)
	}
	if p[0] == 0 || p[1] != 0 {
		t.Errorf("background load: %d acknowledged, %d failed; want some and none", p[0], p[1])
	}
}

// TestVisibilityLagMisses counts a conversation that is never listed as
// missed, and stops after three probes that no server saw: two servers on
// databases of their own never see each other's writes.
func TestVisibilityLagMisses(t *testing.T) {
	ctx := context.Background()
	var targets []bench.Target
	for range 2 {
		local, err := startLocal(ctx, "normal", "bench", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer local.close(ctx)
		targets = append(targets, bench.NewTarget(local.url, local.key, 1))
	}
	r := bench.VisibilityLag(ctx, targets, bench.LoadCorpus(t.TempDir()), "lag", "probe", 10, 10*time.Millisecond, 300*time.Millisecond)
	if r.Probes != 3 || r.Observations != 0 || r.Missed != 3 {
		t.Errorf("lag = %+v, want 3 probes, all missed", r)
	}
}

// TestVisibleWithoutAnalysis: a server whose analysis never runs lists
// every tracked probe all the same, at once, since a track indexes its
// conversation itself.
func TestVisibleWithoutAnalysis(t *testing.T) {
	ctx := context.Background()
	local, err := startLocal(ctx, "normal", "bench", func(c *config.Config) { c.Workers = 0 }) // analysis never runs
	if err != nil {
		t.Fatal(err)
	}
	defer local.close(ctx)
	// Older conversations of the same wording, analysed by no one either.
	target := bench.NewTarget(local.url, local.key, 4)
	bench.Seed(ctx, target, bench.LoadCorpus(t.TempDir()), "older", 50, 4)
	r := bench.VisibilityLag(ctx, []bench.Target{target}, bench.LoadCorpus(t.TempDir()), "lag", "probe", 5, 10*time.Millisecond, 5*time.Second)
	if r.Probes != 5 || r.Observations != 5 || r.Missed != 0 {
		t.Errorf("lag = %+v, want 5 probes, all seen", r)
	}
}

// TestBenchServers runs two real "fathom serve" processes on one
// PostgreSQL database through --only servers' code: the load reaches
// both, and every probe written through one is found through the other,
// then analysed and counted in the other's issue types.
func TestBenchServers(t *testing.T) {
	engineIndependent(t)
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	pgtest.NewDatabase(t) // skips (or fails in CI) when PostgreSQL is not reachable
	exe, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	b := &serversBench{out: &out, corpus: bench.LoadCorpus(t.TempDir()), servers: []int{2}, adminURL: pgtest.ServerURL(),
		concurrency: 4, trackFor: time.Second, probes: 4, lagRate: 10, exe: exe}
	if err := b.run(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	cells := b.table.cells
	if track := cells["track (10 messages), all servers together"]["2 servers"]; !strings.Contains(track, "req/s") || strings.Contains(track, "errors") {
		t.Errorf("track: %q\n%s", track, out.String())
	}
	if lag := cells["visibility lag, written on one server, found on another"]["2 servers"]; !strings.Contains(lag, "(4 seen, 0 missed)") {
		t.Errorf("lag: %q, want every probe seen by the other server\n%s", lag, out.String())
	}
	// The same probes are analysed and counted in the issue types of the
	// other server.
	if a := cells["analysis lag of the same probes (stored)"]["2 servers"]; !strings.Contains(a, "(4 analysed, 0 not within") {
		t.Errorf("analysis: %q, want every probe analysed\n%s", a, out.String())
	}
	if k := cells["issue types lag, written on one server, counted on another"]["2 servers"]; !strings.Contains(k, "(4 counted, 0 not within") {
		t.Errorf("issue types: %q, want every probe counted by the other server\n%s", k, out.String())
	}
	if regexp.MustCompile(`logged [1-9]`).MatchString(out.String()) {
		t.Errorf("a server logged errors:\n%s", out.String())
	}
}
