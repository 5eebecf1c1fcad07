package postgres_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// Migration 00018 indexes the transcripts already indexed one row per item
// in windows of consecutive items, so that a phrase said across turns is
// found in meetings processed before it; it migrates down to the rows
// there were.
func TestMigration00018MakesWindows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := postgres.Open(ctx, postgres.Config{URL: pgtest.NewDatabase(t), MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sqlDB := stdlib.OpenDBFromPool(db.Pool())
	t.Cleanup(func() { sqlDB.Close() })
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, postgres.Migrations())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 15); err != nil {
		t.Fatal(err)
	}
	const rows = `SELECT rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, document::text FROM meeting_search ORDER BY rowid`
	for _, stmt := range []string{
		`INSERT INTO tenants (id, name, created_at) VALUES (1, 'a', now())`,
		`INSERT INTO users (id, tenant_id, email, created_at) VALUES (1, 1, 'rec@a.test', now())`,
		`INSERT INTO meetings (id, tenant_id, recorder_id, title, share_token, created_at, recording_start, recording_end)
			VALUES (1, 1, 1, 'm', 't1', now(), now(), now())`,
		`INSERT INTO meeting_search (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id) VALUES
			(16777216, 'Let us talk about the renewal.', 'Ann', 'transcript', 1000, 1, 1),
			(16777217, 'Pricing stays flat.', 'Carl', 'transcript', 4000, 1, 1),
			(16777218, 'Good.', 'Ann', 'transcript', 9000, 1, 1),
			(16777219, 'The budget is fixed.', 'Dana', 'transcript', 12000, 1, 1),
			(16777220, 'Renewal pricing agreed', '', 'summary', 0, 1, 1)`,
	} {
		if _, err := db.Pool().Exec(ctx, stmt); err != nil {
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

// tableRows returns what query reads, each row's columns printed.
func tableRows(t *testing.T, db *postgres.DB, query string) []string {
	t.Helper()
	rows, err := db.Pool().Query(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
