package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// The shape of the sqlite package's plan workspace: 20 teams, 50
// recorders (the last two guests), 200 company domains (a fifth of the
// meetings internal); most meetings shared with the recorder's team, some
// with every team, two teams or a user, a fifth private; two meetings a
// second, so that ties on created_at exercise the keyset's id.
const (
	planTeams     = 20
	planRecorders = 50
	planDomains   = 200
)

func seedListWorkspace(t testing.TB, db *postgres.DB, n int) {
	t.Helper()
	// One string of statements runs on one connection, so the seed makes
	// the same workspace every time.
	seed := fmt.Sprintf(`SELECT setseed(0.42);
INSERT INTO tenants (id, name, created_at) VALUES (1, 'plan', '2025-01-01Z');
INSERT INTO teams (id, tenant_id, name, created_at) SELECT i, 1, 'team ' || i, '2025-01-01Z' FROM generate_series(1, %[1]d) i;
INSERT INTO users (id, tenant_id, email, created_at, team_id)
	SELECT i, 1, 'u' || i || '@plan.test', '2025-01-01Z', 1 + i %% %[1]d FROM generate_series(1, %[2]d) i;
INSERT INTO meetings (id, tenant_id, recorder_id, recorder_team_id, recorder_external, title, share_token, created_at,
	recording_start, recording_end, company_domain, external, share_all_teams)
	SELECT i, 1, r, 1 + r %% %[1]d, r > %[2]d - 2, 'Meeting', 'tok', timestamptz '2025-01-01Z' + (i / 2) * interval '1 second',
		'2025-01-01Z', '2025-01-01Z', CASE WHEN c < 0.2 THEN '' ELSE 'company' || d || '.example' END, c >= 0.2, s < 0.1
	FROM (SELECT i, 1 + floor(random() * %[2]d)::int AS r, random() AS c, floor(random() * %[3]d)::int AS d, random() AS s
		FROM generate_series(1, %[4]d) i) x;
INSERT INTO meeting_teams (meeting_id, team_id, created_at)
	SELECT id, recorder_team_id, created_at FROM meetings WHERE NOT share_all_teams AND random() < 0.78;
INSERT INTO meeting_teams (meeting_id, team_id, created_at)
	SELECT id, 1 + floor(random() * %[1]d)::int, created_at FROM meetings WHERE random() < 0.1
	ON CONFLICT DO NOTHING;
INSERT INTO meeting_users (meeting_id, user_id, created_at)
	SELECT id, 1 + floor(random() * %[2]d)::int, created_at FROM meetings WHERE random() < 0.05;
-- Tenant 2 is the same workspace with no meeting shared with every team,
-- and a quiet team whose one member records nothing and is shown 10.
INSERT INTO tenants (id, name, created_at) VALUES (2, 'quiet', '2025-01-01Z');
INSERT INTO teams (id, tenant_id, name, created_at) VALUES (1000, 2, 'quiet', '2025-01-01Z');
INSERT INTO users (id, tenant_id, email, created_at, team_id) VALUES (1000, 2, 'quiet@plan.test', '2025-01-01Z', 1000);
INSERT INTO meetings (id, tenant_id, recorder_id, recorder_team_id, recorder_external, title, share_token, created_at,
	recording_start, recording_end, company_domain, external, share_all_teams)
	SELECT %[4]d + id, 2, recorder_id, recorder_team_id, recorder_external, title, share_token, created_at,
		recording_start, recording_end, company_domain, external, false FROM meetings WHERE tenant_id = 1;
INSERT INTO meeting_teams (meeting_id, team_id, created_at)
	SELECT %[4]d + meeting_id, team_id, created_at FROM meeting_teams WHERE meeting_id <= %[4]d;
INSERT INTO meeting_teams (meeting_id, team_id, created_at)
	SELECT id, 1000, created_at FROM meetings WHERE tenant_id = 2 AND id %% (%[4]d / 10) = 7;
ANALYZE`, planTeams, planRecorders, planDomains, n)
	if _, err := db.Pool().Exec(context.Background(), seed); err != nil {
		t.Fatalf("seed the workspace: %v", err)
	}
}

