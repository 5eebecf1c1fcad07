package app_test

import (
	"context"
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// TestServersMigrateOneDatabaseAtOnce: servers started together on an
// empty PostgreSQL database all migrate it (one creates the tables, the
// others wait and find them), River's tables included.
func TestServersMigrateOneDatabaseAtOnce(t *testing.T) {
	cfg := config.Default()
	cfg.DataDir, cfg.DatabaseURL = t.TempDir(), pgtest.NewDatabase(t)
	ctx := context.Background()
	const servers = 4
	applied := make([][]int64, servers)
	errs := make([]error, servers)
	var wg sync.WaitGroup
	for i := range servers {
		wg.Go(func() {
			db, err := app.OpenDB(ctx, cfg, false)
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			applied[i], errs[i] = db.Migrate(ctx)
		})
	}
	wg.Wait()
	migrated := 0
	for i, err := range errs {
		if err != nil {
			t.Fatalf("server %d: %v", i, err)
		}
		if len(applied[i]) > 0 {
			migrated++
		}
	}
	if migrated != 1 {
		t.Fatalf("%d servers applied migrations, want exactly 1: %v", migrated, applied)
	}
	db, err := app.OpenDB(ctx, cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Engine != config.EnginePostgres {
		t.Errorf("engine %q, want postgres", db.Engine)
	}
	if again, err := db.Migrate(ctx); err != nil || len(again) != 0 {
		t.Fatalf("migrating a migrated database: applied %v, %v", again, err)
	}
}
