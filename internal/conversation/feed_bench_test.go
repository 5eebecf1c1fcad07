package conversation

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// BenchmarkFollowerReload measures what a model save costs each server
// sharing the database: loading the tenant's saved model, names and
// solutions again and recounting its analyses (ReloadModel), at
// FATHOM_BENCH_CONVERSATIONS (default 10,000) one-message conversations of
// BANKING77 text.
//
//	go test ./internal/conversation -run '^$' -bench FollowerReload -benchtime 5x
func BenchmarkFollowerReload(b *testing.B) {
	n, texts := benchTexts(b, 10_000)
	ctx := context.Background()
	st := sqlitetest.Open(b, b.TempDir())
	tn := newTenant(b, st)
	a := newServer(b, st, "a")
	for i := range n {
		_, err := a.Track(ctx, tn, TrackParams{ConversationID: fmt.Sprintf("c-%d", i), Messages: []MessageInput{
			{Role: fathom.RoleUser, Content: texts[(i*7919)%len(texts)]}}})
		if err != nil {
			b.Fatal(err)
		}
	}
	for {
		if err := a.AnalyzeTenant(ctx, tn); err != nil {
			b.Fatal(err)
		}
		if idle, err := a.AnalysisIdle(ctx); err != nil {
			b.Fatal(err)
		} else if idle {
			break
		}
	}
	f2 := newServer(b, st, "b")
	b.ResetTimer()
	for b.Loop() {
		if err := f2.know.ReloadModel(tn, savedKnowledge{ctx: ctx, st: st, tenantID: tn}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCrossServerLag measures, on PostgreSQL, how long after a track
// is acknowledged by one server another server's answers include it: its
// analysis (run on the first server, as the job queue would, polling every
// 50 ms), then the other server's next read of the change feed (default
// poll). Background writers keep FATHOM_BENCH_RATE (default 100) other
// tracks per second going meanwhile. It reports the lag's p50 and p99 over
// FATHOM_BENCH_PROBES (default 100) probes, one at a time, and fails when
// the p99 misses the 2 s target (docs/benchmarks.md).
//
//	go test ./internal/conversation -run '^$' -bench CrossServerLag -benchtime 1x
func BenchmarkCrossServerLag(b *testing.B) {
	probes, rate := envInt("FATHOM_BENCH_PROBES", 100), envInt("FATHOM_BENCH_RATE", 100)
	ctx := context.Background()
	st := pgtest.Open(b)
	tn := newTenant(b, st)
	// The servers' defaults: the model saved every ModelSaveEvery.
	a := newServerWith(b, st, Config{Server: "a", FeedGapWait: time.Second})
	f := newServerWith(b, st, Config{Server: "b", FeedGapWait: time.Second})
	f.feed.wake = make(chan struct{}, 1)
	bg, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { stop(); wg.Wait() }()
	wg.Add(4)
	go func() { defer wg.Done(); f.Follow(bg) }()
	go func() { defer wg.Done(); a.Follow(bg) }()
	go func() { // the job queue: analyse, then poll again
		defer wg.Done()
		for bg.Err() == nil {
			if err := a.AnalyzeTenant(bg, tn); err != nil && bg.Err() == nil {
				b.Error(err)
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	go func() { // the load
		defer wg.Done()
		tick := time.NewTicker(time.Second / time.Duration(rate))
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-bg.Done():
				return
			case <-tick.C:
			}
			trackTopic(b, a, tn, fmt.Sprintf("load-%d", i), i)
		}
	}()
	lags := make([]time.Duration, 0, probes)
	for b.Loop() {
		lags = lags[:0]
		for i := range probes {
			id := fmt.Sprintf("probe-%d-%d", b.N, i)
			trackTopic(b, a, tn, id, i)
			acked := time.Now()
			c, err := st.ConversationGetByExternalID(ctx, tn, id)
			if err != nil {
				b.Fatal(err)
			}
			deadline := time.After(30 * time.Second)
			for {
				if issue, _ := f.know.Conversation(tn, c.ID); issue != nil {
					break
				}
				select {
				case <-f.feed.wake:
				case <-deadline:
					b.Fatalf("probe %s not on the other server after 30s", id)
				}
			}
			lags = append(lags, time.Since(acked))
		}
	}
	slices.Sort(lags)
	p99 := lags[len(lags)*99/100]
	b.ReportMetric(float64(lags[len(lags)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lags[len(lags)-1].Microseconds())/1000, "max-ms")
	if p99 > crossServerLagTarget {
		b.Errorf("lag p99 %s, target %s", p99.Round(time.Millisecond), crossServerLagTarget)
	}
}

// crossServerLagTarget bounds the p99 of the time from a track
// acknowledged by one server to its conversation in another's answers.
const crossServerLagTarget = 2 * time.Second

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
