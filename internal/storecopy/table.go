package storecopy

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// copyTable copies the rows of t after the step's last key, batch by
// batch: each batch is written with COPY in one target transaction that
// also records the batch's last key, so an interruption loses at most
// the batch in flight, which the next run copies again.
func copyTable(ctx context.Context, src *sql.Tx, cfg Config, t *table, s *step) error {
	if s.done {
		return nil
	}
	convs := make([]converter, len(t.insert))
	cols := make([]string, len(t.insert))
	for i, j := range t.insert {
		c, err := converterFor(t.target[j].typ)
		if err != nil {
			return fmt.Errorf("table %s column %s: %w", t.name, t.target[j].name, err)
		}
		convs[i], cols[i] = c, t.target[j].name
	}
	for {
		b, err := readBatch(ctx, src, cfg, t, convs, s.lastKey)
		if err != nil {
			return err
		}
		if err := writeBatch(ctx, cfg, t, cols, s, b); err != nil {
			return err
		}
		s.lastKey, s.rows, s.done = b.lastKey, s.rows+int64(len(b.rows)), b.last
		cfg.Progress(Progress{Table: t.name, Rows: s.rows, Done: s.done})
		if s.done {
			return nil
		}
	}
}

// batch is rows read from the source, converted for the target.
type batch struct {
	rows    [][]any
	lastKey []string
	// last is set when the source has no row after these.
	last bool
}

func readBatch(ctx context.Context, src *sql.Tx, cfg Config, t *table, convs []converter, after []string) (*batch, error) {
	q, args, err := t.selectAfter(after, cfg.BatchRows)
	if err != nil {
		return nil, err
	}
	rows, err := src.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read source table %s: %w", t.name, err)
	}
	defer rows.Close()
	// The key is read first, to walk by it, then the written columns.
	nk := len(t.key)
	vals := make([]any, nk+len(t.read))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	b := &batch{lastKey: after}
	size, read := 0, 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("read source table %s: %w", t.name, err)
		}
		read++
		key := make([]string, nk)
		for i := range key {
			if key[i], err = keyText(vals[i]); err != nil {
				return nil, fmt.Errorf("table %s: key %s: %w", t.name, t.key[i], err)
			}
		}
		row := make([]any, len(convs))
		for i, v := range vals[nk:] {
			if row[i], err = convs[i](v); err != nil {
				return nil, fmt.Errorf("table %s row %v column %s: %w", t.name, key, t.target[t.insert[i]].name, err)
			}
			size += valueSize(v)
		}
		b.rows, b.lastKey = append(b.rows, row), key
		if size >= cfg.BatchBytes {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read source table %s: %w", t.name, err)
	}
	// Fewer rows than asked, without stopping early for size: the end.
	b.last = read < cfg.BatchRows && size < cfg.BatchBytes
	return b, nil
}

func writeBatch(ctx context.Context, cfg Config, t *table, cols []string, s *step, b *batch) error {
	tx, err := cfg.Target.Begin(ctx)
	if err != nil {
		return fmt.Errorf("write target table %s: %w", t.name, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // after Commit, a no-op
	if len(b.rows) > 0 {
		n, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, cols, pgx.CopyFromRows(b.rows))
		if err != nil {
			return fmt.Errorf("write target table %s after key %v: %w", t.name, s.lastKey, err)
		}
		if n != int64(len(b.rows)) {
			return fmt.Errorf("write target table %s: %d of %d rows written", t.name, n, len(b.rows))
		}
	}
	if err := advance(ctx, tx, s, b.lastKey, int64(len(b.rows)), b.last); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit target table %s: %w", t.name, err)
	}
	return nil
}

// selectAfter is the query of the next batch: the rows whose key follows
// after, in key order (row values compare column by column, with each
// column's collation, as the ORDER BY sorts).
func (t *table) selectAfter(after []string, limit int) (string, []any, error) {
	var q strings.Builder
	fmt.Fprintf(&q, "SELECT %s, %s FROM %s", t.orderBy(), strings.Join(t.read, ", "), quoteSQLite(t.name))
	var args []any
	if len(after) > 0 {
		if len(after) != len(t.key) {
			return "", nil, fmt.Errorf("table %s: recorded key %v does not fit the key %v", t.name, after, t.key)
		}
		keys := make([]string, len(t.key))
		marks := make([]string, len(t.key))
		for i, k := range t.key {
			keys[i], marks[i] = t.quoteKey(k), "?"
			v, err := t.keyValue(k, after[i])
			if err != nil {
				return "", nil, err
			}
			args = append(args, v)
		}
		fmt.Fprintf(&q, " WHERE (%s) > (%s)", strings.Join(keys, ", "), strings.Join(marks, ", "))
	}
	fmt.Fprintf(&q, " ORDER BY %s LIMIT %d", t.orderBy(), limit)
	return q.String(), args, nil
}

func (t *table) orderBy() string {
	keys := make([]string, len(t.key))
	for i, k := range t.key {
		keys[i] = t.quoteKey(k)
	}
	return strings.Join(keys, ", ")
}

func (t *table) quoteKey(k string) string {
	if t.rowid {
		return "rowid"
	}
	return quoteSQLite(k)
}

// keyValue turns a recorded key back into the value SQLite compares:
// integer keys as integers, so that 10 follows 9.
func (t *table) keyValue(k, s string) (any, error) {
	integer := t.rowid
	for _, c := range t.columns {
		if c.name == k && strings.Contains(strings.ToUpper(c.typ), "INT") {
			integer = true
		}
	}
	if !integer {
		return s, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("table %s: recorded key %q is not an integer", t.name, s)
	}
	return n, nil
}

func keyText(v any) (string, error) {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10), nil
	case string:
		return x, nil
	}
	return "", fmt.Errorf("%s cannot be a key: only integer and text keys are walked", describe(v))
}

func valueSize(v any) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case []byte:
		return len(x)
	}
	return 8
}

func quoteSQLite(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
