//go:build unix

package conversation

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// BenchmarkSimilarDuringAnalysis measures similarity requests served while
// a backlog of FATHOM_BENCH_CONVERSATIONS (default 2,000) two-message
// conversations is analysed, as BenchmarkAnalyzeConversations' lone
// server analyses them: a client asks one every 10 ms for as long as the
// analysis runs, and the benchmark reports the requests' median, 99th
// percentile and slowest latency; then 2,000 requests back to back once
// the analysis is done ("rest-"). A consolidation of the issue types
// (every tenth of the tenant's growth) is what the slowest ones wait for.
//
//	FATHOM_BENCH_CONVERSATIONS=60000 go test ./internal/conversation -run '^$' -bench SimilarDuringAnalysis -benchtime 1x
func BenchmarkSimilarDuringAnalysis(b *testing.B) {
	n, texts := benchTexts(b, 2000)
	ctx := context.Background()
	st := sqlitetest.Open(b, b.TempDir())
	s := bareServer(st, Config{AnalysisDuty: 1})
	var lat, rest []time.Duration
	iter := 0
	for b.Loop() {
		b.StopTimer()
		tn := trackBacklog(b, s, st, iter, n, texts)
		iter++
		b.StartTimer()
		stop, done := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for q := 0; ; q++ {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				started := time.Now()
				if _, err := s.Similar(ctx, tn, SimilarParams{Message: texts[q*104729%len(texts)]}); err != nil {
					b.Error(err)
					return
				}
				lat = append(lat, time.Since(started))
			}
		}()
		analyseUntilIdle(b, s, tn)
		close(stop)
		<-done
		// Then at rest, back to back, as fathom bench asks after a restart.
		b.StopTimer()
		for q := range 2000 {
			started := time.Now()
			if _, err := s.Similar(ctx, tn, SimilarParams{Message: texts[(q*7919+13)%len(texts)]}); err != nil {
				b.Fatal(err)
			}
			rest = append(rest, time.Since(started))
		}
		b.StartTimer()
	}
	if len(lat) == 0 {
		return
	}
	b.ReportMetric(float64(len(lat)), "requests")
	reportLatency(b, "", lat)
	reportLatency(b, "rest-", rest)
}

// reportLatency reports the median, 99th percentile and slowest of lat,
// in milliseconds, each metric's name after prefix.
func reportLatency(b *testing.B, prefix string, lat []time.Duration) {
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 }
	b.ReportMetric(ms(lat[len(lat)/2]), prefix+"p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), prefix+"p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), prefix+"max-ms")
}
