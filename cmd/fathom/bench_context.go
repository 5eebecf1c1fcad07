package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/fathom-oss/fathom/internal/bench"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/cputime"
)

// contextBench measures the Context API: track throughput, then
// similarity latency after seeding to each size. It loads the server at
// url, or one it starts in this process on the engine's database.
type contextBench struct {
	out            io.Writer
	corpus         *bench.Corpus
	sizes          []int
	only           string // "", "track" or "similarity"
	concurrency    int
	trackFor       time.Duration
	trackRate      int // track requests a second, open loop; 0: concurrency clients as fast as they go
	queries        int
	simConcurrency int
	synchronous    string
	// url and key name a running server; empty to start one.
	url, key string
	// embeddings is the in-process server's --embeddings-model-dir (empty:
	// none); byMeaning its --issue-types-by-meaning.
	embeddings string
	byMeaning  bool
	// db is the database of the server started here.
	db *benchDatabase
	// table, when not nil, receives the figures under column.
	table  *sideBySide
	column string
	// beforeClose runs while the in-process server still holds its data.
	beforeClose func()
}

func (b *contextBench) run(ctx context.Context) error {
	out := b.out
	url, key := b.url, b.key
	var local *localServer
	if url == "" {
		var err error
		local, err = startLocal(ctx, b.synchronous, "bench", func(c *config.Config) {
			c.DatabaseURL, c.EmbeddingsModelDir, c.IssueTypesByMeaning = b.db.url, b.embeddings, b.byMeaning
		})
		if err != nil {
			return err
		}
		defer local.close(ctx)
		url, key = local.url, local.key
		note := b.db.String()
		if b.db.engine == config.EngineSQLite {
			note = "sqlite synchronous=" + b.synchronous
		}
		fmt.Fprintf(out, "server: in-process at %s, %s\n", url, note)
	}
	target := bench.NewTarget(url, key, b.concurrency)
	run := fmt.Sprintf("%d", time.Now().UnixNano())

	total := 0
	if b.only != "similarity" {
		loading, loaded := context.WithCancel(ctx)
		fresh := make(chan freshResult, 1)
		go func() { fresh <- b.freshness(ctx, loading, url, key, local, run) }()
		var r bench.Result
		if b.trackRate > 0 {
			// Up to a second's worth of requests wait at once; past that
			// the load counts them as skipped.
			rated := bench.TrackAt(ctx, bench.NewTarget(url, key, b.trackRate), b.corpus, "bench-track-"+run, b.trackRate, b.trackFor, max(b.trackRate, 64))
			r = rated.Result
			loaded()
			fmt.Fprintln(out, rated)
			b.add("track offered (open loop), requests/s", fmt.Sprintf("%d: achieved %.0f, %d skipped", rated.Offered, rated.Achieved, rated.Skipped))
		} else {
			r = bench.Track(ctx, target, b.corpus, "bench-track-"+run, b.concurrency, b.trackFor)
			loaded()
			fmt.Fprintln(out, r)
		}
		fmt.Fprintf(out, "  = %.0f messages/s stored\n", r.Throughput*10)
		b.addResult("track (10 messages), requests/s", r, true)
		total = r.Requests
		if local != nil {
			backlog, _ := local.app.DB.ConversationCountDirty(ctx)
			cpu := cputime.Process()
			lag := local.waitAnalysed(ctx)
			used := cputime.Process() - cpu
			fmt.Fprintf(out, "  analysis caught up %s after the load stopped%s\n", lag.Round(time.Millisecond), drainRate(backlog, 10, lag, used))
			b.add("analysis caught up after the track load", lag.Round(100*time.Millisecond).String())
			if backlog > 0 && lag > 0 && used > 0 {
				msgs := float64(backlog * 10)
				b.add("analysis drain, messages/s (per CPU-second)", fmt.Sprintf("%.0f (%.0f)", msgs/lag.Seconds(), msgs/used.Seconds()))
			}
		}
		// After the drain is timed: the probes' analyses are waited for.
		b.reportFreshness(<-fresh)
	}
	if b.only == "track" {
		return nil
	}
	for _, n := range b.sizes {
		if err := ctx.Err(); err != nil { // interrupted: print no empty figures
			return err
		}
		if n > total {
			s := bench.Seed(ctx, target, b.corpus, fmt.Sprintf("bench-seed-%s-%d", run, n), n-total, b.concurrency)
			fmt.Fprintln(out, s)
			b.addResult(fmt.Sprintf("seed to %d (2 messages)", n), s, true)
			total = n
			if local != nil {
				backlog, _ := local.app.DB.ConversationCountDirty(ctx)
				cpu := cputime.Process()
				lag := local.waitAnalysed(ctx)
				fmt.Fprintf(out, "  analysis caught up %s after seeding%s\n", lag.Round(time.Millisecond), drainRate(backlog, 2, lag, cputime.Process()-cpu))
				b.add(fmt.Sprintf("analysis caught up after seeding to %d", n), lag.Round(100*time.Millisecond).String())
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		bench.Similarity(ctx, target, b.corpus, "warm-up", 200, b.simConcurrency, 10)
		sr := bench.Similarity(ctx, target, b.corpus, fmt.Sprintf("similarity @%d", total), b.queries, b.simConcurrency, 10)
		fmt.Fprintln(out, sr)
		row := fmt.Sprintf("similarity at %d", n)
		if total > n { // the track load alone went past n: sizes differ by engine
			row = fmt.Sprintf("similarity after the track load (%d or more)", n)
		}
		b.addResult(row, sr, false)
	}
	if b.beforeClose != nil {
		b.beforeClose()
	}
	return nil
}

func (b *contextBench) add(row, figure string) {
	if b.table != nil {
		b.table.add(b.column, row, figure)
	}
}

func (b *contextBench) addResult(row string, r bench.Result, rate bool) {
	if b.table != nil {
		b.table.addResult(b.column, row, r, rate)
	}
}

// freshResult is what the probes beside a track load measured.
type freshResult struct {
	visible  bench.LagResult
	analysed *bench.LagResult // nil without a database to read
}

// freshness tracks a probe conversation through the server every
// freshEvery while the track load runs (until loading ends), and measures
// how long each takes to be listed by similarity and, on a server started
// here, to have its analysis stored: the first is what a client sees, the
// second how far analysis lags under the load.
func (b *contextBench) freshness(ctx, loading context.Context, url, key string, local *localServer, run string) freshResult {
	var analysis *bench.AnalysisLag
	if local != nil {
		analysis = bench.NewAnalysisLag(func(ctx context.Context, id string) (bool, error) {
			c, err := local.app.DB.ConversationGetByExternalID(ctx, local.tenantID, id)
			if err != nil {
				return false, err
			}
			return c.MessageCount > 0 && c.AnalyzedCount == c.MessageCount, nil
		}, 50*time.Millisecond, freshAnalysisTimeout)
	}
	probes := bench.NewTarget(url, key, 16)
	r := freshResult{visible: bench.VisibilityLagUntil(ctx, loading, []bench.Target{probes}, b.corpus, "visible under the track load",
		"bench-fresh-"+run, freshEvery, lagPoll, freshTimeout, analysis)}
	if analysis != nil {
		a := analysis.Result("analysed under the track load")
		r.analysed = &a
	}
	return r
}

// freshEvery is how often a probe is tracked beside the track load, and
// freshTimeout how long it is waited for before it counts as missed.
const (
	freshEvery   = 250 * time.Millisecond
	freshTimeout = 2 * time.Minute
)

// freshAnalysisTimeout is how long a probe's analysis is waited for: the
// analysis backlog of a long load may take minutes to drain.
const freshAnalysisTimeout = 5 * time.Minute

func (b *contextBench) reportFreshness(r freshResult) {
	fmt.Fprintln(b.out, r.visible)
	b.add("visible under the track load (a probe every 250 ms)",
		fmt.Sprintf("p50 %s, p99 %s, max %s (%d seen, %d missed)", fmtDuration(r.visible.P50), fmtDuration(r.visible.P99),
			fmtDuration(r.visible.Max), r.visible.Observations, r.visible.Missed))
	if a := r.analysed; a != nil {
		fmt.Fprintln(b.out, *a)
		b.add("analysed under the track load (the same probes)",
			fmt.Sprintf("p50 %s, p99 %s, max %s (%d analysed, %d not within %s)", fmtDuration(a.P50), fmtDuration(a.P99),
				fmtDuration(a.Max), a.Observations, a.Missed, freshAnalysisTimeout))
	}
}
