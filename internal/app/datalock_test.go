package app_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
)

// A second app on a data directory in use does not open; the first one's
// Close gives the directory up.
func TestOpenRefusesADataDirectoryInUse(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	first := start(t, cfg)
	second := app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard)
	err := second.Open(context.Background())
	var inUse *sqlite.InUseError
	if !errors.As(err, &inUse) || inUse.Holder.Addr != first.Addr() || !strings.Contains(err.Error(), "docs/deployment.md") {
		t.Fatalf("second open on a directory in use: %v", err)
	}
	first.close(t)
	start(t, cfg)
}

// Migrations are applied only by the holder of the database: with one to
// apply while a server runs, Migrate refuses and changes nothing; with
// none it succeeds beside the server.
func TestMigrateBesideAServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := testConfig(t)
	start(t, cfg)
	db, err := app.OpenDB(ctx, cfg, true)
	if err != nil {
		t.Fatalf("open an up-to-date database beside a server: %v", err)
	}
	defer db.Close()
	lite := db.Store.(*sqlite.DB)
	// Forget the last migration, as if this binary were newer.
	var last int64
	if err := lite.Writer().QueryRowContext(ctx, `DELETE FROM goose_db_version
WHERE version_id = (SELECT max(version_id) FROM goose_db_version) RETURNING version_id`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	applied, err := db.Migrate(ctx)
	var inUse *sqlite.InUseError
	if !errors.As(err, &inUse) || inUse.Holder.Command != "serve" || len(applied) != 0 ||
		!strings.Contains(err.Error(), "stop it") {
		t.Fatalf("migrate with %d pending beside a server: %v %v", last, applied, err)
	}
	if pending, err := lite.MigrationPending(ctx); err != nil || !pending {
		t.Fatalf("the refused migration ran: pending %v %v", pending, err)
	}
}
