package app

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
)

// Database is an open store and what the rest of the server needs of the
// engine under it: where the job queue keeps its jobs, how to migrate, and
// names for logs. openEngine is the one place that knows the engines;
// everything above sees store.Store.
type Database struct {
	store.Store
	// Engine is config.EngineSQLite or config.EnginePostgres.
	Engine string
	// Location is the SQLite file or the PostgreSQL URL without its
	// password: what logs and messages show.
	Location string
	// Jobs is the job queue's engine, on the same database, so that jobs
	// are inserted in the transaction of the write that causes them.
	Jobs job.Engine
	// JobBacklog reads the queue's waiting jobs (metrics), on SQLite
	// through the read-only pool.
	JobBacklog job.Backlog

	migrate func(context.Context) ([]int64, error)
	// lock serialises Migrate across processes where the engine needs it.
	lock func(context.Context) (unlock func(), err error)
	cfg  config.Config
}

// postgresMaxConns sizes each server's PostgreSQL pool: requests, the job
// queue's workers (2 + 8 delivery by default) and River's listener share
// it; pgx's default (4 on two cores) would queue requests behind jobs.
const postgresMaxConns = 16

// OpenDB opens the database --database-url selects and, if asked,
// migrates it and the job queue's tables. `fathom migrate` and the admin
// commands use it alone. Errors never show the URL's password.
func OpenDB(ctx context.Context, cfg config.Config, migrate bool) (*Database, error) {
	return openDB(ctx, cfg, migrate, nil)
}

// openDB is OpenDB for a process that may hold its SQLite database
// already (held, nil if not): a server, which migrates under its own
// claim.
func openDB(ctx context.Context, cfg config.Config, migrate bool, held *sqlite.ServerLock) (*Database, error) {
	db, err := openEngine(ctx, cfg, held)
	if err != nil {
		return nil, cfg.RedactError(err)
	}
	if migrate {
		if _, err := db.Migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

func openEngine(ctx context.Context, cfg config.Config, held *sqlite.ServerLock) (*Database, error) {
	db := &Database{Engine: cfg.Engine(), Location: cfg.DatabaseLocation(), cfg: cfg}
	switch db.Engine {
	case config.EnginePostgres:
		pg, err := postgres.Open(ctx, postgres.Config{URL: cfg.DatabaseURL, MaxConns: postgresMaxConns})
		if err != nil {
			return nil, err
		}
		db.Store, db.Jobs, db.migrate = pg, job.Postgres(pg.Pool()), pg.Migrate
		db.JobBacklog = job.PostgresBacklog(pg.Pool())
		db.lock = func(ctx context.Context) (func(), error) { return lockMigrations(ctx, pg) }
	default:
		lite, err := sqlite.Open(sqlite.Config{Path: cfg.SQLiteFile(), Synchronous: cfg.SQLiteSynchronous})
		if err != nil {
			return nil, err
		}
		// River's SQLite driver shares the store's one writer connection.
		db.Store, db.Jobs, db.migrate = lite, job.SQLite(lite.Writer()), lite.Migrate
		db.JobBacklog = job.SQLiteBacklog(lite.Reader())
		// One server holds a SQLite database; other processes migrate it
		// only when none does (see datalock.go).
		db.lock = func(ctx context.Context) (func(), error) {
			if held != nil {
				return func() {}, nil
			}
			return lockSQLiteMigrations(ctx, cfg, lite, db.Jobs)
		}
	}
	return db, nil
}

// migrateLockID is the PostgreSQL advisory lock that serialises the
// migrations of servers started at once on one database (an arbitrary
// constant: "fathom" in ASCII).
const migrateLockID = 0x66617468_6f6d

// lockMigrations takes the advisory lock on a connection of its own, so
// that of several servers started together on an empty database one
// creates the tables (the schema's and River's) and the others find them
// made, instead of racing to create them. unlock releases it.
func lockMigrations(ctx context.Context, pg *postgres.DB) (unlock func(), err error) {
	conn, err := pg.Pool().Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(migrateLockID)); err != nil {
		conn.Release()
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	return func() {
		_, _ = conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", int64(migrateLockID))
		conn.Release()
	}, nil
}

// Migrate brings the schema and the job queue's tables (River's own
// migrations, for the same engine) up to date, and returns the schema
// versions it applied.
func (db *Database) Migrate(ctx context.Context) ([]int64, error) {
	unlock, err := db.lock(ctx)
	if err != nil {
		return nil, db.cfg.RedactError(err)
	}
	defer unlock()
	applied, err := db.migrate(ctx)
	if err != nil {
		return nil, db.cfg.RedactError(fmt.Errorf("migrate %s database: %w", db.Engine, err))
	}
	if err := job.Migrate(ctx, db.Jobs); err != nil {
		return nil, db.cfg.RedactError(err)
	}
	return applied, nil
}
