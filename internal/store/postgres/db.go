// Package postgres implements store.Store on PostgreSQL with pgx: a
// connection pool shared by reads and writes, one transaction per Write.
// Several servers may use one database at once; what the store must do for
// that (row locks, retries on serialization conflicts) lives here.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/fathom-oss/fathom/internal/store"
)

// Config says which database to use.
type Config struct {
	// URL is a postgres:// connection URL.
	URL string
	// MaxConns caps the pool (default: pgx's, 4 or the CPU count), unless
	// the URL sets pool_max_conns: an operator running several servers on
	// one PostgreSQL sizes each server's pool there.
	MaxConns int32
}

// DB is the PostgreSQL store.
type DB struct {
	pool *pgxpool.Pool
	queries
}

// Open connects to the database. It does not migrate: call Migrate.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	pc, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("database-url: %w", err)
	}
	if cfg.MaxConns > 0 && !setsPoolSize(cfg.URL) {
		pc.MaxConns = cfg.MaxConns
	}
	// JIT compilation off, unless the URL asks for it (jit=on): PostgreSQL
	// compiles a statement whose estimated cost passes jit_above_cost, and
	// the estimates of short statements can (a list of a viewer's set is
	// estimated at every meeting shared with every team, on average over
	// the tenants); compiling one took 140 ms, for a statement that runs
	// in under a millisecond. Fathom's statements are all short.
	if _, set := pc.ConnConfig.RuntimeParams["jit"]; !set {
		pc.ConnConfig.RuntimeParams["jit"] = "off"
	}
	pc.AfterConnect = scanTimesInUTC
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s:%d/%s: %w", pc.ConnConfig.Host, pc.ConnConfig.Port, pc.ConnConfig.Database, err)
	}
	return &DB{pool: pool, queries: queries{q: pool}}, nil
}

// Pool is the connection pool, for the job queue's own use.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Close closes the pool; Write calls in progress finish first.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// maxAttempts bounds how often Write runs fn when PostgreSQL aborts the
// transaction for a conflict with another one (serialization failure or
// deadlock): the conflict is another server's or request's write, and
// running again is the documented way out.
const maxAttempts = 5

// Write runs fn in one transaction and commits it.
func (db *DB) Write(ctx context.Context, fn func(tx store.Tx) error) error {
	// Once begun, a write finishes even if the caller goes away: the
	// caller must not report failure for committed work.
	ctx = context.WithoutCancel(ctx)
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		var after []func()
		after, err = db.writeOnce(ctx, fn)
		if err == nil {
			for _, f := range after {
				f()
			}
			return nil
		}
		if !retryable(err) {
			return unavailable(err)
		}
		if attempt < maxAttempts { // no pause before giving up
			time.Sleep(time.Duration(attempt*attempt) * 5 * time.Millisecond)
		}
	}
	return unavailable(err)
}

func (db *DB) writeOnce(ctx context.Context, fn func(tx store.Tx) error) (after []func(), err error) {
	// Read committed, stated rather than inherited from the server's
	// default: the row locks and the lock on a missing key (lock.go) rely
	// on each statement seeing what committed before it began.
	pgTx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return nil, fmt.Errorf("begin write transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in write transaction: %v", p)
		}
		if err != nil {
			_ = pgTx.Rollback(ctx)
		}
	}()
	t := &tx{queries: queries{q: pgTx, inTx: true}, pgTx: pgTx}
	if err := fn(t); err != nil {
		return nil, err
	}
	if err := pgTx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return t.after, nil
}

// Snapshot runs fn in a read-only REPEATABLE READ transaction: every
// statement of it sees the snapshot its first one took. Such a
// transaction never conflicts with writers, so nothing is retried.
func (db *DB) Snapshot(ctx context.Context, fn func(r store.Reader) error) error {
	pgTx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("begin snapshot: %w", err)
	}
	// Nothing was written: a rollback ends it as well as a commit would.
	defer pgTx.Rollback(context.WithoutCancel(ctx))
	return fn(queries{q: pgTx})
}

// retryable reports a conflict with a concurrent transaction.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return true
		}
	}
	return false
}

// scanTimesInUTC makes timestamptz values read back in UTC, as SQLite's
// are, instead of in the server's local zone: times reach API responses,
// and the engine must not change how they are printed.
func scanTimesInUTC(_ context.Context, conn *pgx.Conn) error {
	conn.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
		Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
	return nil
}

// querier is what both the pool and a transaction run statements on.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)
}

// queries holds every read and write; on the DB it runs on the pool, in a
// tx on the transaction (inTx: reads that precede an update lock the row).
type queries struct {
	q    querier
	inTx bool
}

// tx is the store.Tx handed to write functions.
type tx struct {
	queries
	pgTx  pgx.Tx
	after []func()
}

func (t *tx) AfterCommit(f func()) { t.after = append(t.after, f) }

// PgxTx is the transaction, for the job queue to insert jobs in the same
// commit; nothing else should use it.
func (t *tx) PgxTx() pgx.Tx { return t.pgTx }

// unavailable joins store.ErrUnavailable to err when the database cannot
// store data now: its disk is full (53100), it is out of resources (class
// 53), shutting down (57P01-57P03) or the connection failed or was lost.
func unavailable(err error) error {
	if err == nil || errors.Is(err, store.ErrUnavailable) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		if strings.HasPrefix(pe.Code, "53") || strings.HasPrefix(pe.Code, "08") ||
			pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03" {
			return fmt.Errorf("%w: %w", store.ErrUnavailable, err)
		}
		return err
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return fmt.Errorf("%w: %w", store.ErrUnavailable, err)
	}
	return err
}

// interpretError maps driver errors to the store's shared errors.
func interpretError(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNotFound
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation
		return fmt.Errorf("%w: %v", store.ErrDuplicate, err)
	}
	return err
}

// setsPoolSize reports whether a connection string names its pool's size
// (pool_max_conns, as a URL query parameter or a keyword=value pair).
func setsPoolSize(connString string) bool {
	if u, err := url.Parse(connString); err == nil && u.Scheme != "" {
		return u.Query().Has("pool_max_conns")
	}
	return strings.Contains(connString, "pool_max_conns=")
}
