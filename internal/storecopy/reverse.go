package storecopy

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
)

// SQLiteConfig says what ToSQLite copies where.
type SQLiteConfig struct {
	// Source is the PostgreSQL database; it is only read, in one
	// REPEATABLE READ transaction.
	Source *pgxpool.Pool
	// Target is a new SQLite database migrated to the source's schema
	// version (the application's and the job queue's migrations), empty.
	Target *sql.DB
	// Progress, if set, is called when a table is done.
	Progress func(Progress)
}

// ToSQLite copies a PostgreSQL installation into a new SQLite database,
// the reverse of Copy, for a backup in SQLite's one-file form: every table
// as one snapshot of the source (what the servers had committed when it
// began, whatever they write meanwhile), the queue's pending jobs, then
// the row counts of every table on both sides. The target is written in
// one transaction: a failed copy leaves it empty.
func ToSQLite(ctx context.Context, cfg SQLiteConfig) (*Report, error) {
	if cfg.Progress == nil {
		cfg.Progress = func(Progress) {}
	}
	src, err := cfg.Source.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("read source: %w", err)
	}
	defer src.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // read only
	conn, err := cfg.Target.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	// Tables arrive one at a time; the source enforced their references.
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return nil, err
	}
	dst, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer dst.Rollback() //nolint:errcheck // after Commit, a no-op

	srcVersion, err := targetVersion(ctx, src)
	if err != nil {
		return nil, err
	}
	dstVersion, err := sourceVersion(ctx, dst)
	if err != nil {
		return nil, err
	}
	if srcVersion != dstVersion {
		return nil, fmt.Errorf("source schema is at version %d, target at %d: migrate the source with this binary first (fathom migrate)", srcVersion, dstVersion)
	}
	names, err := sourceTables(ctx, dst)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	var copied []string
	for _, n := range names {
		if strings.HasPrefix(n.name, "sqlite_") {
			continue
		}
		if reason := skipReason(n.name); reason != "" {
			rep.Skipped = append(rep.Skipped, Skip{n.name, reason})
			continue
		}
		t, err := reversePlan(ctx, src, dst, n)
		if err != nil {
			return nil, err
		}
		rows, err := t.copy(ctx, src, dst)
		if err != nil {
			return nil, err
		}
		cfg.Progress(Progress{Table: n.name, Rows: rows, Done: true})
		copied = append(copied, n.name)
	}
	if rep.Jobs, err = reverseJobs(ctx, cfg, src, dst); err != nil {
		return nil, err
	}
	for _, name := range copied {
		c := TableCount{Table: name}
		if err := src.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{name}.Sanitize()).Scan(&c.Source); err != nil {
			return nil, fmt.Errorf("count source table %s: %w", name, err)
		}
		if err := dst.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteSQLite(name)).Scan(&c.Target); err != nil {
			return nil, fmt.Errorf("count target table %s: %w", name, err)
		}
		if c.Source != c.Target {
			return nil, fmt.Errorf("%w: %s (%d in the source, %d in the target)", ErrCountMismatch, name, c.Source, c.Target)
		}
		rep.Tables = append(rep.Tables, c)
	}
	if err := dst.Commit(); err != nil {
		return nil, fmt.Errorf("commit target: %w", err)
	}
	return rep, nil
}

// reverseTable is how one table is read from PostgreSQL and written to
// SQLite.
type reverseTable struct {
	name    string
	selects []string    // PostgreSQL expressions read
	convs   []converter // each read value to SQLite's
	columns []string    // the SQLite columns written with them
	// derived are SQLite columns computed from the others (indexOnly).
	derived [][2]string // column, expression
}

func reversePlan(ctx context.Context, src pgx.Tx, dst *sql.Tx, n sourceName) (*reverseTable, error) {
	lite, err := sourceTable(ctx, dst, n.name, n.virtual)
	if err != nil {
		return nil, err
	}
	pg, err := targetColumns(ctx, src, n.name)
	if err != nil {
		return nil, err
	}
	if len(pg) == 0 {
		return nil, fmt.Errorf("table %s: missing in the source", n.name)
	}
	t := &reverseTable{name: n.name}
	covered := map[string]bool{}
	for _, c := range pg {
		if c.generated {
			continue
		}
		if c.name != "rowid" || lite.hasColumn("rowid") {
			if !lite.hasColumn(c.name) {
				return nil, fmt.Errorf("table %s: source column %s is not in the target", n.name, c.name)
			}
		}
		conv, sel, err := sqliteConverter(c)
		if err != nil {
			return nil, fmt.Errorf("table %s column %s: %w", n.name, c.name, err)
		}
		t.selects, t.convs, t.columns = append(t.selects, sel), append(t.convs, conv), append(t.columns, c.name)
		covered[c.name] = true
	}
	for _, c := range lite.columns {
		if covered[c.name] {
			continue
		}
		expr := derivation(n.name, c.name)
		if expr == "" {
			return nil, fmt.Errorf("table %s: target column %s is not in the source", n.name, c.name)
		}
		t.derived = append(t.derived, [2]string{c.name, expr})
	}
	return t, nil
}

func derivation(table, column string) string {
	for _, c := range sourceIndexOnly {
		if c.table == table && c.column == column {
			return c.derive
		}
	}
	return ""
}

