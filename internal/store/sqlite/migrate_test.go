package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Migration 00010 carries existing meetings over: the sharing tables get
// their meeting's created_at, and the search rows their tenant's token, so
// lists and searches of a migrated database find what they found before.
func TestMigration00010KeepsMeetings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, p := migratedTo(t, 9)
	const created = "2026-11-21T12:00:00.000000000Z"
	for _, stmt := range []string{
		`INSERT INTO tenants (id, name, created_at) VALUES (1, 'a', '` + created + `'), (2, 'b', '` + created + `')`,
		`INSERT INTO teams (id, tenant_id, name, created_at) VALUES (1, 1, 'One', '` + created + `')`,
		`INSERT INTO users (id, tenant_id, email, created_at, team_id) VALUES (1, 1, 'rec@a.test', '` + created + `', NULL),
			(2, 1, 'mate@a.test', '` + created + `', 1), (3, 1, 'friend@a.test', '` + created + `', NULL), (4, 2, 'x@b.test', '` + created + `', NULL)`,
		`INSERT INTO meetings (id, tenant_id, recorder_id, title, share_token, created_at, recording_start, recording_end)
			VALUES (1, 1, 1, 'shared', 't1', '` + created + `', '` + created + `', '` + created + `'),
			(2, 2, 4, 'other', 't2', '` + created + `', '` + created + `', '` + created + `')`,
		`INSERT INTO meeting_teams (meeting_id, team_id) VALUES (1, 1)`,
		`INSERT INTO meeting_users (meeting_id, user_id) VALUES (1, 3)`,
		`INSERT INTO meeting_search (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id)
			VALUES (16777216, 'the pricing review', 'Ann', 'transcript', 0, 1, 1), (33554432, 'pricing', 'X', 'transcript', 0, 2, 2)`,
	} {
		if _, err := db.writer.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, v := range []store.Viewer{{TenantID: 1, UserID: 2, TeamID: 1}, {TenantID: 1, UserID: 3}} {
		ms, err := db.MeetingList(ctx, &store.MeetingListParams{Viewer: v, Limit: 10})
		if err != nil || len(ms) != 1 || ms[0].ID != 1 {
			t.Errorf("list of %+v after migrating: %v %v", v, ms, err)
		}
		hits, err := db.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: v, Query: "pricing", Limit: 10})
		if err != nil || len(hits) != 1 || hits[0].MeetingID != 1 || hits[0].Speaker != "Ann" {
			t.Errorf("search of %+v after migrating: %v %v", v, hits, err)
		}
	}
	// And back down: the old search table holds the tenant's id again.
	if _, err := p.DownTo(ctx, 9); err != nil {
		t.Fatal(err)
	}
	var tenant int64
	if err := db.writer.QueryRowContext(ctx, `SELECT tenant_id FROM meeting_search WHERE meeting_search MATCH 'pricing' AND meeting_id = 2`).
		Scan(&tenant); err != nil || tenant != 2 {
		t.Fatalf("search rows after migrating down: tenant %d, %v", tenant, err)
	}
}

