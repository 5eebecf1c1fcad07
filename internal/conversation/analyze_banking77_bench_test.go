//go:build unix

package conversation

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/cputime"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// benchReplies are the agent's replies of the benchmark's conversations,
// those of `fathom bench`'s seeding (internal/bench/run.go).
var benchReplies = []string{
	"Thanks for reaching out, let me look into that for you.",
	"Can you check whether your card has expired?",
	"I have reset that for you, please try again now.",
	"Could you tell me the date and amount of the transaction?",
	"That usually happens when the bank blocks the payment; please contact them.",
}

// BenchmarkAnalyzeConversations measures the analysis of a round's work
// per conversation, through the real service on SQLite: each iteration
// gives a new tenant FATHOM_BENCH_CONVERSATIONS (default 2,000)
// two-message conversations (a BANKING77 training text and an agent's
// reply, as `fathom bench` seeds them) and analyses until none waits.
// Three servers: one alone on SQLite, one sharing its SQLite database
// (change feed entries, the model saved at most every 2 s, and the job
// lingering for that save, so its wall time includes up to 2 s of
// waiting), and one sharing PostgreSQL (its CPU is not this process's;
// skipped without a test database). It reports the analysis' wall time, heap
// allocations and CPU time (of this process) per conversation; tracking
// is outside the timer. It also reports the CPU time of the analysing
// goroutine's own thread (Linux; the benchmark's goroutine, locked to its
// thread while it analyses), which leaves out what other goroutines do
// beside it (the readers of readAhead, the garbage collector's workers):
// the in-order part, which bounds the wall time on an idle machine, where
// a loaded machine's wall time says little.
//
//	go test ./internal/conversation -run '^$' -bench AnalyzeConversations -benchtime 3x -cpuprofile cpu.out
func BenchmarkAnalyzeConversations(b *testing.B) {
	n, texts := benchTexts(b, 2000)
	servers := []struct {
		name, id string
		open     func(b *testing.B) store.Store
	}{
		{"alone", "", func(b *testing.B) store.Store { return sqlitetest.Open(b, b.TempDir()) }},
		{"shared", "a", func(b *testing.B) store.Store { return sqlitetest.Open(b, b.TempDir()) }},
		{"postgres", "a", func(b *testing.B) store.Store { return pgtest.Open(b) }},
	}
	for _, server := range servers {
		b.Run(server.name, func(b *testing.B) {
			ctx := context.Background()
			st := server.open(b)
			s := bareServer(st, Config{Server: server.id, AnalysisDuty: 1})
			if err := s.OpenFeed(ctx); err != nil {
				b.Fatal(err)
			}
			var took, cpu, own time.Duration
			var allocs uint64
			var ms runtime.MemStats
			iter := 0
			for b.Loop() {
				b.StopTimer()
				tn := trackBacklog(b, s, st, iter, n, texts)
				iter++
				runtime.GC()
				runtime.ReadMemStats(&ms)
				mallocs := ms.Mallocs
				b.StartTimer()
				runtime.LockOSThread()
				started, used, thread := time.Now(), cputime.Process(), cputime.Thread()
				analyseUntilIdle(b, s, tn)
				took, cpu, own = took+time.Since(started), cpu+cputime.Process()-used, own+cputime.Thread()-thread
				runtime.UnlockOSThread()
				b.StopTimer()
				runtime.ReadMemStats(&ms)
				allocs += ms.Mallocs - mallocs
				b.StartTimer()
			}
			convs := float64(n * iter)
			b.ReportMetric(float64(took.Nanoseconds())/convs, "ns/conv")
			b.ReportMetric(float64(allocs)/convs, "allocs/conv")
			b.ReportMetric(cpu.Seconds()*1000/convs, "cpu-s/1000conv")
			if own > 0 {
				b.ReportMetric(own.Seconds()*1000/convs, "thread-cpu-s/1000conv")
			}
		})
	}
}

// trackBacklog tracks n two-message conversations (a text of texts and an
// agent's reply) in a new tenant of st, the iter-th, and returns its id.
func trackBacklog(b *testing.B, s *Service, st store.Store, iter, n int, texts []string) int64 {
	b.Helper()
	tn := benchTenant(b, st, iter)
	for i := range n {
		_, err := s.Track(context.Background(), tn, TrackParams{ConversationID: fmt.Sprint("c-", i), Messages: []MessageInput{
			{Role: fathom.RoleUser, Content: texts[(iter*n+i)*7919%len(texts)]},
			{Role: fathom.RoleAssistant, Content: benchReplies[i%len(benchReplies)]}}})
		if err != nil {
			b.Fatal(err)
		}
	}
	return tn
}

// benchTenant creates a new tenant on st and returns its id.
func benchTenant(b *testing.B, st store.Store, i int) int64 {
	b.Helper()
	ctx := context.Background()
	var tn int64
	err := st.Write(ctx, func(tx store.Tx) error {
		created, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: fmt.Sprint("bench-", i, "-", time.Now().UnixNano()), CreatedAt: time.Now()})
		if err == nil {
			tn = created.ID
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return tn
}

// analyseUntilIdle runs the tenant's analysis until nothing waits.
func analyseUntilIdle(b *testing.B, s *Service, tn int64) {
	b.Helper()
	ctx := context.Background()
	for {
		if err := s.AnalyzeTenant(ctx, tn); err != nil {
			b.Fatal(err)
		}
		if idle, err := s.AnalysisIdle(ctx); err != nil {
			b.Fatal(err)
		} else if idle {
			return
		}
	}
}
