package storecopy

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"sort"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// progressTable records, in the target, how far each step of a copy got;
// it is written in the same transaction as the rows it counts. It stays
// after the copy as its record; the server never reads it.
const progressTable = "fathom_copy"

// jobsStep is the progress step of the job queue's pending jobs.
const jobsStep = "(pending jobs)"

// step is one table's (or the jobs') progress.
type step struct {
	name string
	// lastKey is the source key of the last copied row, as text.
	lastKey []string
	rows    int64
	done    bool
}

// startProgress returns the progress of every step: fresh on an empty
// target, read back when the target holds an interrupted (or finished)
// copy of the same source. Anything else in the target is refused.
func startProgress(ctx context.Context, dst *pgxpool.Pool, p *plan, source, sourceName string) (map[string]*step, bool, error) {
	if _, err := dst.Exec(ctx, `CREATE TABLE IF NOT EXISTS `+progressTable+` (
		step        TEXT PRIMARY KEY,
		source      TEXT NOT NULL,
		source_name TEXT NOT NULL,
		last_key    TEXT[],
		rows        BIGINT NOT NULL DEFAULT 0,
		done        BOOLEAN NOT NULL DEFAULT false,
		updated_at  TIMESTAMPTZ NOT NULL
	)`); err != nil {
		return nil, false, fmt.Errorf("create progress table: %w", err)
	}
	rows, err := dst.Query(ctx, `SELECT step, source, source_name, coalesce(last_key, '{}'), rows, done FROM `+progressTable)
	if err != nil {
		return nil, false, fmt.Errorf("read progress: %w", err)
	}
	steps := map[string]*step{}
	for rows.Next() {
		s := &step{}
		var src, name string
		if err := rows.Scan(&s.name, &src, &name, &s.lastKey, &s.rows, &s.done); err != nil {
			rows.Close()
			return nil, false, err
		}
		if src != source {
			rows.Close()
			return nil, false, fmt.Errorf("%w: it holds part of a copy of another database (%s), or of this one before it changed; copy into a new database", ErrTargetNotEmpty, name)
		}
		steps[s.name] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	resumed := len(steps) > 0
	if !resumed {
		if err := checkEmpty(ctx, dst, p); err != nil {
			return nil, false, err
		}
	}
	names := []string{jobsStep}
	for _, t := range p.tables {
		names = append(names, t.name)
	}
	for _, n := range names {
		if steps[n] != nil {
			continue
		}
		if _, err := dst.Exec(ctx, `INSERT INTO `+progressTable+` (step, source, source_name, updated_at) VALUES ($1, $2, $3, $4)`,
			n, source, sourceName, now()); err != nil {
			return nil, false, fmt.Errorf("record progress: %w", err)
		}
		steps[n] = &step{name: n}
	}
	return steps, resumed, nil
}

// checkEmpty refuses a target where a server has already written: a copy
// on top would collide with its ids, or hide its rows.
func checkEmpty(ctx context.Context, dst *pgxpool.Pool, p *plan) error {
	names := make([]string, 0, len(p.tables)+1)
	for _, t := range p.tables {
		names = append(names, t.name)
	}
	var queue *string
	if err := dst.QueryRow(ctx, `SELECT to_regclass('river_job')::text`).Scan(&queue); err != nil {
		return fmt.Errorf("inspect target: %w", err)
	}
	if queue != nil {
		names = append(names, "river_job")
	}
	for _, n := range names {
		var any bool
		if err := dst.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+pgx.Identifier{n}.Sanitize()+`)`).Scan(&any); err != nil {
			return fmt.Errorf("inspect target table %s: %w", n, err)
		}
		if any {
			return fmt.Errorf("%w: table %s has rows (copy into a new, migrated database)", ErrTargetNotEmpty, n)
		}
	}
	return nil
}

// advance records a committed batch in tx.
func advance(ctx context.Context, tx pgx.Tx, s *step, lastKey []string, n int64, done bool) error {
	if _, err := tx.Exec(ctx, `UPDATE `+progressTable+` SET last_key = $2, rows = rows + $3, done = $4, updated_at = $5 WHERE step = $1`,
		s.name, lastKey, n, done, now()); err != nil {
		return fmt.Errorf("record progress of %s: %w", s.name, err)
	}
	return nil
}

// fingerprint identifies the source installation, so that only a copy of
// the same one is resumed: the history of its migrations (when each was
// applied, here) and the first row of each table. A source that changed
// between two runs usually changes it too (a migration, a first row
// updated) and is refused; one that did not is not detected, which is
// why the docs say not to run a server on it in between.
func fingerprint(ctx context.Context, src *sql.Tx, p *plan) (string, error) {
	h := sha256.New()
	if err := hashRows(ctx, src, h, `SELECT version_id, tstamp FROM goose_db_version ORDER BY id`); err != nil {
		return "", fmt.Errorf("fingerprint source: %w", err)
	}
	tables := append([]*table(nil), p.tables...)
	sort.Slice(tables, func(i, j int) bool { return tables[i].name < tables[j].name })
	for _, t := range tables {
		fmt.Fprintf(h, "\x00%s\x00", t.name)
		q := `SELECT * FROM ` + quoteSQLite(t.name) + ` ORDER BY ` + t.orderBy() + ` LIMIT 1`
		if err := hashRows(ctx, src, h, q); err != nil {
			return "", fmt.Errorf("fingerprint source table %s: %w", t.name, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashRows(ctx context.Context, src *sql.Tx, h io.Writer, q string) error {
	rows, err := src.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for _, v := range vals {
			fmt.Fprintf(h, "%T:%v\x00", v, v)
		}
	}
	return rows.Err()
}
