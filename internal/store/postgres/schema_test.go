package postgres_test

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // the SQLite schema to compare with

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// TestSchemaMatchesSQLite: every table of SQLite's schema exists here with
// the same columns in the same order (then, where SQLite orders rows by its
// implicit rowid, an explicit rowid), and every index SQLite names exists
// here by the same name; a generic copy between the engines relies on the
// first. SQLite is migrated with the versions this engine has, so each
// half of a schema is checked as soon as both dialects have it. Full-text
// search is each engine's own (an FTS5 table in SQLite) and not compared.
func TestSchemaMatchesSQLite(t *testing.T) {
	ctx := context.Background()
	pg := pgtest.Open(t)
	lite := sqliteSchema(t, migrationFiles(t, os.DirFS("migrations")))

	rows, err := pg.Pool().Query(ctx, `SELECT table_name, column_name FROM information_schema.columns
WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	pgColumns := map[string][]string{}
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			t.Fatal(err)
		}
		pgColumns[table] = append(pgColumns[table], column)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var pgIndexes []string
	rows, err = pg.Pool().Query(ctx, `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		pgIndexes = append(pgIndexes, name)
	}

	rows.Close()
	if lite.columns["tenants"] == nil {
		t.Fatalf("SQLite schema read without its tenants: %v", lite.columns)
	}
	for table, want := range lite.columns {
		got := pgColumns[table]
		// A table whose order SQLite keeps in its implicit rowid has it
		// here as an explicit last column, which a copy fills from it.
		if len(got) == len(want)+1 && got[len(want)] == "rowid" {
			got = got[:len(want)]
		}
		if !slices.Equal(got, want) {
			t.Errorf("table %s: columns %v, SQLite has %v", table, pgColumns[table], want)
		}
	}
	for _, name := range lite.indexes {
		if !slices.Contains(pgIndexes, name) {
			t.Errorf("index %s of SQLite is missing", name)
		}
	}
}

// migrationFiles maps the migration versions in dir to their files.
func migrationFiles(t *testing.T, dir fs.FS) map[int64]string {
	t.Helper()
	names, err := fs.Glob(dir, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]string{}
	for _, n := range names {
		v, err := strconv.ParseInt(strings.SplitN(n, "_", 2)[0], 10, 64)
		if err != nil {
			t.Fatalf("migration %s: %v", n, err)
		}
		out[v] = n
	}
	return out
}

type schema struct {
	columns map[string][]string
	indexes []string
}

// sqliteSchema migrates a new SQLite database with those of SQLite's
// migrations whose versions are in only, and reads its tables and named
// indexes.
func sqliteSchema(t *testing.T, only map[int64]string) schema {
	t.Helper()
	src := os.DirFS(filepath.Join("..", "sqlite", "migrations"))
	mem := fstest.MapFS{}
	for v, name := range migrationFiles(t, src) {
		if only[v] == "" {
			continue
		}
		b, err := fs.ReadFile(src, name)
		if err != nil {
			t.Fatal(err)
		}
		mem[name] = &fstest.MapFile{Data: b}
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "schema.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectSQLite3, db, mem)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(context.Background()); err != nil {
		t.Fatal(err)
	}
	var virtual, tables []string
	rows, err := db.Query(`SELECT name, type, coalesce(sql, '') FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	s := schema{columns: map[string][]string{}}
	for rows.Next() {
		var name, typ, ddl string
		if err := rows.Scan(&name, &typ, &ddl); err != nil {
			t.Fatal(err)
		}
		switch {
		case typ == "index" && ddl != "": // named by a CREATE INDEX
			s.indexes = append(s.indexes, name)
		case typ == "table" && strings.HasPrefix(ddl, "CREATE VIRTUAL TABLE"):
			virtual = append(virtual, name)
		case typ == "table" && name != "goose_db_version" && !strings.HasPrefix(name, "sqlite_"):
			tables = append(tables, name)
		}
	}
	rows.Close()
	for _, table := range tables {
		if slices.ContainsFunc(virtual, func(v string) bool { return strings.HasPrefix(table, v+"_") }) {
			continue // a full-text index's own storage
		}
		cols, err := db.Query(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
		if err != nil {
			t.Fatal(err)
		}
		for cols.Next() {
			var c string
			if err := cols.Scan(&c); err != nil {
				t.Fatal(err)
			}
			s.columns[table] = append(s.columns[table], c)
		}
		cols.Close()
	}
	return s
}