// seededListConn opens a database seeded with a workspace of n meetings
// and holds one of its connections, released at the test's end: prepared
// statements and settings are kept per connection.
func seededListConn(t *testing.T, n int) (context.Context, *postgres.DB, *pgxpool.Conn) {
	t.Helper()
	db := pgtest.Open(t)
	seedListWorkspace(t, db, n)
	ctx := context.Background()
	conn, err := db.Pool().Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(conn.Release)
	return ctx, db, conn
}

// TestMeetingListPlans checks that a page of each kind of list reads few
// meetings of the 20,000: an index walk that stops at the limit, or the
// few rows a selective filter names, sorted; never a scan of them all.
// (The planner is left to choose between the two: where a filter names a
// few hundred meetings it sorts them rather than walk an index in order.)
func TestMeetingListPlans(t *testing.T) {
	t.Parallel()
	db := pgtest.Open(t)
	const n = 20_000
	seedListWorkspace(t, db, n)
	viewer := store.Viewer{TenantID: 1, UserID: 1, TeamID: 2}
	newest := time.Date(2025, 1, 1, 0, 0, n/2, 0, time.UTC)
	deep := &store.Keyset{CreatedAt: newest.Add(-time.Duration(n/4) * time.Second), ID: int64(n / 2)}
	company := []string{"company7.example"}
	quiet := store.Viewer{TenantID: 2, UserID: 1000, TeamID: 1000}
	deepQuiet := &store.Keyset{CreatedAt: deep.CreatedAt, ID: n + deep.ID}
	for _, c := range []struct {
		name string
		p    store.MeetingListParams
	}{
		{"page1/none", store.MeetingListParams{Viewer: viewer}},
		{"deep/none", store.MeetingListParams{Viewer: viewer, Before: deep}},
		{"page1/company", store.MeetingListParams{Viewer: viewer, CompanyDomains: company}},
		{"page1/team", store.MeetingListParams{Viewer: viewer, TeamIDs: []int64{5}}},
		{"page1/company+team", store.MeetingListParams{Viewer: viewer, CompanyDomains: company, TeamIDs: []int64{5}}},
		{"deep/company+team", store.MeetingListParams{Viewer: viewer, CompanyDomains: company, TeamIDs: []int64{5}, Before: deep}},
		{"page1/3companies+2teams+external", store.MeetingListParams{Viewer: viewer, External: new(true),
			CompanyDomains: []string{"company7.example", "company8.example", "company9.example"}, TeamIDs: []int64{5, 6}}},
		{"page1/recorder", store.MeetingListParams{Viewer: viewer, RecorderIDs: []int64{8}}},
		{"page1/teamless-viewer", store.MeetingListParams{Viewer: store.Viewer{TenantID: 1, UserID: 3}}},
		{"page1/sees-nothing", store.MeetingListParams{Viewer: store.Viewer{TenantID: 1, UserID: -1}}},
		{"page1/few-visible", store.MeetingListParams{Viewer: quiet}},
		{"deep/few-visible", store.MeetingListParams{Viewer: quiet, Before: deepQuiet}},
		{"page1/few-visible+company+team", store.MeetingListParams{Viewer: quiet, CompanyDomains: company, TeamIDs: []int64{5}}},
	} {
		c.p.Limit = 11
		walk, err := postgres.MeetingListWalk(context.Background(), db, &c.p)
		if err != nil {
			t.Fatal(err)
		}
		// Every way of walking gives the same page.
		walks := []postgres.ListWalk{postgres.WalkByViewer, postgres.WalkByFilter, postgres.WalkViewerSet}
		pages := make([][]int64, len(walks))
		for i, w := range walks {
			query, args, _ := postgres.MeetingListQuery(&c.p, w)
			rows, err := db.Pool().Query(context.Background(), `SELECT id FROM (`+query+`) l`, args...)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					t.Fatal(err)
				}
				pages[i] = append(pages[i], id)
			}
			rows.Close()
		}
		if !slices.Equal(pages[0], pages[1]) || !slices.Equal(pages[0], pages[2]) {
			t.Errorf("%s: by viewer %v, by filter %v, the viewer's set %v", c.name, pages[0], pages[1], pages[2])
		}
		query, args, _ := postgres.MeetingListQuery(&c.p, walk)
		var plan []map[string]any
		if err := db.Pool().QueryRow(context.Background(), `EXPLAIN (ANALYZE, FORMAT JSON) `+query, args...).Scan(&plan); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		root := plan[0]["Plan"].(map[string]any)
		pretty, _ := json.MarshalIndent(root, "", " ")
		if root["Node Type"] != "Limit" {
			t.Errorf("%s: plan does not end in a limit:\n%s", c.name, pretty)
		}
		read := 0.0
		for _, w := range findNodes(root, func(n map[string]any) bool { return n["Relation Name"] == "meetings" }) {
			if w["Node Type"] == "Seq Scan" {
				t.Errorf("%s: plan scans every meeting:\n%s", c.name, pretty)
			}
			for _, k := range []string{"Actual Rows", "Rows Removed by Filter", "Rows Removed by Index Recheck"} {
				v, _ := w[k].(float64)
				read += v * w["Actual Loops"].(float64)
			}
		}
		if read > n/20 {
			t.Errorf("%s: a page read %v meetings of %d:\n%s", c.name, read, n, pretty)
		}
		if testing.Verbose() {
			t.Logf("%s (walk %v): %v meetings read\n%s", c.name, walk, read, pretty)
		}
	}
}

