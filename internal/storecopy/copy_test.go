package storecopy_test

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/fathom-oss/fathom/internal/store/sqlite"
	"github.com/fathom-oss/fathom/internal/storecopy"
)

// populate writes rows into the tables every schema version has (those of
// migration 00001), with the values that need converting: times with
// nanoseconds, NULL times, 0/1 flags, blobs, text that is not ASCII.
func populate(t *testing.T, dir string, version int64, conversations int) string {
	t.Helper()
	db, file := sourceAt(t, dir, version)
	w := db.Writer()
	at := func(i int) string {
		return time.Date(2026, 3, 1, 10, 0, 0, 123456789, time.UTC).Add(time.Duration(i) * time.Minute).Format("2006-01-02T15:04:05.000000000Z07:00")
	}
	for tn := 1; tn <= 3; tn++ {
		exec(t, w, `INSERT INTO tenants (id, name, quota_requests, analysis_pending, created_at) VALUES (?, ?, ?, ?, ?)`,
			tn*10, fmt.Sprintf("tenant-%d", tn), tn*1000, tn%2, at(tn))
		exec(t, w, `INSERT INTO users (id, tenant_id, email, name, created_at) VALUES (?, ?, ?, ?, ?)`,
			tn*10, tn*10, fmt.Sprintf("ops@t%d.test", tn), "Zoë Ørsted", at(tn))
		var revoked any
		if tn == 2 {
			revoked = at(100)
		}
		exec(t, w, `INSERT INTO api_keys (tenant_id, user_id, prefix, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)`,
			tn*10, tn*10, "fth_abc", fmt.Sprintf("hash-%d-%s", tn, dir), at(tn), revoked) // random in life
		exec(t, w, `INSERT INTO usage (tenant_id, period, requests, tokens) VALUES (?, '2026-03', ?, ?)`, tn*10, tn*7, tn*1e6)
		exec(t, w, `INSERT INTO idempotency_keys (tenant_id, scope, key, fingerprint, response, created_at) VALUES (?, 'track', ?, 'fp', ?, ?)`,
			tn*10, fmt.Sprintf("k%d", tn), []byte{0, 1, 2, 0xff}, at(tn))
	}
	for c := 1; c <= conversations; c++ {
		tn := 10 * (c%3 + 1)
		var resolved any
		if c%4 == 0 {
			resolved = at(c + 5)
		}
		exec(t, w, `INSERT INTO conversations (tenant_id, external_id, status, message_count, notes_generated, dirty, created_at, updated_at, resolved_at)
			VALUES (?, ?, ?, 3, ?, ?, ?, ?, ?)`, tn, fmt.Sprintf("conv-%03d", c), "open", c%2, (c+1)%2, at(c), at(c+1), resolved)
		for s := 1; s <= 3; s++ {
			exec(t, w, `INSERT INTO messages (conversation_id, seq, role, content, created_at) VALUES (?, ?, ?, ?, ?)`,
				c, s, "user", fmt.Sprintf("message %d of %d: café “quoted” 日本語", s, c), at(c+s))
		}
	}
	db.Close()
	return file
}

