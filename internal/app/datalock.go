package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
)

// One server per SQLite database: a second one would keep its own search
// index and learned models and answer differently from the first (it never
// sees the first one's analysis), so `serve` claims the database for as long
// as it runs. Admin commands (keys, workspace, apps, sync) do not claim it:
// their short writes go through SQLite's own locking beside the server's.
// Migrating is the exception: a server that does not know a new schema
// would keep writing in the old one's terms, so migrations are applied only
// by a process that holds the claim.

// severalServers is what to do instead of a second server on one SQLite
// database.
const severalServers = "One SQLite data directory serves one server. To run several servers, put them " +
	"on one PostgreSQL database: fathom serve --database-url postgres://… (see docs/deployment.md)."

// LockData claims cfg's SQLite database for this process, run as command
// ("serve" or "migrate"). When another process holds it, the error (an
// *sqlite.InUseError inside) names that process.
func LockData(cfg config.Config, command string) (*sqlite.ServerLock, error) {
	path := cfg.SQLiteFile()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	return sqlite.LockServer(path, sqlite.Holder{PID: os.Getpid(), Command: command, StartedAt: time.Now().UTC()})
}

// lockServe is LockData for `serve`, whose refusal says how to run several
// servers.
func lockServe(cfg config.Config) (*sqlite.ServerLock, error) {
	l, err := LockData(cfg, "serve")
	if inUse := (*sqlite.InUseError)(nil); errors.As(err, &inUse) {
		return nil, fmt.Errorf("%w.\n%s", err, severalServers)
	}
	return l, err
}

// MigrateHeld brings db up to date if it is behind, claiming the database
// while it does. It returns the versions of the numbered migrations it
// applied. With nothing to apply it claims nothing, so it succeeds beside a
// running server; with something to apply while a server holds the
// database, it refuses.
func MigrateHeld(ctx context.Context, cfg config.Config, db *sqlite.DB) ([]int64, error) {
	pending, err := migrationPending(ctx, db)
	if err != nil || !pending {
		return nil, err
	}
	l, err := LockData(cfg, "migrate")
	if inUse := (*sqlite.InUseError)(nil); errors.As(err, &inUse) {
		return nil, fmt.Errorf("%w.\nThe database has migrations to apply that the running server does not know: "+
			"stop it, then run fathom migrate (or start the new server, which migrates)", err)
	}
	if err != nil {
		return nil, err
	}
	defer l.Release()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return nil, err
	}
	return applied, job.Migrate(ctx, db.Writer())
}

func migrationPending(ctx context.Context, db *sqlite.DB) (bool, error) {
	schema, err := db.MigrationPending(ctx)
	if err != nil || schema {
		return schema, err
	}
	return job.MigrationPending(ctx, db.Writer())
}
