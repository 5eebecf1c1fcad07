package job

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/fathom-oss/fathom/internal/store"
)

// Engine is the database the queue keeps its jobs in, with River's driver
// for it. A queue is built for one engine and inserts jobs only in that
// engine's transactions: the storage contract hands out no database/sql,
// so each engine's transaction is asked for what River needs (sqliteTx,
// pgxTx) and a transaction of another engine is refused.
type Engine struct {
	name    string
	client  func(*river.Config) (client, error)
	migrate func(context.Context) error
	pending func(context.Context) (bool, error)
	// requeue makes the jobs a dead process left running available again;
	// nil where several processes share the jobs (see RequeueOrphans).
	requeue func(context.Context) (int64, error)
}

// Name is the engine's name ("sqlite", "postgres").
func (e Engine) Name() string { return e.name }

// sqliteTx is what a SQLite store.Tx offers the queue.
type sqliteTx interface{ SQLTx() *sql.Tx }

// pgxTx is what a PostgreSQL store.Tx offers the queue.
type pgxTx interface{ PgxTx() pgx.Tx }

// SQLite keeps jobs in a SQLite database through db, its single writer
// connection: River's SQLite driver wants one connection, and the
// store's writes run on it too.
func SQLite(db *sql.DB) Engine {
	return Engine{
		name: "sqlite",
		client: func(cfg *river.Config) (client, error) {
			c, err := river.NewClient(riversqlite.New(db), cfg)
			if err != nil {
				return nil, err
			}
			return &engineClient[*sql.Tx]{Client: c, engine: "sqlite", txOf: func(tx store.Tx) (*sql.Tx, bool) {
				t, ok := tx.(sqliteTx)
				if !ok {
					return nil, false
				}
				return t.SQLTx(), true
			}}, nil
		},
		migrate: func(ctx context.Context) error { return migrate(ctx, riversqlite.New(db)) },
		pending: func(ctx context.Context) (bool, error) { return migrationPending(ctx, riversqlite.New(db)) },
		requeue: func(ctx context.Context) (int64, error) {
			// Its scheduled_at is past already: the job runs at once.
			res, err := db.ExecContext(ctx, `UPDATE river_job SET state = 'available' WHERE state = 'running'`)
			if err != nil {
				return 0, err
			}
			return res.RowsAffected()
		},
	}
}

// Postgres keeps jobs in a PostgreSQL database through pool. Workers of
// every server on the database share the jobs; River elects one leader
// for periodic jobs and maintenance.
func Postgres(pool *pgxpool.Pool) Engine {
	return Engine{
		name: "postgres",
		client: func(cfg *river.Config) (client, error) {
			c, err := river.NewClient(riverpgxv5.New(pool), cfg)
			if err != nil {
				return nil, err
			}
			return &engineClient[pgx.Tx]{Client: c, engine: "postgres", txOf: func(tx store.Tx) (pgx.Tx, bool) {
				t, ok := tx.(pgxTx)
				if !ok {
					return nil, false
				}
				return t.PgxTx(), true
			}}, nil
		},
		migrate: func(ctx context.Context) error { return migrate(ctx, riverpgxv5.New(pool)) },
		pending: func(ctx context.Context) (bool, error) { return migrationPending(ctx, riverpgxv5.New(pool)) },
	}
}

// client is a River client of one engine, seen without its transaction
// type.
type client interface {
	insertTx(ctx context.Context, tx store.Tx, args river.JobArgs) error
	insert(ctx context.Context, args river.JobArgs) error
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
}

type engineClient[TTx any] struct {
	*river.Client[TTx]
	engine string
	txOf   func(store.Tx) (TTx, bool)
}

func (c *engineClient[TTx]) insertTx(ctx context.Context, tx store.Tx, args river.JobArgs) error {
	etx, ok := c.txOf(tx)
	if !ok {
		// A wiring mistake, not a condition to survive: the write fails
		// and rolls back rather than commit without its job.
		return fmt.Errorf("job queue on %s: given a transaction of another engine (%T)", c.engine, tx)
	}
	_, err := c.Client.InsertTx(ctx, etx, args, nil)
	return err
}

func (c *engineClient[TTx]) insert(ctx context.Context, args river.JobArgs) error {
	_, err := c.Client.Insert(ctx, args, nil)
	return err
}

func migrate[TTx any](ctx context.Context, driver riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return fmt.Errorf("job queue migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	return nil
}

func migrationPending[TTx any](ctx context.Context, driver riverdriver.Driver[TTx]) (bool, error) {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return false, fmt.Errorf("job queue migrator: %w", err)
	}
	res, err := m.Validate(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("read job queue schema: %w", err)
	}
	return !res.OK, nil
}
