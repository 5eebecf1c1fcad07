package job_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// engine is a migrated database with its queue engine and a way to count
// the analysis jobs waiting in it.
type engine struct {
	store   store.Store
	jobs    job.Engine
	pending func(t *testing.T) int
	backlog job.Backlog
}

func sqliteEngine(t *testing.T) engine {
	db := sqlitetest.Open(t, t.TempDir())
	return engine{store: db, jobs: job.SQLite(db.Writer()), pending: func(t *testing.T) int {
		var n int
		if err := db.Writer().QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'analyze_tenant' AND state = 'available'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}, backlog: job.SQLiteBacklog(db.Reader())}
}

func postgresEngine(t *testing.T) engine {
	db := pgtest.Open(t)
	return engine{store: db, jobs: job.Postgres(db.Pool()), pending: func(t *testing.T) int {
		var n int
		if err := db.Pool().QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE kind = 'analyze_tenant' AND state = 'available'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}, backlog: job.PostgresBacklog(db.Pool())}
}

var engines = map[string]func(t *testing.T) engine{"sqlite": sqliteEngine, "postgres": postgresEngine}

// migratedQueue is a queue with cfg on e's database, its tables made.
func migratedQueue(t *testing.T, e engine, cfg job.Config) *job.Queue {
	t.Helper()
	if err := job.Migrate(context.Background(), e.jobs); err != nil {
		t.Fatal(err)
	}
	q, err := job.New(e.jobs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// start runs q's workers until the test ends.
func start(t *testing.T, q *job.Queue) {
	t.Helper()
	ctx := context.Background()
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := q.Stop(sctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
}

// signalAnalyzer reports each tenant it is asked to analyse.
type signalAnalyzer chan int64

func (a signalAnalyzer) AnalyzeTenant(_ context.Context, tenantID int64) error {
	a <- tenantID
	return nil
}

func (signalAnalyzer) AnalysisAbandoned(context.Context, int64) error { return nil }
func (signalAnalyzer) AnalysisResume(context.Context) error           { return nil }

// TestJobsCommitWithTheWrite: on each engine, a job inserted in a write
// that commits is run; one inserted in a write that fails is not kept.
func TestJobsCommitWithTheWrite(t *testing.T) {
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			e := open(t)
			if e.jobs.Name() != name {
				t.Errorf("engine name %q, want %q", e.jobs.Name(), name)
			}
			if err := job.Migrate(ctx, e.jobs); err != nil {
				t.Fatal(err)
			}
			if err := job.Migrate(ctx, e.jobs); err != nil {
				t.Fatalf("migrating twice: %v", err)
			}
			// Insert-only first: the jobs stay in the table to be counted.
			q, err := job.New(e.jobs, job.Config{})
			if err != nil {
				t.Fatal(err)
			}
			failed := errors.New("the write fails")
			err = e.store.Write(ctx, func(tx store.Tx) error {
				if err := q.EnqueueAnalysisTx(ctx, tx, 1); err != nil {
					return err
				}
				return failed
			})
			if !errors.Is(err, failed) {
				t.Fatalf("failed write: %v", err)
			}
			if n := e.pending(t); n != 0 {
				t.Fatalf("%d jobs kept from a write that failed", n)
			}
			if err := e.store.Write(ctx, func(tx store.Tx) error { return q.EnqueueAnalysisTx(ctx, tx, 42) }); err != nil {
				t.Fatal(err)
			}
			if n := e.pending(t); n != 1 {
				t.Fatalf("%d jobs after a committed write, want 1", n)
			}

			// A queue with workers runs the committed job.
			runs := make(signalAnalyzer, 1)
			q, err = job.New(e.jobs, job.Config{Workers: 1, PollInterval: 10 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			q.SetAnalyzer(runs)
			start(t, q)
			select {
			case got := <-runs:
				if got != 42 {
					t.Fatalf("analysed tenant %d, want 42", got)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("the committed job did not run")
			}
		})
	}
}

// otherTx is a store.Tx of no engine the queue knows.
type otherTx struct{ store.Tx }

// TestWrongEngineFailsLoudly: a queue refuses a transaction of another
// engine instead of inserting the job elsewhere or dropping it.
func TestWrongEngineFailsLoudly(t *testing.T) {
	ctx := context.Background()
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			q, err := job.New(open(t).jobs, job.Config{})
			if err != nil {
				t.Fatal(err)
			}
			for what, enqueue := range map[string]func(tx store.Tx) error{
				"analysis":   func(tx store.Tx) error { return q.EnqueueAnalysisTx(ctx, tx, 1) },
				"processing": func(tx store.Tx) error { return q.EnqueueProcessTx(ctx, tx, 1, 1) },
				"delivery":   func(tx store.Tx) error { return q.EnqueueDeliveryTx(ctx, tx, 1, 1, false) },
			} {
				err := enqueue(otherTx{})
				if err == nil || !strings.Contains(err.Error(), "another engine") || !strings.Contains(err.Error(), name) {
					t.Errorf("%s job in a foreign transaction: %v, want an error naming %s and another engine", what, err, name)
				}
			}
		})
	}
	// Across the real engines: a SQLite queue inside a PostgreSQL write.
	lite, pg := sqliteEngine(t), postgresEngine(t)
	q, err := job.New(lite.jobs, job.Config{})
	if err != nil {
		t.Fatal(err)
	}
	err = pg.store.Write(ctx, func(tx store.Tx) error { return q.EnqueueAnalysisTx(ctx, tx, 1) })
	if err == nil || !strings.Contains(err.Error(), "another engine") {
		t.Fatalf("SQLite queue in a PostgreSQL write: %v", err)
	}
}