// TestMeetingListPlannedOnce checks that a list is planned once per
// connection, not at every call: planning the union of a list by viewer
// costs PostgreSQL several times what running it does. pgx keeps each
// statement prepared; after five calls PostgreSQL runs a statement on its
// generic plan if that plan looks no dearer than the ones made for each
// call's values, which a limit passed as a parameter prevented (at 20,000
// meetings; at 2,000 the plans cost too little to tell). The counts that
// choose the walk and the lists of a small viewer's set never look so
// (their per-call plans know the viewer's set is small): they are run on
// their generic plan from the first call, and never planned per call.
func TestMeetingListPlannedOnce(t *testing.T) {
	t.Parallel()
	const n = 20_000
	ctx, _, conn := seededListConn(t, n)
	for _, c := range listCases(n) {
		for i := range 8 {
			p := c.p(i)
			p.Limit = 11
			if _, err := postgres.MeetingListOn(ctx, conn.Conn(), &p); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
		}
	}
	rows, err := conn.Query(ctx, `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	lists := 0
	forced := map[string]int{}
	for rows.Next() {
		var statement string
		var generic, custom int64
		if err := rows.Scan(&statement, &generic, &custom); err != nil {
			t.Fatal(err)
		}
		if testing.Verbose() {
			t.Logf("generic %d, custom %d: %.120s", generic, custom, statement)
		}
		// The lists by viewer: the union of the walks of the sharing tables.
		if strings.Contains(statement, "FROM meeting_teams g JOIN meetings m") {
			lists++
			if generic == 0 {
				t.Errorf("planned at every call (%d custom plans):\n%s", custom, statement)
			}
		}
		// The counts, and the lists of a small viewer's set.
		for kind, mark := range map[string]string{"count": "WITH seen AS", "viewer's set": "CROSS JOIN LATERAL"} {
			if strings.Contains(statement, mark) {
				forced[kind]++
				if custom > 0 || generic == 0 {
					t.Errorf("%s: %d custom plans, %d generic, want generic only:\n%s", kind, custom, generic, statement)
				}
			}
		}
	}
	if lists == 0 {
		t.Error("no list by viewer among the prepared statements")
	}
	// The cases hold counts with and without a filter, and lists of the
	// viewer's set with and without one.
	if forced["count"] < 2 || forced["viewer's set"] < 2 {
		t.Errorf("statements seen: %v, want at least 2 of each", forced)
	}
	// The settings that put them on their generic plan are undone.
	for name, want := range map[string]string{"plan_cache_mode": "auto", "enable_seqscan": "on"} {
		var got string
		if err := conn.QueryRow(ctx, "SHOW "+name).Scan(&got); err != nil || got != want {
			t.Errorf("after the lists, %s = %q (%v), want %q", name, got, err, want)
		}
	}
}

// TestMeetingListFewVisibleGeneric checks that the lists, filtered or not,
// of the member who is shown 10 meetings read meetings only by id or through the
// viewer's own indexes, never through a company's or a team's index, whose
// entries grow with the workspace; and that on the statements' generic
// plans, which know neither the viewer nor the filter (PostgreSQL moves a
// prepared statement to its generic plan after five calls). Both the
// counts that choose the walk and the page are checked.
func TestMeetingListFewVisibleGeneric(t *testing.T) {
	t.Parallel()
	const n = 20_000
	ctx, db, conn := seededListConn(t, n)
	if _, err := conn.Exec(ctx, `SET plan_cache_mode = force_generic_plan`); err != nil {
		t.Fatal(err)
	}
	// A list of a viewer's set is estimated high enough for PostgreSQL to
	// compile it (140 ms at 300,000 meetings) unless the store turns JIT off.
	var jit string
	if err := conn.QueryRow(ctx, `SHOW jit`).Scan(&jit); err != nil || jit != "off" {
		t.Errorf("jit = %q (%v), want off", jit, err)
	}
	quiet := store.Viewer{TenantID: 2, UserID: 1000, TeamID: 1000}
	for _, c := range []struct {
		name string
		p    store.MeetingListParams
	}{
		{"company+team", store.MeetingListParams{Viewer: quiet, CompanyDomains: []string{"company7.example"}, TeamIDs: []int64{5}}},
		{"company", store.MeetingListParams{Viewer: quiet, CompanyDomains: []string{"company7.example"}}},
		{"team", store.MeetingListParams{Viewer: quiet, TeamIDs: []int64{5}}},
		{"recorder", store.MeetingListParams{Viewer: quiet, RecorderIDs: []int64{8}}},
		{"no filter", store.MeetingListParams{Viewer: quiet}},
		{"no filter, no team", store.MeetingListParams{Viewer: store.Viewer{TenantID: 2, UserID: 1000}}},
	} {
		c.p.Limit = 11
		walk, err := postgres.MeetingListWalk(ctx, db, &c.p)
		if err != nil {
			t.Fatal(err)
		}
		if walk != postgres.WalkViewerSet {
			t.Errorf("%s: walk %v, want the viewer's set", c.name, walk)
		}
		count, countArgs, _ := postgres.MeetingListCountQuery(&c.p)
		list, listArgs, _ := postgres.MeetingListQuery(&c.p, walk)
		for _, s := range []struct {
			what, query string
			args        []any
		}{{"count", count, countArgs}, {"page", list, listArgs}} {
			root := genericPlan(t, conn.Conn(), s.query, s.args)
			pretty, _ := json.MarshalIndent(root, "", " ")
			for _, w := range findNodes(root, func(n map[string]any) bool {
				index, _ := n["Index Name"].(string)
				return n["Actual Loops"].(float64) > 0 && // executed
					(strings.HasPrefix(index, "meetings_") || n["Relation Name"] == "meetings" && n["Node Type"] == "Seq Scan")
			}) {
				switch w["Index Name"] {
				case "meetings_pkey", "meetings_recorder", "meetings_all_teams":
				default:
					t.Errorf("%s, %s: reads meetings by %v %v:\n%s", c.name, s.what, w["Node Type"], w["Index Name"], pretty)
				}
			}
		}
	}
}

// genericPlan runs query with args on its generic plan (the connection's
// plan_cache_mode says so) and returns the root of EXPLAIN ANALYZE.
func genericPlan(t *testing.T, conn *pgx.Conn, query string, args []any) map[string]any {
	t.Helper()
	ctx := context.Background()
	if _, err := conn.Exec(ctx, `DEALLOCATE ALL`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `PREPARE generic AS `+query, pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatalf("prepare: %v\n%s", err, query)
	}
	var lits []string
	for _, a := range args {
		lits = append(lits, sqlLiteral(a))
	}
	var plan []map[string]any
	if err := conn.QueryRow(ctx, `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE generic(`+strings.Join(lits, ", ")+`)`,
		pgx.QueryExecModeSimpleProtocol).Scan(&plan); err != nil {
		t.Fatalf("explain: %v\n%s", err, query)
	}
	return plan[0]["Plan"].(map[string]any)
}

// sqlLiteral writes the arguments of the list queries as SQL.
func sqlLiteral(a any) string {
	quote := func(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
	switch v := a.(type) {
	case string:
		return quote(v)
	case []string:
		var q []string
		for _, s := range v {
			q = append(q, quote(s))
		}
		return `ARRAY[` + strings.Join(q, ", ") + `]::text[]`
	case []int64:
		var q []string
		for _, i := range v {
			q = append(q, fmt.Sprint(i))
		}
		return `ARRAY[` + strings.Join(q, ", ") + `]::bigint[]`
	case time.Time:
		return quote(v.Format(time.RFC3339Nano)) + `::timestamptz`
	case bool:
		return fmt.Sprint(v)
	default:
		return fmt.Sprint(v)
	}
}
