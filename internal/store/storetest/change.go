package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
)

var errRollback = errors.New("roll back")

// ExerciseChanges runs the change-feed and analysis-lease cases alone
// (Exercise runs them too), for an engine still being written.
func ExerciseChanges(t *testing.T, open func(t *testing.T) store.Store) {
	t.Run("Changes", func(t *testing.T) { t.Parallel(); testChanges(t, open(t)) })
	t.Run("AnalysisLease", func(t *testing.T) { t.Parallel(); testAnalysisLease(t, open(t)) })
}

func testChanges(t *testing.T, st store.Store) {
	ctx := context.Background()
	a, _ := seedTenant(t, st, "a")
	b, _ := seedTenant(t, st, "b")
	if id := must(st.ChangeFirstID(ctx)); id != 0 {
		t.Fatalf("ChangeFirstID of an empty feed = %d", id)
	}
	in := []*store.Change{
		{TenantID: a.ID, Kind: store.ChangeAnalysis, Ref: 7, Server: "s1", CreatedAt: now},
		{TenantID: b.ID, Kind: store.ChangeModel, Server: "s2", CreatedAt: now.Add(time.Second)},
		{TenantID: a.ID, Kind: store.ChangeDelete, Ref: 7, Server: "s1", CreatedAt: now.Add(2 * time.Second)},
	}
	write(t, st, func(tx store.Tx) error {
		for _, c := range in[:2] {
			if err := tx.ChangeAppend(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	// A rolled-back change is never listed.
	_ = st.Write(ctx, func(tx store.Tx) error {
		if err := tx.ChangeAppend(ctx, &store.Change{TenantID: a.ID, Kind: store.ChangeAnalysis, Ref: 99, CreatedAt: now}); err != nil {
			return err
		}
		return errRollback
	})
	write(t, st, func(tx store.Tx) error { return tx.ChangeAppend(ctx, in[2]) })
	if !(in[0].ID > 0 && in[1].ID > in[0].ID && in[2].ID > in[1].ID) {
		t.Fatalf("ids not increasing: %d %d %d", in[0].ID, in[1].ID, in[2].ID)
	}
	got := must(st.ChangeList(ctx, 0, 10))
	if len(got) != 3 {
		t.Fatalf("ChangeList = %d changes, want 3", len(got))
	}
	for i, c := range got {
		w := in[i]
		if c.ID != w.ID || c.TenantID != w.TenantID || c.Kind != w.Kind || c.Ref != w.Ref || c.Server != w.Server || !c.CreatedAt.Equal(w.CreatedAt) {
			t.Fatalf("change %d = %+v, want %+v", i, c, w)
		}
	}
	if got := must(st.ChangeList(ctx, in[0].ID, 1)); len(got) != 1 || got[0].ID != in[1].ID {
		t.Fatalf("ChangeList(after first, 1) = %+v", got)
	}
	if id := must(st.ChangeFirstID(ctx)); id != in[0].ID {
		t.Fatalf("ChangeFirstID = %d, want %d", id, in[0].ID)
	}
	if id := must(st.ChangeLastID(ctx, now.Add(time.Second))); id != in[0].ID {
		t.Fatalf("ChangeLastID(before the second) = %d, want %d", id, in[0].ID)
	}
	if id := must(st.ChangeLastID(ctx, now)); id != 0 {
		t.Fatalf("ChangeLastID(before all) = %d, want 0", id)
	}
	var n int64
	write(t, st, func(tx store.Tx) (err error) {
		n, err = tx.ChangeDeleteBefore(ctx, now.Add(2*time.Second))
		return err
	})
	if n != 2 {
		t.Fatalf("ChangeDeleteBefore deleted %d, want 2", n)
	}
	if id := must(st.ChangeFirstID(ctx)); id != in[2].ID {
		t.Fatalf("ChangeFirstID after pruning = %d, want %d", id, in[2].ID)
	}
	// Ids are not reused after pruning: a tailer's cursor stays valid.
	last := &store.Change{TenantID: a.ID, Kind: store.ChangeModel, CreatedAt: now}
	write(t, st, func(tx store.Tx) error {
		if _, err := tx.ChangeDeleteBefore(ctx, now.Add(time.Hour)); err != nil {
			return err
		}
		return tx.ChangeAppend(ctx, last)
	})
	if last.ID <= in[2].ID {
		t.Fatalf("id after pruning everything = %d, want > %d", last.ID, in[2].ID)
	}
}

func testAnalysisLease(t *testing.T, st store.Store) {
	ctx := context.Background()
	a, _ := seedTenant(t, st, "a")
	b, _ := seedTenant(t, st, "b")
	acquire := func(tenantID int64, server string, at time.Time) bool {
		t.Helper()
		var ok bool
		write(t, st, func(tx store.Tx) (err error) {
			ok, err = tx.AnalysisLeaseAcquire(ctx, &store.AnalysisLeaseParams{TenantID: tenantID, Server: server,
				Now: at, Until: at.Add(30 * time.Second)})
			return err
		})
		return ok
	}
	held := func(tenantID int64, at time.Time) bool {
		t.Helper()
		var ok bool
		write(t, st, func(tx store.Tx) (err error) {
			ok, err = tx.AnalysisLeaseHeld(ctx, tenantID, at)
			return err
		})
		return ok
	}
	if held(a.ID, now) {
		t.Fatal("a lease never taken is held")
	}
	if !acquire(a.ID, "s1", now) {
		t.Fatal("a free lease was refused")
	}
	if !held(a.ID, now.Add(29*time.Second)) || held(b.ID, now) {
		t.Fatal("a lease taken is not held, or another tenant's is")
	}
	if acquire(a.ID, "s2", now.Add(10*time.Second)) {
		t.Fatal("a held lease was given to another server")
	}
	if !acquire(b.ID, "s2", now) {
		t.Fatal("another tenant's lease was refused")
	}
	if !acquire(a.ID, "s1", now.Add(20*time.Second)) {
		t.Fatal("the holder could not renew its lease")
	}
	if acquire(a.ID, "s2", now.Add(40*time.Second)) {
		t.Fatal("a renewed lease expired at its first term")
	}
	if held(a.ID, now.Add(51*time.Second)) {
		t.Fatal("an expired lease is held")
	}
	if !acquire(a.ID, "s2", now.Add(51*time.Second)) {
		t.Fatal("an expired lease was refused")
	}
	// Releasing a lease one does not hold changes nothing.
	write(t, st, func(tx store.Tx) error { return tx.AnalysisLeaseRelease(ctx, a.ID, "s1") })
	if acquire(a.ID, "s1", now.Add(52*time.Second)) {
		t.Fatal("a release by another server freed the lease")
	}
	write(t, st, func(tx store.Tx) error { return tx.AnalysisLeaseRelease(ctx, a.ID, "s2") })
	if held(a.ID, now.Add(52*time.Second)) {
		t.Fatal("a released lease is held")
	}
	if !acquire(a.ID, "s1", now.Add(53*time.Second)) {
		t.Fatal("a released lease was refused")
	}
}