// Migration 00015 makes a meeting type of every meeting_type meetings
// carry, dated by its first meeting, and leaves existing users active with
// no settings access; it migrates down again.
func TestMigration00015MakesMeetingTypes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// At 13 the tables filled below have every column they need.
	db, p := migratedTo(t, 13)
	const early, late = "2026-11-21T12:00:00.000000000Z", "2026-11-22T12:00:00.000000000Z"
	for _, stmt := range []string{
		`INSERT INTO tenants (id, name, created_at) VALUES (1, 'a', '` + early + `'), (2, 'b', '` + early + `')`,
		`INSERT INTO users (id, tenant_id, email, created_at) VALUES (1, 1, 'rec@a.test', '` + early + `'), (2, 2, 'x@b.test', '` + early + `')`,
		`INSERT INTO meetings (id, tenant_id, recorder_id, title, meeting_type, share_token, created_at, recording_start, recording_end)
			VALUES (1, 1, 1, 'm1', 'Demo', 't1', '` + late + `', '` + late + `', '` + late + `'),
			(2, 1, 1, 'm2', 'Demo', 't2', '` + early + `', '` + early + `', '` + early + `'),
			(3, 1, 1, 'm3', '', 't3', '` + early + `', '` + early + `', '` + early + `'),
			(4, 2, 2, 'm4', 'Review', 't4', '` + late + `', '` + late + `', '` + late + `')`,
	} {
		if _, err := db.writer.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for tenant, want := range map[int64]string{1: "Demo active " + early[:19], 2: "Review active " + late[:19]} {
		mts, err := db.MeetingTypeList(ctx, tenant, 0, 0)
		if err != nil || len(mts) != 1 {
			t.Fatalf("meeting types of tenant %d after migrating: %v %v", tenant, mts, err)
		}
		if got := mts[0].Name + " " + mts[0].Status + " " + mts[0].CreatedAt.UTC().Format("2006-01-02T15:04:05"); got != want {
			t.Errorf("meeting type of tenant %d = %s, want %s", tenant, got, want)
		}
	}
	m, err := db.MemberGet(ctx, 1)
	if err != nil || m.Status != "active" || m.SettingsAccess != "none" {
		t.Fatalf("user after migrating: %+v %v", m, err)
	}
	if _, err := p.DownTo(ctx, 13); err != nil {
		t.Fatal(err)
	}
}

// Migration 00018 indexes the transcripts already indexed one row per item
// in windows of consecutive items, so that a phrase said across turns is
// found in meetings processed before it; it migrates down to the rows
// there were.
func TestMigration00018MakesWindows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, p := migratedTo(t, 15)
	const created = "2026-11-21T12:00:00.000000000Z"
	const rows = `SELECT rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant FROM meeting_search ORDER BY rowid`
	for _, stmt := range []string{
		`INSERT INTO tenants (id, name, created_at) VALUES (1, 'a', '` + created + `')`,
		`INSERT INTO users (id, tenant_id, email, created_at) VALUES (1, 1, 'rec@a.test', '` + created + `')`,
		`INSERT INTO meetings (id, tenant_id, recorder_id, title, share_token, created_at, recording_start, recording_end)
			VALUES (1, 1, 1, 'm', 't1', '` + created + `', '` + created + `', '` + created + `')`,
		`INSERT INTO meeting_search (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant) VALUES
			(16777216, 'Let us talk about the renewal.', 'Ann', 'transcript', 1000, 1, 1, 't1'),
			(16777217, 'Pricing stays flat.', 'Carl', 'transcript', 4000, 1, 1, 't1'),
			(16777218, 'Good.', 'Ann', 'transcript', 9000, 1, 1, 't1'),
			(16777219, 'The budget is fixed.', 'Dana', 'transcript', 12000, 1, 1, 't1'),
			(16777220, 'Renewal pricing agreed', '', 'summary', 0, 1, 1, 't1')`,
	} {
		if _, err := db.writer.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	before := tableRows(t, db, rows)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	v := store.Viewer{TenantID: 1, UserID: 1}
	hits, err := db.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: v, Query: `"renewal pricing"`, Limit: 10})
	if err != nil || len(hits) != 2 {
		t.Fatalf("search for a phrase across turns after migrating: %+v %v", hits, err)
	}
	var tr *store.SearchHit
	for _, h := range hits {
		if h.Kind == store.HitTranscript {
			tr = h
		}
	}
	if tr == nil || tr.Speaker != "Ann" || tr.At != time.Second || len(tr.Window) != 3 || tr.Window[1].Speaker != "Carl" ||
		tr.Window[1].Text != "Pricing stays flat." || !tr.Window[1].Matched || tr.Window[2].Matched {
		t.Fatalf("transcript hit after migrating = %+v", tr)
	}
	hits, err = db.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: v, Query: "budget", Limit: 10})
	if err != nil || len(hits) != 1 || hits[0].Speaker != "Dana" || len(hits[0].Window) != 2 {
		t.Fatalf("search for the last item after migrating: %+v %v", hits, err)
	}
	if _, err := p.DownTo(ctx, 15); err != nil {
		t.Fatal(err)
	}
	if after := tableRows(t, db, rows); !reflect.DeepEqual(after, before) {
		t.Fatalf("rows after migrating down:\n%v\nwant\n%v", after, before)
	}
}

