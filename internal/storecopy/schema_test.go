package storecopy_test

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestSchemasMatch protects the copy: both engines' migrations, applied to
// empty databases, give the same tables with the same columns in the same
// order, in types the copy converts. It compares at the newest version the
// PostgreSQL engine has.
func TestSchemasMatch(t *testing.T) {
	ctx := context.Background()
	dst, version := target(t)
	src, _ := sourceAt(t, t.TempDir(), version)

	sqliteCols := map[string][][2]string{}
	rows, err := src.Writer().QueryContext(ctx, `
		SELECT l.name, l.type, i.name, i.type FROM pragma_table_list l, pragma_table_info(l.name) i
		WHERE l.schema = 'main' AND l.type IN ('table', 'virtual')
		  AND l.name NOT LIKE 'sqlite_%' AND l.name NOT LIKE 'river_%' AND l.name <> 'goose_db_version'
		ORDER BY l.name, i.cid`)
	if err != nil {
		t.Fatal(err)
	}
	virtual := map[string]bool{}
	for rows.Next() {
		var tbl, kind, col, typ string
		if err := rows.Scan(&tbl, &kind, &col, &typ); err != nil {
			t.Fatal(err)
		}
		sqliteCols[tbl] = append(sqliteCols[tbl], [2]string{col, typ})
		virtual[tbl] = kind == "virtual"
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()

	pgCols := map[string][][2]string{}
	prows, err := dst.Query(ctx, `
		SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
		FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
		  AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
		  AND c.relname NOT LIKE 'river\_%' AND c.relname <> 'goose_db_version'
		ORDER BY c.relname, a.attnum`)
	if err != nil {
		t.Fatal(err)
	}
	for prows.Next() {
		var tbl, col, typ string
		if err := prows.Scan(&tbl, &col, &typ); err != nil {
			t.Fatal(err)
		}
		pgCols[tbl] = append(pgCols[tbl], [2]string{col, typ})
	}
	prows.Close()

	for tbl, cols := range sqliteCols {
		pc, ok := pgCols[tbl]
		if !ok {
			if !virtual[tbl] {
				t.Errorf("table %s (version %d) is in SQLite, not in PostgreSQL", tbl, version)
			}
			continue
		}
		names := func(cs [][2]string) []string {
			out := make([]string, len(cs))
			for i, c := range cs {
				out[i] = c[0]
			}
			return out
		}
		// SQLite keeps a rowid table's insertion order implicitly; the
		// PostgreSQL table may store it in a column of that name.
		if !slices.ContainsFunc(cols, func(c [2]string) bool { return c[0] == "rowid" }) {
			pc = slices.DeleteFunc(slices.Clone(pc), func(c [2]string) bool { return c[0] == "rowid" })
		}
		if virtual[tbl] {
			// A full-text table's columns are each engine's index form;
			// the copy's plan, which every copy test runs, checks that
			// each maps (storecopy.derived).
			continue
		}
		if !slices.Equal(names(cols), names(pc)) {
			t.Errorf("table %s columns differ:\n  SQLite     %v\n  PostgreSQL %v", tbl, names(cols), names(pc))
			continue
		}
		for i, c := range cols {
			if !compatible(c[1], pc[i][1]) {
				t.Errorf("table %s column %s: SQLite %s has no copy to PostgreSQL %s", tbl, c[0], c[1], pc[i][1])
			}
		}
	}
	for tbl := range pgCols {
		if _, ok := sqliteCols[tbl]; !ok {
			t.Errorf("table %s (version %d) is in PostgreSQL, not in SQLite", tbl, version)
		}
	}
	if len(sqliteCols) == 0 || len(pgCols) == 0 {
		t.Fatalf("no tables read: %d SQLite, %d PostgreSQL", len(sqliteCols), len(pgCols))
	}
}

// compatible says which PostgreSQL types a SQLite declared type is copied
// to (what storecopy's converters accept from what SQLite stores there).
func compatible(sqliteType, pgType string) bool {
	allowed := map[string][]string{
		"INTEGER": {"bigint", "integer", "smallint", "boolean"},
		"TEXT":    {"text", "timestamp with time zone", "jsonb", "json"},
		"BLOB":    {"bytea"},
		"REAL":    {"double precision", "real"},
		"":        {"text", "bigint", "integer"}, // full-text columns have no declared type
	}
	return slices.Contains(allowed[strings.ToUpper(sqliteType)], pgType)
}
