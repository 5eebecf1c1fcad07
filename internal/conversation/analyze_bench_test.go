//go:build unix

package conversation

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/cputime"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// BenchmarkAnalyzeTenant measures the analysis of a backlog on each
// engine: each iteration gives a new tenant FATHOM_BENCH_CONVERSATIONS
// (default 2,000) conversations of 3 messages (a third of them resolved)
// and analyses until none waits, as the server would: alone on SQLite,
// sharing its database on PostgreSQL (change feed, a model save and
// reload per round). It reports messages analysed per second and per
// CPU-second of this process (PostgreSQL's own CPU is not in it).
//
//	go test ./internal/conversation -run '^$' -bench AnalyzeTenant -benchtime 3x
func BenchmarkAnalyzeTenant(b *testing.B) {
	n := envInt("FATHOM_BENCH_CONVERSATIONS", 2000)
	engines := []struct {
		name   string
		open   func(b *testing.B) store.Store
		server string
	}{
		{"sqlite", func(b *testing.B) store.Store { return sqlitetest.Open(b, b.TempDir()) }, ""},
		{"postgres", func(b *testing.B) store.Store { return pgtest.Open(b) }, "a"},
	}
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			ctx := context.Background()
			st := e.open(b)
			s := NewService(Deps{Store: st, Queue: &committedQueue{}, Index: search.NewCatalog(), Knowledge: knowledge.New(issuetype.Config{})},
				Config{Server: e.server, AnalysisDuty: 1})
			if err := s.OpenFeed(ctx); err != nil {
				b.Fatal(err)
			}
			var took, cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				tn := benchTenant(b, st, 0)
				for i := range n {
					trackTopic(b, s, tn, fmt.Sprint("c-", i), i)
				}
				b.StartTimer()
				started, used := time.Now(), cputime.Process()
				analyseUntilIdle(b, s, tn)
				took, cpu = took+time.Since(started), cpu+cputime.Process()-used
			}
			msgs := float64(3 * n * b.N)
			b.ReportMetric(msgs/took.Seconds(), "msgs/s")
			if cpu > 0 {
				b.ReportMetric(msgs/cpu.Seconds(), "msgs/cpu-s")
			}
		})
	}
}
