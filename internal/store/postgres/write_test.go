package postgres_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// TestWriteRetriesDeadlock: two writes that lock two rows in opposite
// orders deadlock; PostgreSQL aborts one, and Write runs its function again
// in a new transaction, so both commit, and each one's AfterCommit runs
// once.
//
// The retry waits until the other writer has committed before it locks
// anything. Without that wait, the count of runs depends on scheduling:
// when the aborted writer's retry updates the second row before the
// survivor (woken by the abort, but not yet given a CPU) takes it, the two
// deadlock again, and a loaded machine saw four runs instead of three.
func TestWriteRetriesDeadlock(t *testing.T) {
	db := pgtest.Open(t)
	ctx := context.Background()
	var ids [2]int64
	err := db.Write(ctx, func(tx store.Tx) error {
		for i, name := range []string{"a", "b"} {
			tn, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: name, CreatedAt: time.Now()})
			if err != nil {
				return err
			}
			ids[i] = tn.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Each writer locks its first row, waits until the other holds its
	// own, then asks for the other's: a deadlock, on the first run only.
	var firstLocked sync.WaitGroup
	firstLocked.Add(2)
	var runs, after atomic.Int32
	errs := make([]error, 2)
	done := [2]chan struct{}{make(chan struct{}), make(chan struct{})}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(done[w])
			first := true
			errs[w] = db.Write(ctx, func(tx store.Tx) error {
				runs.Add(1)
				tx.AfterCommit(func() { after.Add(1) })
				if !first {
					// A retry: the deadlock is over only once the
					// survivor has committed.
					select {
					case <-done[1-w]:
					case <-time.After(time.Minute):
						return errors.New("both writers were retried: PostgreSQL aborts one of a deadlock")
					}
				}
				q := fathom.Quota{Requests: int64(w + 1)}
				if err := tx.TenantSetQuota(ctx, ids[w], q); err != nil {
					return err
				}
				if first {
					first = false
					firstLocked.Done()
					firstLocked.Wait()
				}
				return tx.TenantSetQuota(ctx, ids[1-w], q)
			})
		}()
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	if runs.Load() != 3 || after.Load() != 2 {
		t.Fatalf("functions ran %d times, after-commit hooks %d; want 3 (one retry) and 2", runs.Load(), after.Load())
	}
	a, _ := db.TenantGet(ctx, ids[0])
	b, _ := db.TenantGet(ctx, ids[1])
	if a.Quota != b.Quota {
		t.Fatalf("quotas %+v and %+v: the retried writer's run must win whole", a.Quota, b.Quota)
	}
}