func open(t *testing.T, file string) storecopy.Config {
	t.Helper()
	src, err := storecopy.OpenSource(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return storecopy.Config{Source: src, SourceName: file}
}

func TestCopy(t *testing.T) {
	ctx := context.Background()
	dst, version := target(t)
	file := populate(t, t.TempDir(), version, 40)
	cfg := open(t, file)
	cfg.Target, cfg.BatchRows = dst, 7
	var batches int
	cfg.Progress = func(storecopy.Progress) { batches++ }
	rep, err := storecopy.Copy(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Resumed {
		t.Error("a first copy reports it resumed")
	}
	counts := map[string]int64{}
	for _, c := range rep.Tables {
		if c.Source != c.Target {
			t.Errorf("%s: %d rows in the source, %d in the target", c.Table, c.Source, c.Target)
		}
		counts[c.Table] = c.Target
	}
	for tbl, want := range map[string]int64{"tenants": 3, "users": 3, "api_keys": 3, "conversations": 40, "messages": 120, "usage": 3, "idempotency_keys": 3} {
		if counts[tbl] != want {
			t.Errorf("%s: %d rows copied, want %d", tbl, counts[tbl], want)
		}
	}
	if batches < 120/7 {
		t.Errorf("%d batches for 120 messages in batches of 7", batches)
	}
	// Tenants come before the tables that refer to them.
	order := map[string]int{}
	for i, c := range rep.Tables {
		order[c.Table] = i
	}
	if !(order["tenants"] < order["users"] && order["users"] < order["api_keys"] && order["conversations"] < order["messages"]) {
		t.Errorf("copy order ignores foreign keys: %v", order)
	}
	sameRows(t, cfg, dst, rep)

	// The sequences moved past the copied ids.
	var id int64
	if err := dst.QueryRow(ctx, `INSERT INTO tenants (name, created_at) VALUES ('new', now()) RETURNING id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if id != 31 {
		t.Errorf("next tenant id %d, want 31", id)
	}
	if err := dst.QueryRow(ctx, `INSERT INTO conversations (tenant_id, external_id, created_at, updated_at) VALUES (10, 'next', now(), now()) RETURNING id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if id != 41 {
		t.Errorf("next conversation id %d, want 41", id)
	}
}

// TestCopyResume interrupts a copy in the middle of a table, runs it again
// and finds every row once.
func TestCopyResume(t *testing.T) {
	dst, version := target(t)
	file := populate(t, t.TempDir(), version, 60)
	cfg := open(t, file)
	cfg.Target, cfg.BatchRows = dst, 10

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen []storecopy.Progress
	cfg.Progress = func(p storecopy.Progress) {
		seen = append(seen, p)
		if p.Table == "messages" && p.Rows >= 50 {
			cancel() // as a ^C or a lost connection would, mid-table
		}
	}
	if _, err := storecopy.Copy(ctx, cfg); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted copy: %v", err)
	}
	var partial int64
	if err := dst.QueryRow(context.Background(), `SELECT count(*) FROM messages`).Scan(&partial); err != nil {
		t.Fatal(err)
	}
	if partial == 0 || partial >= 180 {
		t.Fatalf("%d messages after the interruption: the test did not interrupt mid-table", partial)
	}

	var resumedAt int64 = -1
	cfg.Progress = func(p storecopy.Progress) {
		if p.Table == "messages" && resumedAt < 0 {
			resumedAt = p.Rows
		}
	}
	rep, err := storecopy.Copy(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Resumed {
		t.Error("the second run does not report it resumed")
	}
	if resumedAt <= partial-1 {
		t.Errorf("the second run's first messages batch ends at %d rows: it started over instead of after %d", resumedAt, partial)
	}
	sameRows(t, cfg, dst, rep)

	// A finished copy run again changes nothing and verifies again.
	if _, err := storecopy.Copy(context.Background(), cfg); err != nil {
		t.Fatalf("third run: %v", err)
	}
	sameRows(t, cfg, dst, rep)
}

func TestCopyRefusesAnotherTarget(t *testing.T) {
	ctx := context.Background()
	t.Run("rows written by a server", func(t *testing.T) {
		dst, version := target(t)
		cfg := open(t, populate(t, t.TempDir(), version, 2))
		cfg.Target = dst
		if _, err := dst.Exec(ctx, `INSERT INTO tenants (name, created_at) VALUES ('default', now())`); err != nil {
			t.Fatal(err)
		}
		_, err := storecopy.Copy(ctx, cfg)
		if !errors.Is(err, storecopy.ErrTargetNotEmpty) || !strings.Contains(err.Error(), "tenants") {
			t.Fatalf("copy into a used database: %v", err)
		}
	})
	t.Run("a copy of another source", func(t *testing.T) {
		dst, version := target(t)
		first := open(t, populate(t, t.TempDir(), version, 2))
		first.Target = dst
		if _, err := storecopy.Copy(ctx, first); err != nil {
			t.Fatal(err)
		}
		other := open(t, populate(t, t.TempDir(), version, 3))
		other.Target = dst
		_, err := storecopy.Copy(ctx, other)
		if !errors.Is(err, storecopy.ErrTargetNotEmpty) || !strings.Contains(err.Error(), "another database") {
			t.Fatalf("copy of a second source into the first one's target: %v", err)
		}
	})
	t.Run("another schema version", func(t *testing.T) {
		dst, version := target(t)
		if version < 2 {
			t.Skip("the PostgreSQL engine has one migration so far")
		}
		cfg := open(t, populate(t, t.TempDir(), version-1, 1))
		cfg.Target = dst
		if _, err := storecopy.Copy(ctx, cfg); err == nil || !strings.Contains(err.Error(), "version") {
			t.Fatalf("copy across schema versions: %v", err)
		}
	})
}

// sameRows compares every copied table row for row, each value read back
// from PostgreSQL against its SQLite original as the copy converts it.
func sameRows(t *testing.T, cfg storecopy.Config, dst *pgxpool.Pool, rep *storecopy.Report) {
	t.Helper()
	ctx := context.Background()
	for _, tc := range rep.Tables {
		src := tableRows(t, cfg.Source, tc.Table)
		prows, err := dst.Query(ctx, `SELECT * FROM "`+tc.Table+`"`)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for prows.Next() {
			vals, err := prows.Values()
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, rowText(vals))
		}
		prows.Close()
		slices.Sort(got)
		if !slices.Equal(src, got) {
			t.Errorf("table %s differs after the copy:\n  SQLite     %.300q\n  PostgreSQL %.300q", tc.Table, src, got)
		}
	}
}

// rowText writes a row in one form for both engines: times as UTC
// microseconds, flags and integers as numbers, blobs in hex.
func rowText(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		switch x := v.(type) {
		case nil:
			parts[i] = "NULL"
		case bool:
			parts[i] = "0"
			if x {
				parts[i] = "1"
			}
		case int32:
			parts[i] = fmt.Sprint(int64(x))
		case []byte:
			parts[i] = "x" + hex.EncodeToString(x)
		case time.Time:
			parts[i] = x.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
		case string:
			if tm, err := time.Parse(time.RFC3339Nano, x); err == nil && strings.Contains(x, "T") {
				parts[i] = tm.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
			} else {
				parts[i] = x
			}
		default:
			parts[i] = fmt.Sprint(x)
		}
	}
	return strings.Join(parts, "|")
}

// TestOpenSourceRefusesADatabaseInUse: a server has the database open (the
// SQLite engine's own connections stand for it); the copy is refused while
// it does, and a server cannot open it while the copy holds it.
func TestOpenSourceRefusesADatabaseInUse(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "fathom.db")
	db, err := sqlite.Open(sqlite.Config{Path: file, Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if src, err := storecopy.OpenSource(file); !errors.Is(err, storecopy.ErrSourceInUse) {
		if src != nil {
			src.Close()
		}
		t.Fatalf("open a database a server has open: %v", err)
	}
	db.Close()
	src, err := storecopy.OpenSource(file)
	if err != nil {
		t.Fatalf("open after the server closed: %v", err)
	}
	defer src.Close()
	// While the copy holds it, a server's open fails (after its busy
	// timeout, shortened here).
	w, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(50)")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Exec(`SELECT count(*) FROM tenants`); err == nil {
		t.Fatal("another connection read the database while the copy held it")
	}
}

// TestCopyMeetingSearchTenantToken: SQLite's meeting search may keep the
// tenant also as an FTS5 token column ("t" and the id) that PostgreSQL has
// no place for; the copy leaves it out, and PostgreSQL indexes the copied
// rows by their tenant_id.
func TestCopyMeetingSearchTenantToken(t *testing.T) {
	ctx := context.Background()
	dst, version := target(t)
	if version < 3 {
		t.Skip("no meetings in this schema version")
	}
	db, file := sourceAt(t, t.TempDir(), version)
	w := db.Writer()
	at := "2026-03-01T10:00:00.000000000Z"
	exec(t, w, `INSERT INTO tenants (id, name, created_at) VALUES (42, 'acme', ?)`, at)
	exec(t, w, `INSERT INTO users (id, tenant_id, email, created_at) VALUES (7, 42, 'a@acme.com', ?)`, at)
	exec(t, w, `INSERT INTO meetings (id, tenant_id, recorder_id, title, share_token, created_at, recording_start, recording_end)
		VALUES (5, 42, 7, 'Roadmap', 'tok', ?, ?, ?)`, at, at, at)
	// The form the SQLite engine's search takes when it scopes by a token
	// (with the items of its transcript windows from 00018 on).
	items := ""
	if version >= 18 {
		items = "items UNINDEXED, "
	}
	exec(t, w, `DROP TABLE meeting_search`)
	exec(t, w, `CREATE VIRTUAL TABLE meeting_search USING fts5 (text, speaker UNINDEXED, kind UNINDEXED,
		at_ms UNINDEXED, meeting_id UNINDEXED, tenant_id UNINDEXED, tenant, `+items+`tokenize = 'porter unicode61 remove_diacritics 2')`)
	exec(t, w, `INSERT INTO meeting_search (text, speaker, kind, at_ms, meeting_id, tenant_id, tenant) VALUES
		('send the funnel numbers by Friday', 'Bob', 'utterance', 130000, 5, 42, 't42'),
		('Review the quarterly roadmap', '', 'summary', 0, 5, 42, 't42')`)
	if version >= 18 {
		exec(t, w, `UPDATE meeting_search SET items = CASE kind WHEN 'summary' THEN '' ELSE '[{"s":"Bob","a":130000}]' END`)
	}
	db.Close()

	cfg := open(t, file)
	cfg.Target = dst
	if _, err := storecopy.Copy(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := dst.QueryRow(ctx, `SELECT count(*) FROM meeting_search
		WHERE tenant_id = 42 AND meeting_id = 5 AND document @@ meeting_search_query(42, 'funnel')`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		var rows []string
		r, _ := dst.Query(ctx, `SELECT tenant_id::text || ' ' || text || ' ' || document::text FROM meeting_search`)
		for r.Next() {
			var s string
			_ = r.Scan(&s)
			rows = append(rows, s)
		}
		t.Errorf("%d copied search rows of tenant 42 match 'funnel', want 1: %q", n, rows)
	}
}