func (t *reverseTable) insert() string {
	cols := make([]string, len(t.columns))
	marks := make([]string, len(t.columns))
	for i, c := range t.columns {
		cols[i], marks[i] = quoteSQLite(c), "?"
	}
	if len(t.derived) == 0 {
		return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", quoteSQLite(t.name), strings.Join(cols, ", "), strings.Join(marks, ", "))
	}
	// The derived columns are computed from the row's values, named.
	named := make([]string, len(t.columns))
	for i, c := range cols {
		named[i] = "? AS " + c
	}
	all, exprs := append([]string(nil), cols...), append([]string(nil), cols...)
	for _, d := range t.derived {
		all, exprs = append(all, quoteSQLite(d[0])), append(exprs, d[1])
	}
	return fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM (SELECT %s)", quoteSQLite(t.name),
		strings.Join(all, ", "), strings.Join(exprs, ", "), strings.Join(named, ", "))
}

func (t *reverseTable) copy(ctx context.Context, src pgx.Tx, dst *sql.Tx) (int64, error) {
	stmt, err := dst.PrepareContext(ctx, t.insert())
	if err != nil {
		return 0, fmt.Errorf("write target table %s: %w", t.name, err)
	}
	defer stmt.Close()
	rows, err := src.Query(ctx, fmt.Sprintf("SELECT %s FROM %s", strings.Join(t.selects, ", "), pgx.Identifier{t.name}.Sanitize()))
	if err != nil {
		return 0, fmt.Errorf("read source table %s: %w", t.name, err)
	}
	defer rows.Close()
	var n int64
	args := make([]any, len(t.convs))
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return 0, fmt.Errorf("read source table %s: %w", t.name, err)
		}
		for i, v := range vals {
			if args[i], err = t.convs[i](v); err != nil {
				return 0, fmt.Errorf("table %s column %s: %w", t.name, t.columns[i], err)
			}
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return 0, fmt.Errorf("write target table %s: %w", t.name, err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("read source table %s: %w", t.name, err)
	}
	return n, nil
}

// sqliteTime is how the SQLite engine writes times (RFC 3339 in UTC with
// nine decimals, so that text order is time order): the inverse of
// toTime.
const sqliteTime = "2006-01-02T15:04:05.000000000Z07:00"

// sqliteConverter reads a PostgreSQL column as the SQLite engine stores
// it: the expression to select and the conversion of its value.
func sqliteConverter(c column) (converter, string, error) {
	sel := pgx.Identifier{c.name}.Sanitize()
	switch t := c.typ; {
	case t == "bigint", t == "integer", t == "smallint":
		return fromInt, sel, nil
	case t == "boolean":
		return fromBool, sel, nil
	case t == "timestamp with time zone":
		return fromTime, sel, nil
	case t == "text", strings.HasPrefix(t, "character varying"), t == "jsonb", t == "json":
		return fromText, sel + "::text", nil
	case t == "bytea":
		return fromBytes, sel, nil
	case t == "double precision", t == "real":
		return fromFloat, sel, nil
	}
	return nil, "", fmt.Errorf("no conversion from PostgreSQL type %s", c.typ)
}

func fromInt(v any) (any, error) {
	switch x := v.(type) {
	case nil, int64:
		return x, nil
	case int32:
		return int64(x), nil
	case int16:
		return int64(x), nil
	}
	return nil, fmt.Errorf("%s is not an integer", describe(v))
}

func fromBool(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	}
	return nil, fmt.Errorf("%s is not a boolean", describe(v))
}

func fromTime(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case time.Time:
		return x.UTC().Format(sqliteTime), nil
	}
	return nil, fmt.Errorf("%s is not a time", describe(v))
}

func fromText(v any) (any, error) {
	switch x := v.(type) {
	case nil, string:
		return x, nil
	}
	return nil, fmt.Errorf("%s is not text", describe(v))
}

func fromBytes(v any) (any, error) {
	switch x := v.(type) {
	case nil, []byte:
		return x, nil
	}
	return nil, fmt.Errorf("%s is not bytes", describe(v))
}

func fromFloat(v any) (any, error) {
	switch x := v.(type) {
	case nil, float64:
		return x, nil
	case float32:
		return float64(x), nil
	}
	return nil, fmt.Errorf("%s is not a number", describe(v))
}

// reverseJobs carries the queue's pending jobs into the target, as
// copyJobs does the other way (the attempt count included; the time of
// the last attempt is not carried).
func reverseJobs(ctx context.Context, cfg SQLiteConfig, src pgx.Tx, dst *sql.Tx) (int, error) {
	reader, err := river.NewClient(riverpgxv5.New(cfg.Source), &river.Config{})
	if err != nil {
		return 0, fmt.Errorf("source job queue: %w", err)
	}
	jobs, err := pendingJobs(ctx, reader, src)
	if err != nil {
		return 0, err
	}
	if len(jobs) == 0 {
		return 0, nil
	}
	writer, err := river.NewClient(riversqlite.New(cfg.Target), &river.Config{})
	if err != nil {
		return 0, fmt.Errorf("target job queue: %w", err)
	}
	res, err := writer.InsertManyTx(ctx, dst, insertParams(jobs))
	if err != nil {
		return 0, fmt.Errorf("insert target jobs: %w", err)
	}
	for i, r := range res {
		if jobs[i].Attempt == 0 {
			continue
		}
		if _, err := dst.ExecContext(ctx, `UPDATE river_job SET attempt = ? WHERE id = ?`, jobs[i].Attempt, r.Job.ID); err != nil {
			return 0, fmt.Errorf("carry attempt count of job %d: %w", jobs[i].ID, err)
		}
	}
	return len(jobs), nil
}
