// Package storecopy copies a whole Fathom installation from its SQLite
// database to a PostgreSQL database migrated to the same schema version:
// every table of the application, row for row, in foreign-key order, then
// the job queue's pending work.
//
// The copy is generic: both engines' migrations keep the same table names,
// column names and column order, so a table is copied by position, each
// value converted to its PostgreSQL column's type (TEXT times to
// timestamptz, 0/1 to boolean, BLOB to bytea). It never writes to the
// source. Progress is kept in the target (table fathom_copy) and committed
// with every batch, so an interrupted copy run again continues where it
// stopped and never copies a row twice. What is not copied, and why, is in
// skipped (schema.go).
//
// ToSQLite copies the other way, a PostgreSQL installation into a new
// SQLite database from one snapshot, for backups (reverse.go).
//
// It knows nothing of the domain: no table is named here except those it
// leaves out, and the one index column SQLite derives (schema.go).
package storecopy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Config says what to copy where.
type Config struct {
	// Source is the SQLite database, opened with OpenSource. It is only
	// read.
	Source *sql.DB
	// SourceName names the source in progress records and messages (its
	// path).
	SourceName string
	// Target is the PostgreSQL database, migrated to the source's schema
	// version (the application's and the job queue's migrations).
	Target *pgxpool.Pool
	// BatchRows caps the rows of one batch (default 1000): one batch is
	// one target transaction and one progress record.
	BatchRows int
	// BatchBytes caps the values of one batch (default 8 MiB), so that
	// large transcripts do not make batches of gigabytes.
	BatchBytes int
	// Progress, if set, is called after each committed batch and when a
	// table is done.
	Progress func(Progress)
}

// Progress reports one committed step.
type Progress struct {
	Table string
	// Rows is how many rows of Table the target holds from this copy.
	Rows int64
	// Done is set once the table is complete.
	Done bool
}

// Report is what a finished copy verified.
type Report struct {
	// Resumed is set when the copy continued an interrupted one.
	Resumed bool
	// Tables are the copied tables in the order they were copied, with
	// their row counts on both sides (equal, or Copy fails).
	Tables []TableCount
	// Jobs is how many pending jobs of the queue were carried over.
	Jobs int
	// Skipped are the source tables not copied, with the reason.
	Skipped []Skip
}

// TableCount is one table's verification.
type TableCount struct {
	Table          string
	Source, Target int64
}

// Skip is a table left out of the copy.
type Skip struct {
	Table, Reason string
}

// ErrTargetNotEmpty is returned when the target holds data that is not an
// interrupted copy of the same source.
var ErrTargetNotEmpty = errors.New("target database is not empty")

// ErrCountMismatch is returned when a table's row counts differ after the
// copy.
var ErrCountMismatch = errors.New("row counts differ")

func (c *Config) withDefaults() {
	if c.BatchRows <= 0 {
		c.BatchRows = 1000
	}
	if c.BatchBytes <= 0 {
		c.BatchBytes = 8 << 20
	}
	if c.Progress == nil {
		c.Progress = func(Progress) {}
	}
}

// Copy copies the source into the target, or continues an interrupted
// copy of the same source, and verifies the row counts of every table.
func Copy(ctx context.Context, cfg Config) (*Report, error) {
	cfg.withDefaults()
	if cfg.Source == nil || cfg.Target == nil {
		return nil, errors.New("storecopy: Source and Target are required")
	}
	// One connection holds the advisory lock for the whole copy: a second
	// copy into the same database would race this one's progress.
	conn, err := cfg.Target.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect to target: %w", err)
	}
	defer conn.Release()
	var locked bool
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", advisoryLock).Scan(&locked); err != nil {
		return nil, fmt.Errorf("lock target: %w", err)
	}
	if !locked {
		return nil, errors.New("another fathom copy is writing into the target database")
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", advisoryLock) //nolint:errcheck // the session ends anyway

	// Every source read happens in one read transaction: one snapshot,
	// whatever else has the file open.
	src, err := cfg.Source.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read source: %w", err)
	}
	defer src.Rollback() //nolint:errcheck // read only

	plan, err := makePlan(ctx, src, cfg.Target)
	if err != nil {
		return nil, err
	}
	fp, err := fingerprint(ctx, src, plan)
	if err != nil {
		return nil, err
	}
	prog, resumed, err := startProgress(ctx, cfg.Target, plan, fp, cfg.SourceName)
	if err != nil {
		return nil, err
	}
	rep := &Report{Resumed: resumed, Skipped: plan.skipped}
	for _, t := range plan.tables {
		if err := copyTable(ctx, src, cfg, t, prog[t.name]); err != nil {
			return nil, err
		}
	}
	if rep.Jobs, err = copyJobs(ctx, cfg.Source, src, cfg.Target, prog[jobsStep]); err != nil {
		return nil, err
	}
	if err := resetSequences(ctx, cfg.Target, plan); err != nil {
		return nil, err
	}
	rep.Tables, err = verify(ctx, src, cfg.Target, plan)
	return rep, err
}

// advisoryLock is the key of the PostgreSQL advisory lock a copy holds.
const advisoryLock int64 = 0x66617468_636f7079 // "fathcopy"

// now is the clock of progress records.
var now = time.Now
