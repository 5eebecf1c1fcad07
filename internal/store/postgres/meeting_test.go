package postgres_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// seedSearch fills two tenants straight in SQL: a large one (tenant 1),
// whose rows are transcript windows of three lines ("… again" / "Yes, …"),
// and a small one (tenant 2), every search row of both saying "pricing",
// and one user per tenant who recorded every meeting of it.
func seedSearch(t testing.TB, db *postgres.DB, bigRows, smallRows int) {
	t.Helper()
	ctx := context.Background()
	for _, s := range []struct {
		query string
		args  []any
	}{
		{`INSERT INTO tenants (id, name, created_at) VALUES (1, 'big', now()), (2, 'small', now())`, nil},
		{`INSERT INTO users (id, tenant_id, email, created_at) VALUES (1, 1, 'a@big.test', now()), (2, 2, 'a@small.test', now())`, nil},
		{`INSERT INTO meetings (id, tenant_id, recorder_id, title, share_token, created_at, recording_start, recording_end)
		 SELECT i, 1 + (i % 2), 1 + (i % 2), 'm', 't', now(), now(), now() FROM generate_series(1, 200) i`, nil},
		{`INSERT INTO meeting_search (text, kind, meeting_id, tenant_id, rowid, items)
		 SELECT 'We went over the pricing of item ' || i || ' again' || E'\n' || 'Yes, the ' || i || ' is late' || E'\n' || 'Good',
		        'transcript', 2 + 2 * (i % 100), 1, i, '[{"s":"A","a":0},{"s":"B","a":1000},{"s":"A","a":2000}]'
		 FROM generate_series(1, $1::int) i`, []any{bigRows}},
		{`INSERT INTO meeting_search (text, kind, meeting_id, tenant_id, rowid, items)
		 SELECT 'Our pricing for part ' || i, 'transcript', 1 + 2 * (i % 100), 2, 1000000 + i, '[{"s":"","a":0}]'
		 FROM generate_series(1, $1::int) i`, []any{smallRows}},
		{`ANALYZE`, nil},
	} {
		if _, err := db.Pool().Exec(ctx, s.query, s.args...); err != nil {
			t.Fatalf("%s: %v", s.query, err)
		}
	}
}

// TestMeetingSearchReadsOneTenant checks that a search is answered from
// the GIN index on document and reads only its tenant's postings, however
// many rows of another tenant say the same word.
func TestMeetingSearchReadsOneTenant(t *testing.T) {
	t.Parallel()
	db := pgtest.Open(t)
	const big, small = 20_000, 300
	seedSearch(t, db, big, small)
	query, args := postgres.MeetingSearchSQL(&store.MeetingSearchParams{Viewer: store.Viewer{TenantID: 2, UserID: 2}, Query: "pricing", Limit: 10})
	var plan []map[string]any
	if err := db.Pool().QueryRow(context.Background(), `EXPLAIN (ANALYZE, FORMAT JSON) `+query, args...).Scan(&plan); err != nil {
		t.Fatal(err)
	}
	scans := findNodes(plan[0]["Plan"].(map[string]any), func(n map[string]any) bool {
		return n["Relation Name"] == "meeting_search" || n["Index Name"] == "meeting_search_document"
	})
	pretty, _ := json.MarshalIndent(plan, "", " ")
	var indexScan map[string]any
	for _, n := range scans {
		switch n["Node Type"] {
		case "Bitmap Index Scan":
			indexScan = n
		case "Seq Scan":
			t.Fatalf("search scans meeting_search:\n%s", pretty)
		}
	}
	if indexScan == nil || indexScan["Index Name"] != "meeting_search_document" {
		t.Fatalf("search does not use the GIN index meeting_search_document:\n%s", pretty)
	}
	cond, _ := indexScan["Index Cond"].(string)
	if !strings.Contains(cond, "document @@") {
		t.Fatalf("index condition %q does not search document:\n%s", cond, pretty)
	}
	// The index hands over the small tenant's rows only: the big one's
	// 20,000 matches are never read.
	if rows := indexScan["Actual Rows"].(float64); rows != small {
		t.Fatalf("the index scan returned %v rows, want the %d of the searching tenant:\n%s", rows, small, pretty)
	}
}

// findNodes walks an EXPLAIN (FORMAT JSON) plan.
func findNodes(n map[string]any, match func(map[string]any) bool) []map[string]any {
	var out []map[string]any
	if match(n) {
		out = append(out, n)
	}
	children, _ := n["Plans"].([]any)
	for _, c := range children {
		out = append(out, findNodes(c.(map[string]any), match)...)
	}
	return out
}
