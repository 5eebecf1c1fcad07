package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// openPreparing opens a one-connection pool on a new database file through
// the preparing connector, with a table t of keys 1..5.
func openPreparing(t *testing.T) *sql.DB {
	t.Helper()
	c, err := connector(dsn(filepath.Join(t.TempDir(), "p.db"), "normal", false))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= 5; k++ {
		if _, err := db.Exec(`INSERT INTO t (k, v) VALUES (?, ?)`, k, fmt.Sprint("v", k)); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// kept returns the statements the pool's connection keeps, by query text.
func kept(t *testing.T, db *sql.DB) map[string]*prepared {
	t.Helper()
	out := map[string]*prepared{}
	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	err = c.Raw(func(dc any) error {
		pc, ok := dc.(*preparingConn)
		if !ok {
			return fmt.Errorf("the connection is a %T, not one that keeps its statements", dc)
		}
		for q, e := range pc.byText {
			out[q] = e.Value.(*prepared)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestConnectionKeepsItsStatementsPrepared(t *testing.T) {
	db := openPreparing(t)
	const q = `SELECT v FROM t WHERE k = ?`
	var v string
	if err := db.QueryRow(q, 2).Scan(&v); err != nil || v != "v2" {
		t.Fatalf("first run: %q, %v", v, err)
	}
	first := kept(t, db)[q]
	if first == nil {
		t.Fatal("the query's statement was not kept")
	}
	if err := db.QueryRow(q, 4).Scan(&v); err != nil || v != "v4" {
		t.Fatalf("second run: %q, %v", v, err)
	}
	if again := kept(t, db)[q]; again != first || again.busy {
		t.Fatalf("second run used statement %p (busy %v), want the kept %p, free", again, again != nil && again.busy, first)
	}
}

// The same text run again while its first run's rows are open (inside a
// transaction, on one connection) gets a statement of its own, and both
// read their own rows.
func TestSameQueryWhileItsRowsAreOpen(t *testing.T) {
	db := openPreparing(t)
	const q = `SELECT k, v FROM t WHERE k >= ? ORDER BY k`
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	outer, err := tx.Query(q, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for outer.Next() {
		var k int
		var v string
		if err := outer.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		var inner []string
		rows, err := tx.Query(q, 4)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var k2 int
			var v2 string
			if err := rows.Scan(&k2, &v2); err != nil {
				t.Fatal(err)
			}
			inner = append(inner, v2)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(inner) != "[v4 v5]" {
			t.Fatalf("inner run beside row %d read %v, want [v4 v5]", k, inner)
		}
		got = append(got, v)
	}
	if err := outer.Close(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[v1 v2 v3 v4 v5]" {
		t.Fatalf("outer run read %v", got)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if p := kept(t, db)[q]; p == nil || p.busy {
		t.Fatalf("after both runs the kept statement is %+v, want one, free", p)
	}
}

// A connection keeps at most preparedPerConn statements, the most recent;
// one forgotten while its rows are open still reads them.
func TestKeptStatementsAreBounded(t *testing.T) {
	db := openPreparing(t)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	const oldest = `SELECT v FROM t WHERE k >= ? ORDER BY k /* oldest */`
	open, err := tx.Query(oldest, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range preparedPerConn + 10 {
		var n int
		if err := tx.QueryRow(fmt.Sprintf(`SELECT count(*) + %d FROM t`, i)).Scan(&n); err != nil || n != 5+i {
			t.Fatalf("query %d: %d, %v", i, n, err)
		}
	}
	var got []string
	for open.Next() {
		var v string
		if err := open.Scan(&v); err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if err := open.Close(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[v1 v2 v3 v4 v5]" {
		t.Fatalf("rows of a forgotten statement read %v", got)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	k := kept(t, db)
	if len(k) != preparedPerConn {
		t.Fatalf("the connection keeps %d statements, want %d", len(k), preparedPerConn)
	}
	if k[oldest] != nil {
		t.Fatal("the least recently used statement is still kept")
	}
}