// sweepSignal reports each sweep of waiting analyses.
type sweepSignal chan struct{}

func (sweepSignal) AnalyzeTenant(context.Context, int64) error     { return nil }
func (sweepSignal) AnalysisAbandoned(context.Context, int64) error { return nil }
func (s sweepSignal) AnalysisResume(context.Context) error {
	select {
	case s <- struct{}{}:
	default:
	}
	return nil
}

// TestAnalysisSweepRuns: the queue's leader sweeps for tenants waiting for
// analysis every AnalysisSweep, on each engine.
func TestAnalysisSweepRuns(t *testing.T) {
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			e := open(t)
			q := migratedQueue(t, e, job.Config{Workers: 1, PollInterval: 10 * time.Millisecond, AnalysisSweep: 50 * time.Millisecond})
			swept := make(sweepSignal, 1)
			q.SetAnalyzer(swept)
			start(t, q)
			select {
			case <-swept:
			case <-time.After(30 * time.Second):
				t.Fatal("no sweep within 30 s")
			}
		})
	}
}

// blockingAnalyzer holds each analysis until its context is cancelled,
// and reports whether the stop's own deadline had passed by then.
type blockingAnalyzer struct {
	started chan struct{}
	stopCtx func() context.Context
	late    chan bool
}

func (a blockingAnalyzer) AnalyzeTenant(ctx context.Context, _ int64) error {
	a.started <- struct{}{}
	<-ctx.Done()
	a.late <- a.stopCtx().Err() != nil
	return ctx.Err()
}

func (blockingAnalyzer) AnalysisAbandoned(context.Context, int64) error { return nil }
func (blockingAnalyzer) AnalysisResume(context.Context) error           { return nil }

// TestStopCancelsAfterGrace: a stop lets a running job go on for the
// queue's grace only, not for the whole shutdown deadline, and then
// cancels it.
func TestStopCancelsAfterGrace(t *testing.T) {
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			e := open(t)
			q := migratedQueue(t, e, job.Config{Workers: 1, PollInterval: 10 * time.Millisecond, StopGrace: 50 * time.Millisecond})
			sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			a := blockingAnalyzer{started: make(chan struct{}, 1), stopCtx: func() context.Context { return sctx }, late: make(chan bool, 1)}
			q.SetAnalyzer(a)
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			if err := e.store.Write(ctx, func(tx store.Tx) error { return q.EnqueueAnalysisTx(ctx, tx, 7) }); err != nil {
				t.Fatal(err)
			}
			select {
			case <-a.started:
			case <-time.After(30 * time.Second):
				t.Fatal("the job did not start")
			}
			if err := q.Stop(sctx); err != nil {
				t.Errorf("stop: %v", err)
			}
			if late := <-a.late; late {
				t.Fatal("the running job was cancelled only when the stop's deadline passed")
			}
		})
	}
}
