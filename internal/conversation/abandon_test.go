package conversation

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// failingOnce is the service as the queue sees it, with its first
// analysis failing; it reports each analysis that succeeds.
type failingOnce struct {
	*Service
	calls    atomic.Int32
	failed   chan struct{}
	analysed chan int64
}

func (f *failingOnce) AnalyzeTenant(ctx context.Context, tenantID int64) error {
	if f.calls.Add(1) == 1 {
		close(f.failed)
		return errors.New("the analysis fails")
	}
	err := f.Service.AnalyzeTenant(ctx, tenantID)
	if err == nil {
		f.analysed <- tenantID
	}
	return err
}

func seedAcme(t *testing.T, db store.Store) *fathom.Tenant {
	t.Helper()
	ctx := context.Background()
	var tn *fathom.Tenant
	err := db.Write(ctx, func(tx store.Tx) (err error) {
		tn, err = tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "acme", CreatedAt: time.Now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

func trackOne(t *testing.T, s *Service, tenantID int64, id string) {
	t.Helper()
	_, err := s.Track(context.Background(), tenantID, TrackParams{ConversationID: id,
		Messages: []MessageInput{{Role: fathom.RoleUser, Content: "my card payment is declined"}}})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAnalysisAfterLastAttemptFails: when a tenant's analysis job fails
// its last attempt and is discarded, the tenant is analysed again without
// a new write (its pending flag would otherwise stay set, and no write
// would enqueue another job), on the real queue of each engine.
func TestAnalysisAfterLastAttemptFails(t *testing.T) {
	t.Parallel()
	engines := map[string]func(t *testing.T) (store.Store, job.Engine){
		"sqlite": func(t *testing.T) (store.Store, job.Engine) {
			db := sqlitetest.Open(t, t.TempDir())
			return db, job.SQLite(db.Writer())
		},
		"postgres": func(t *testing.T) (store.Store, job.Engine) {
			db := pgtest.Open(t)
			return db, job.Postgres(db.Pool())
		},
	}
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, jobs := open(t)
			if err := job.Migrate(ctx, jobs); err != nil {
				t.Fatal(err)
			}
			// One attempt: the first failure is the last. The sweep is
			// left out of the test's time, so only the discard can help.
			q, err := job.New(jobs, job.Config{Workers: 1, PollInterval: 10 * time.Millisecond, MaxAttempts: 1, AnalysisSweep: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			s := NewService(Deps{Store: db, Queue: q, Index: search.NewCatalog()}, Config{AnalysisDuty: 1})
			a := &failingOnce{Service: s, failed: make(chan struct{}), analysed: make(chan int64, 4)}
			q.SetAnalyzer(a)
			tn := seedAcme(t, db)
			trackOne(t, s, tn.ID, "c1")
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer func() {
				sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				defer cancel()
				if err := q.Stop(sctx); err != nil {
					t.Errorf("stop: %v", err)
				}
			}()
			wait := func(what string, ch <-chan struct{}) {
				t.Helper()
				select {
				case <-ch:
				case <-time.After(30 * time.Second):
					t.Fatalf("%s: not within 30 s", what)
				}
			}
			wait("the first analysis", a.failed)
			analysed := make(chan struct{})
			go func() {
				for id := range a.analysed {
					if id == tn.ID {
						close(analysed)
						return
					}
				}
			}()
			wait("an analysis after the discarded job, without a new write", analysed)
			if n, err := db.ConversationCountDirty(ctx); err != nil || n != 0 {
				t.Fatalf("%d conversations still waiting (err %v)", n, err)
			}
		})
	}
}

// TestRecoverEnqueuesWhateverTheFlag: at start-up a tenant with
// conversations waiting gets a job even when its pending flag says one
// exists (the job may have been discarded, or lost with a server), and
// the periodic sweep gives one to a tenant whose flag is clear.
func TestRecoverEnqueuesWhateverTheFlag(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := sqlitetest.Open(t, t.TempDir())
	tn := seedAcme(t, db)
	before := &committedQueue{}
	trackOne(t, NewService(Deps{Store: db, Queue: before, Index: search.NewCatalog()}, Config{}), tn.ID, "c1")
	if before.n.Load() != 1 {
		t.Fatalf("track enqueued %d jobs, want 1", before.n.Load())
	}
	// The job is gone (discarded, say); the flag is still set.
	restarted := &committedQueue{}
	s := NewService(Deps{Store: db, Queue: restarted, Index: search.NewCatalog()}, Config{})
	if err := s.recoverStore(ctx); err != nil {
		t.Fatal(err)
	}
	if n := restarted.n.Load(); n != 1 {
		t.Fatalf("Recover enqueued %d jobs for a tenant waiting with its flag set, want 1", n)
	}

	// The sweep respects the flag: set, no job; clear, one.
	if err := s.AnalysisResume(ctx); err != nil {
		t.Fatal(err)
	}
	if n := restarted.n.Load(); n != 1 {
		t.Fatalf("the sweep enqueued %d more jobs while the flag was set, want 0", n-1)
	}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.TenantClearAnalysisPending(ctx, tn.ID) }); err != nil {
		t.Fatal(err)
	}
	if err := s.AnalysisResume(ctx); err != nil {
		t.Fatal(err)
	}
	if n := restarted.n.Load(); n != 2 {
		t.Fatalf("the sweep enqueued %d jobs for a waiting tenant with a clear flag, want 1", n-1)
	}
}

// TestAnalyzeOneJobAtATime: on a server alone on its database, a job
// that finds another analysing the tenant is retried later (IsBusy),
// without clearing the pending flag or analysing anything: two jobs at
// once read the same waiting conversations and analysed each twice.
func TestAnalyzeOneJobAtATime(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := sqlitetest.Open(t, t.TempDir())
	tn := seedAcme(t, db)
	q := &committedQueue{}
	s := NewService(Deps{Store: db, Queue: q, Index: search.NewCatalog()}, Config{})
	trackOne(t, s, tn.ID, "c1")
	unclaim, err := s.claim(tn.ID) // another job is at it
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AnalyzeTenant(ctx, tn.ID); !IsBusy(err) {
		t.Fatalf("AnalyzeTenant beside another job = %v, want busy", err)
	}
	if n, err := db.ConversationCountDirty(ctx); err != nil || n != 1 {
		t.Fatalf("%d conversations waiting (err %v), want 1", n, err)
	}
	unclaim()
	if err := s.AnalyzeTenant(ctx, tn.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := db.ConversationCountDirty(ctx); err != nil || n != 0 {
		t.Fatalf("%d conversations waiting (err %v) after the job", n, err)
	}
}
