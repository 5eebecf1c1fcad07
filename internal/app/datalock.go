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

// lockSQLiteMigrations is the SQLite engine's migration lock for a process
// that is not the server: with nothing to apply it claims nothing, so that
// admin commands run beside a server; with something to apply it claims
// the database for the migration, and refuses while a server holds it.
func lockSQLiteMigrations(ctx context.Context, cfg config.Config, lite *sqlite.DB, jobs job.Engine) (unlock func(), err error) {
	pending, err := lite.MigrationPending(ctx)
	if err == nil && !pending {
		pending, err = job.MigrationPending(ctx, jobs)
	}
	if err != nil || !pending {
		return func() {}, err
	}
	l, err := LockData(cfg, "migrate")
	if inUse := (*sqlite.InUseError)(nil); errors.As(err, &inUse) {
		return nil, fmt.Errorf("%w.\nThe database has migrations to apply that the running server does not know: "+
			"stop it, then run fathom migrate (or start the new server, which migrates)", err)
	}
	if err != nil {
		return nil, err
	}
	return func() { l.Release() }, nil
}