// Migration 00022 rebuilds the conversations table so that no id is given
// twice: every row of it and of the tables that refer to it stays (foreign
// keys are off while the table is dropped, else their cascades would empty
// them), the next id follows the highest even once that one is deleted,
// and it migrates down to the rows there were.
func TestMigration00022KeepsConversations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, p := migratedTo(t, 21)
	const at = "2026-11-21T12:00:00.000000000Z"
	for _, stmt := range []string{
		`INSERT INTO tenants (id, name, created_at) VALUES (1, 'a', '` + at + `')`,
		`INSERT INTO conversations (id, tenant_id, external_id, status, version, dirty, created_at, updated_at)
			VALUES (1, 1, 'one', 'open', 2, 0, '` + at + `', '` + at + `'), (2, 1, 'two', 'resolved', 3, 1, '` + at + `', '` + at + `')`,
		`INSERT INTO messages (conversation_id, seq, role, content, created_at) VALUES (1, 0, 'user', 'hello', '` + at + `'), (2, 0, 'user', 'hi', '` + at + `')`,
		`INSERT INTO analyses (conversation_id, tenant_id, analyzed_at) VALUES (1, 1, '` + at + `')`,
		`INSERT INTO feedback (conversation_id, tenant_id, action, outcome, created_at, updated_at) VALUES (2, 1, 'reset', 'worked', '` + at + `', '` + at + `')`,
	} {
		if _, err := db.writer.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	const all = `SELECT 'c', id, external_id, status, version, dirty FROM conversations UNION ALL
		SELECT 'm', conversation_id, seq, content, '', '' FROM messages UNION ALL
		SELECT 'a', conversation_id, tenant_id, '', '', '' FROM analyses UNION ALL
		SELECT 'f', conversation_id, action, outcome, '', '' FROM feedback ORDER BY 1, 2, 3`
	before := tableRows(t, db, all)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if after := tableRows(t, db, all); !reflect.DeepEqual(after, before) {
		t.Fatalf("rows after migrating:\n%v\nwant\n%v", after, before)
	}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.ConversationDelete(ctx, 2) }); err != nil {
		t.Fatal(err)
	}
	var next *fathom.Conversation
	if err := db.Write(ctx, func(tx store.Tx) (err error) {
		next, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: 1, ExternalID: "three", CreatedAt: time.Now()})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if next.ID != 3 {
		t.Fatalf("the conversation created after the highest was deleted got id %d, want 3", next.ID)
	}
	if err := db.Write(ctx, func(tx store.Tx) error { return tx.ConversationDelete(ctx, 3) }); err != nil {
		t.Fatal(err)
	}
	left := tableRows(t, db, all)
	if _, err := p.DownTo(ctx, 21); err != nil {
		t.Fatal(err)
	}
	if got := tableRows(t, db, all); len(left) != 3 || !reflect.DeepEqual(got, left) {
		t.Fatalf("rows after migrating down:\n%v\nwant\n%v", got, left)
	}
	var fk int
	if err := db.writer.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("foreign keys after migrating down: %d %v", fk, err)
	}
}

// tableRows returns what query reads, each row's columns printed.
func tableRows(t *testing.T, db *DB, query string) []string {
	t.Helper()
	rows, err := db.writer.QueryContext(context.Background(), query)
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
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// LatestVersion is the version a full migration reaches.
func TestLatestVersionIsWhereMigrateEnds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openUnmigrated(t)
	applied, err := db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	latest, err := LatestVersion()
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) == 0 || applied[len(applied)-1] != latest {
		t.Fatalf("LatestVersion %d, migrations applied %v", latest, applied)
	}
}

// migratedTo opens a database in a new file migrated up to version, and
// the migrator that takes it further (or back).
func migratedTo(t *testing.T, version int64) (*DB, *goose.Provider) {
	t.Helper()
	db := openUnmigrated(t)
	p, err := db.migrator()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(context.Background(), version); err != nil {
		t.Fatal(err)
	}
	return db, p
}

// openUnmigrated opens a database in a new file, not migrated, closed at
// the end of the test.
func openUnmigrated(t *testing.T) *DB {
	t.Helper()
	db, err := Open(Config{Path: filepath.Join(t.TempDir(), "fathom.db"), Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
