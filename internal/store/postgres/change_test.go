package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// tenantRow inserts a tenant directly, so that these tests do not depend
// on the rest of the engine.
func tenantRow(t *testing.T, db *postgres.DB, name string) int64 {
	t.Helper()
	var id int64
	err := db.Pool().QueryRow(context.Background(), `INSERT INTO tenants (name, created_at) VALUES ($1, now()) RETURNING id`, name).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestChangeCommitsOutOfOrder shows why a tailer of the feed cannot keep
// max(id) as its cursor on PostgreSQL: an id taken first can commit last,
// after a higher one was already listed.
func TestChangeCommitsOutOfOrder(t *testing.T) {
	db := pgtest.Open(t)
	ctx := context.Background()
	tid := tenantRow(t, db, "a")
	holding, release, done := make(chan int64), make(chan struct{}), make(chan error)
	go func() {
		done <- db.Write(ctx, func(tx store.Tx) error {
			c := &store.Change{TenantID: tid, Kind: store.ChangeAnalysis, Ref: 1, CreatedAt: time.Now()}
			if err := tx.ChangeAppend(ctx, c); err != nil {
				return err
			}
			holding <- c.ID
			<-release
			return nil
		})
	}()
	first := <-holding
	late := &store.Change{TenantID: tid, Kind: store.ChangeAnalysis, Ref: 2, CreatedAt: time.Now()}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.ChangeAppend(ctx, late) }); err != nil {
		t.Fatal(err)
	}
	if late.ID <= first {
		t.Fatalf("second id %d not above first %d", late.ID, first)
	}
	got, err := db.ChangeList(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != late.ID {
		t.Fatalf("while the first is open, ChangeList = %+v, want only id %d", got, late.ID)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got, err = db.ChangeList(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != first || got[1].ID != late.ID {
		t.Fatalf("after both commits, ChangeList = %+v", got)
	}
}

// TestAnalysisLeaseRace has servers race for one free lease in concurrent
// transactions: exactly one wins.
func TestAnalysisLeaseRace(t *testing.T) {
	db := pgtest.Open(t)
	ctx := context.Background()
	tid := tenantRow(t, db, "a")
	const servers = 6
	won := make(chan bool, servers)
	start := make(chan struct{})
	now := time.Now()
	for i := range servers {
		go func() {
			<-start
			var ok bool
			err := db.Write(ctx, func(tx store.Tx) (err error) {
				ok, err = tx.AnalysisLeaseAcquire(ctx, &store.AnalysisLeaseParams{TenantID: tid,
					Server: string(rune('a' + i)), Now: now, Until: now.Add(time.Minute)})
				return err
			})
			if err != nil {
				t.Error(err)
			}
			won <- ok
		}()
	}
	close(start)
	n := 0
	for range servers {
		if <-won {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d servers hold the lease, want 1", n)
	}
}
