package storecopy_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/storecopy"
)

// TestToSQLiteRoundTrip copies a SQLite installation into PostgreSQL and
// back into a new SQLite database: every table holds the same rows
// (times at PostgreSQL's microsecond), times are written as the SQLite
// engine writes them, and the meeting search's tenant token is computed
// again, so that the search finds the row by it.
func TestToSQLiteRoundTrip(t *testing.T) {
	ctx := context.Background()
	dst, version := target(t)
	file := populate(t, t.TempDir(), version, 12)
	cfg := open(t, file)
	cfg.Target = dst
	rep, err := storecopy.Copy(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// A search row in PostgreSQL, which keeps no token.
	if version >= 3 {
		for _, q := range []string{
			`INSERT INTO meetings (id, tenant_id, recorder_id, title, share_token, created_at, recording_start, recording_end)
				VALUES (5, 10, 10, 'Roadmap', 'tok', now(), now(), now())`,
			`INSERT INTO meeting_search (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id)
				VALUES (83886081, 'send the funnel numbers by Friday', 'Bob', 'utterance', 130000, 5, 10)`,
		} {
			if _, err := dst.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}

	back, _ := sourceAt(t, t.TempDir(), version)
	brep, err := storecopy.ToSQLite(ctx, storecopy.SQLiteConfig{Source: dst, Target: back.Writer()})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, c := range brep.Tables {
		if c.Source != c.Target {
			t.Errorf("%s: %d rows in PostgreSQL, %d in SQLite", c.Table, c.Source, c.Target)
		}
		counts[c.Table] = c.Target
	}
	if counts["messages"] != 36 || counts["conversations"] != 12 {
		t.Errorf("copied back %d conversations and %d messages, want 12 and 36", counts["conversations"], counts["messages"])
	}
	w := back.Writer()
	for _, tc := range rep.Tables {
		if tc.Table == "meetings" || tc.Table == "meeting_search" {
			continue // written in PostgreSQL above
		}
		a, b := tableRows(t, cfg.Source, tc.Table), tableRows(t, w, tc.Table)
		if !slices.Equal(a, b) {
			t.Errorf("table %s differs after the round trip:\n  before %.300q\n  after  %.300q", tc.Table, a, b)
		}
	}
	var created string
	if err := w.QueryRow(`SELECT created_at FROM conversations WHERE external_id = 'conv-001'`).Scan(&created); err != nil {
		t.Fatal(err)
	}
	if created != "2026-03-01T10:01:00.123456000Z" {
		t.Errorf("time written as %q, want the SQLite engine's form at the microsecond", created)
	}
	if version >= 3 {
		var n int
		if err := w.QueryRow(`SELECT count(*) FROM meeting_search WHERE meeting_search MATCH 'tenant:t10 AND funnel'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%d search rows found by tenant token and word, want 1", n)
		}
	}
}

func tableRows(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT * FROM "` + table + `"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, rowText(vals))
	}
	slices.Sort(out)
	return out
}
