package storecopy

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// skipped are the source tables deliberately not copied. Any other source
// table the target lacks is an error: a table nobody decided about is
// never dropped silently.
var skipped = []struct{ prefix, reason string }{
	{"goose_db_version", "each engine keeps its own migration history; the versions are compared instead"},
	{"river_", "the job queue's own tables, in its own dialect; pending jobs are carried over through the queue"},
	{"fathom_backup", "a backup's record of itself (fathom backup), checked before the copy"},
}

// pgQuerier reads a PostgreSQL database: a pool, or one transaction's
// snapshot.
type pgQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// column is one column of a table, on either side.
type column struct {
	name string
	// typ is the declared type: SQLite's as written, PostgreSQL's as
	// format_type prints it.
	typ string
	// generated columns (PostgreSQL) are computed by the target.
	generated bool
	// identity columns (PostgreSQL) have a sequence to move past the
	// copied ids.
	identity bool
}

// table is one table to copy.
type table struct {
	name    string
	columns []column // the source's, in order
	target  []column // the target's, in order
	// key are the source columns the copy walks in order; rowid when the
	// table has no primary key (then it is read but not written).
	key   []string
	rowid bool
	// insert are the indexes of the target columns written, and read the
	// source expressions read for them, in the same order.
	insert []int
	read   []string
}

// plan is every table in foreign-key order, and what is left out.
type plan struct {
	tables  []*table
	skipped []Skip
	version int64
}

func makePlan(ctx context.Context, src *sql.Tx, dst *pgxpool.Pool) (*plan, error) {
	srcVersion, err := sourceVersion(ctx, src)
	if err != nil {
		return nil, err
	}
	dstVersion, err := targetVersion(ctx, dst)
	if err != nil {
		return nil, err
	}
	if srcVersion != dstVersion {
		return nil, fmt.Errorf("source schema is at version %d, target at %d: migrate both with this binary first (fathom migrate)", srcVersion, dstVersion)
	}
	names, err := sourceTables(ctx, src)
	if err != nil {
		return nil, err
	}
	p := &plan{version: srcVersion}
	byName := map[string]*table{}
	for _, n := range names {
		if strings.HasPrefix(n.name, "sqlite_") {
			continue // SQLite's own bookkeeping
		}
		if reason := skipReason(n.name); reason != "" {
			p.skipped = append(p.skipped, Skip{n.name, reason})
			continue
		}
		cols, err := targetColumns(ctx, dst, n.name)
		if err != nil {
			return nil, err
		}
		if len(cols) == 0 {
			if n.virtual {
				// A virtual table (full-text search) is an index of other
				// tables: the target engine builds its own.
				p.skipped = append(p.skipped, Skip{n.name, "a full-text index of other tables; the target keeps its own from the copied rows"})
				continue
			}
			return nil, fmt.Errorf("table %s: missing in the target", n.name)
		}
		t, err := sourceTable(ctx, src, n.name, n.virtual)
		if err != nil {
			return nil, err
		}
		t.target = cols
		if err := t.match(); err != nil {
			return nil, err
		}
		byName[t.name] = t
	}
	if p.tables, err = foreignKeyOrder(ctx, dst, byName); err != nil {
		return nil, err
	}
	return p, nil
}

func skipReason(name string) string {
	for _, s := range skipped {
		if name == s.prefix || strings.HasPrefix(name, s.prefix) && strings.HasSuffix(s.prefix, "_") {
			return s.reason
		}
	}
	return ""
}

// match checks that the target has the source's columns, by name in the
// same order, and says what to read for each written column. The target
// may add generated columns anywhere, and a column named rowid that the
// source keeps implicitly (SQLite's insertion order, which the target
// must store to keep it); the source may have columns that only its own
// index needs (indexOnly).
func (t *table) match() error {
	cols := t.columns[:0:0]
	for _, c := range t.columns {
		if !indexOnly(t.name, c.name) || t.hasTarget(c.name) {
			cols = append(cols, c)
		}
	}
	i := 0
	for j, c := range t.target {
		switch {
		case c.generated:
			continue
		case c.name == "rowid" && !t.hasColumn("rowid"):
			t.insert, t.read = append(t.insert, j), append(t.read, "rowid")
			continue
		case i >= len(cols):
			return fmt.Errorf("table %s: target column %s is not in the source", t.name, c.name)
		case cols[i].name != c.name:
			return fmt.Errorf("table %s: column %d is %s in the source, %s in the target", t.name, i+1, cols[i].name, c.name)
		}
		t.insert, t.read = append(t.insert, j), append(t.read, quoteSQLite(c.name))
		i++
	}
	if i < len(cols) {
		return fmt.Errorf("table %s: source column %s is not in the target", t.name, cols[i].name)
	}
	return nil
}

func (t *table) hasTarget(name string) bool {
	for _, c := range t.target {
		if c.name == name {
			return true
		}
	}
	return false
}

func (t *table) hasColumn(name string) bool {
	for _, c := range t.columns {
		if c.name == name {
			return true
		}
	}
	return false
}

