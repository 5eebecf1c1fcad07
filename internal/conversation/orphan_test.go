package conversation

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// A job that finds a tenant's lease held runs for a moment, then waits;
// killed in that moment with its server, it is left running in the
// queue, which runs it again only after rescueAfter, while the tenant's
// pending flag stays set and writes enqueue nothing. The periodic sweep
// gives such a tenant a job once no server holds its lease.

func TestSweepReplacesAJobLostWithItsServer(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(*testing.T) store.Store{
		"postgres": func(t *testing.T) store.Store { return pgtest.Open(t) },
		"sqlite":   func(t *testing.T) store.Store { return sqlitetest.Open(t, t.TempDir()) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			exerciseSweepReplacesLostJob(t, open(t))
		})
	}
}

func exerciseSweepReplacesLostJob(t *testing.T, st store.Store) {
	ctx := t.Context()
	tn := newTenant(t, st)
	a, b := newServer(t, st, "a"), newServer(t, st, "b")
	jobs := func() int { return b.queue.(*countingQueue).n }
	sweep := func(want int, what string) {
		t.Helper()
		before := jobs()
		if err := b.AnalysisResume(ctx); err != nil {
			t.Fatal(err)
		}
		if got := jobs() - before; got != want {
			t.Fatalf("%s: the sweep enqueued %d jobs, want %d", what, got, want)
		}
	}

	// a analyses the tenant: it holds the lease, and a write during its
	// job sets the flag and enqueues a job (on a's queue), which dies
	// with a.
	if _, err := a.takeLease(ctx, tn); err != nil {
		t.Fatal(err)
	}
	trackTopic(t, a, tn, "c-0", 0)
	if a.queue.(*countingQueue).n != 1 {
		t.Fatal("the write enqueued no job")
	}
	trackTopic(t, b, tn, "c-1", 1)
	if jobs() != 0 {
		t.Fatal("a write that found the flag set enqueued a job")
	}
	sweep(0, "while a holds the lease")

	// a is killed: its lease lapses.
	clock := time.Now().Add(analysisLease + time.Second)
	b.now = func() time.Time { return clock }
	sweep(1, "the flag set, the lease lapsed")

	// Once analysed, nothing waits: the flag set or not, no job.
	analyze(t, b, tn)
	sweep(0, "nothing waiting")
}
