package postgres_test

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// TestAnalysisClearUnderWrites: writers that keep marking the tenant (as
// tracks do) must not keep the analysis from clearing its flag, and each
// clear lets exactly one writer find the flag clear. The clear waits for
// the writes in flight; a lock that let newcomers overtake it stalled it
// for seconds.
func TestAnalysisClearUnderWrites(t *testing.T) {
	db := pgtest.Open(t)
	ctx := context.Background()
	var tenantID int64
	err := db.Write(ctx, func(tx store.Tx) error {
		tn, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "busy", CreatedAt: time.Now()})
		if err == nil {
			tenantID = tn.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var writes, foundClear atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() && errs[w] == nil {
				var clear bool
				errs[w] = db.Write(ctx, func(tx store.Tx) (err error) {
					if clear, err = tx.TenantMarkAnalysisPending(ctx, tenantID); err != nil {
						return err
					}
					return tx.UsageAdd(ctx, &store.UsageAddParams{TenantID: tenantID, Period: "2026-11", Requests: 1})
				})
				if clear {
					foundClear.Add(1)
				}
				writes.Add(1)
			}
		}()
	}
	var took []time.Duration
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); {
		start := time.Now()
		if err := db.Write(ctx, func(tx store.Tx) error { return tx.TenantClearAnalysisPending(ctx, tenantID) }); err != nil {
			t.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	stop.Store(true)
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	slices.Sort(took)
	p50, longest := took[len(took)/2], took[len(took)-1]
	t.Logf("%d writes, %d clears: clear p50 %v, max %v", writes.Load(), len(took), p50, longest)
	if longest > 2*time.Second {
		t.Errorf("a clear waited %v behind the writers", longest)
	}
	if n := foundClear.Load(); n > int64(len(took))+1 {
		t.Errorf("%d writes found the flag clear after %d clears: at most one per clear", n, len(took))
	}
}