// sourceIndexOnly lists the source columns that only SQLite's own index
// needs and that the target has no place for: it is the one place where
// the copy knows a table, and is kept to what an index needs.
//
// SQLite's FTS5 meeting search holds the tenant as a token column
// (tenant, "t" and tenant_id) so that a search reads only its tenant's
// postings; PostgreSQL's index puts the tenant in each lexeme, computed
// from tenant_id, which both engines keep.
//
// derive is the column's value as a SQLite expression over the table's
// other columns, as its migration fills it: a copy into SQLite (a backup
// of a PostgreSQL installation) computes it so.
var sourceIndexOnly = []struct{ table, column, derive string }{
	{"meeting_search", "tenant", `'t' || "tenant_id"`},
}

func indexOnly(table, column string) bool {
	for _, c := range sourceIndexOnly {
		if c.table == table && c.column == column {
			return true
		}
	}
	return false
}

type sourceName struct {
	name    string
	virtual bool
}

// sourceTables lists the source's tables; the shadow tables of a virtual
// table are its storage and go with it.
func sourceTables(ctx context.Context, src *sql.Tx) ([]sourceName, error) {
	rows, err := src.QueryContext(ctx, `SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list source tables: %w", err)
	}
	defer rows.Close()
	var out []sourceName
	for rows.Next() {
		var n, typ string
		if err := rows.Scan(&n, &typ); err != nil {
			return nil, err
		}
		out = append(out, sourceName{n, typ == "virtual"})
	}
	return out, rows.Err()
}

func sourceTable(ctx context.Context, src *sql.Tx, name string, virtual bool) (*table, error) {
	rows, err := src.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`, name)
	if err != nil {
		return nil, fmt.Errorf("columns of source table %s: %w", name, err)
	}
	defer rows.Close()
	t := &table{name: name}
	pks := map[int]string{}
	for rows.Next() {
		var c column
		var pk int
		if err := rows.Scan(&c.name, &c.typ, &pk); err != nil {
			return nil, err
		}
		t.columns = append(t.columns, c)
		if pk > 0 {
			pks[pk] = c.name
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := 1; i <= len(pks); i++ {
		t.key = append(t.key, pks[i])
	}
	if len(t.key) == 0 || virtual {
		t.key, t.rowid = []string{"rowid"}, true
	}
	return t, nil
}

func targetColumns(ctx context.Context, dst pgQuerier, name string) ([]column, error) {
	rows, err := dst.Query(ctx, `
		SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attgenerated <> '', a.attidentity <> ''
		FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
		  AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum`, name)
	if err != nil {
		return nil, fmt.Errorf("columns of target table %s: %w", name, err)
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ, &c.generated, &c.identity); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// foreignKeyOrder sorts the tables so that every table comes after the
// tables its foreign keys (on the target, where they are enforced) point
// to; ties by name, so the order is the same on every run.
func foreignKeyOrder(ctx context.Context, dst *pgxpool.Pool, tables map[string]*table) ([]*table, error) {
	rows, err := dst.Query(ctx, `
		SELECT c.relname, r.relname
		FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid
		JOIN pg_class r ON r.oid = k.confrelid
		WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace`)
	if err != nil {
		return nil, fmt.Errorf("foreign keys of the target: %w", err)
	}
	defer rows.Close()
	deps := map[string]map[string]bool{}
	for rows.Next() {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			return nil, err
		}
		if from == to || tables[from] == nil {
			continue
		}
		if tables[to] == nil {
			return nil, fmt.Errorf("table %s refers to %s, which is not copied", from, to)
		}
		if deps[from] == nil {
			deps[from] = map[string]bool{}
		}
		deps[from][to] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []*table
	placed := map[string]bool{}
	for len(out) < len(names) {
		progressed := false
		for _, n := range names {
			if placed[n] {
				continue
			}
			ready := true
			for d := range deps[n] {
				if !placed[d] {
					ready = false
					break
				}
			}
			if ready {
				placed[n], progressed = true, true
				out = append(out, tables[n])
			}
		}
		if !progressed {
			return nil, fmt.Errorf("the target's foreign keys form a cycle among %v", unplaced(names, placed))
		}
	}
	return out, nil
}

func unplaced(names []string, placed map[string]bool) []string {
	var out []string
	for _, n := range names {
		if !placed[n] {
			out = append(out, n)
		}
	}
	return out
}

// sourceVersion is the source's migration version (goose).
func sourceVersion(ctx context.Context, src *sql.Tx) (int64, error) {
	var v sql.NullInt64
	if err := src.QueryRowContext(ctx, `SELECT max(version_id) FROM goose_db_version WHERE is_applied`).Scan(&v); err != nil {
		return 0, fmt.Errorf("source schema version (is it a Fathom database?): %w", err)
	}
	return v.Int64, nil
}

// targetVersion is the target's migration version (goose).
func targetVersion(ctx context.Context, dst pgQuerier) (int64, error) {
	var v *int64
	if err := dst.QueryRow(ctx, `SELECT max(version_id) FROM goose_db_version WHERE is_applied`).Scan(&v); err != nil {
		return 0, fmt.Errorf("target schema version (migrate it first): %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}
