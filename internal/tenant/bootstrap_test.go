package tenant_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
	"github.com/fathom-oss/fathom/internal/tenant"
)

const servers = 4

// warm opens n connections of the pool, so that the servers' first
// statements are not spread out by connecting.
func warm(t *testing.T, pool *pgxpool.Pool, n int) {
	t.Helper()
	conns := make([]*pgxpool.Conn, n)
	for i := range conns {
		c, err := pool.Acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	for _, c := range conns {
		c.Release()
	}
}

// TestBootstrapConcurrently: servers starting at once on one fresh
// database make one first key between them, on both engines.
func TestBootstrapConcurrently(t *testing.T) {
	t.Parallel()
	engines := map[string]func(t *testing.T) store.Store{
		"sqlite": func(t *testing.T) store.Store { return sqlitetest.Open(t, t.TempDir()) },
		"postgres": func(t *testing.T) store.Store {
			db := pgtest.Open(t)
			warm(t, db.Pool(), servers)
			return db
		},
	}
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := open(t)
			keys := make([]*tenant.CreatedKey, servers)
			errs := make([]error, servers)
			var wg sync.WaitGroup
			for i := range servers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					keys[i], errs[i] = tenant.NewService(db, func() time.Time { return now }).Bootstrap(ctx)
				}()
			}
			wg.Wait()
			if err := errors.Join(errs...); err != nil {
				t.Fatal(err)
			}
			made := 0
			for _, k := range keys {
				if k != nil {
					made++
				}
			}
			if n, err := db.APIKeyCount(ctx); made != 1 || n != 1 || err != nil {
				t.Fatalf("%d servers made a first key, %d keys stored (%v); want 1", made, n, err)
			}
			for _, k := range keys {
				if k == nil {
					continue
				}
				m, err := db.MemberGet(ctx, k.Key.UserID)
				if err != nil || m.SettingsAccess != fathom.SettingsAccountAdmin || m.Status != fathom.UserActive {
					t.Fatalf("the first key's user: %+v %v; want an active account admin", m, err)
				}
			}
			// Later keys make users with no settings access.
			k, err := tenant.NewService(db, func() time.Time { return now }).CreateKey(ctx, tenant.CreateKeyParams{UserEmail: "second@acme.test"})
			if err != nil {
				t.Fatal(err)
			}
			if m, err := db.MemberGet(ctx, k.Key.UserID); err != nil || m.SettingsAccess != fathom.SettingsNone {
				t.Fatalf("a later key's user: %+v %v; want settings access none", m, err)
			}
		})
	}
}
