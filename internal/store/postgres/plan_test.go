package postgres_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/store/postgres"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// TestGenericPlanSettingsUndone checks that the planner settings a list's
// statements run under end with the statement, on the pool's connection
// and in a transaction, whether it succeeds or fails, and that a value
// the URL sets is what they return to.
func TestGenericPlanSettingsUndone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := pgtest.NewMigratedDatabase(t)
	db, err := postgres.Open(ctx, postgres.Config{URL: dbURL + "?pool_max_conns=1&plan_cache_mode=force_custom_plan"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]string{"plan_cache_mode": "force_custom_plan", "enable_seqscan": "on"}
	check := func(when string, q interface {
		QueryRow(context.Context, string, ...any) pgx.Row
	}) {
		t.Helper()
		for name, v := range want {
			var got string
			if err := q.QueryRow(ctx, "SHOW "+name).Scan(&got); err != nil || got != v {
				t.Errorf("%s: %s = %q (%v), want %q", when, name, got, err, v)
			}
		}
	}
	// The settings hold while the statement runs, and end with it.
	inside, err := postgres.OnViewerSetPlan(ctx, db.Pool(), `SELECT current_setting('plan_cache_mode') || ' ' || current_setting('enable_seqscan')`)
	if err != nil || inside != "force_generic_plan off" {
		t.Fatalf("the statement ran under %q (%v), want force_generic_plan off", inside, err)
	}
	check("after a statement on the pool", db.Pool())
	if _, err := postgres.OnViewerSetPlan(ctx, db.Pool(), `SELECT (1/0)::text`); err == nil || !strings.Contains(err.Error(), "division by zero") {
		t.Fatalf("failing statement: err %v", err)
	}
	check("after a failed statement on the pool", db.Pool())

	tx, err := db.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := postgres.OnViewerSetPlan(ctx, tx, `SELECT 'x'`); err != nil {
		t.Fatal(err)
	}
	check("in a transaction, after a statement", tx)
	if _, err := postgres.OnViewerSetPlan(ctx, tx, `SELECT (1/0)::text`); err == nil {
		t.Fatal("failing statement in a transaction: no error")
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	check("after a transaction whose statement failed", db.Pool())
}

// TestMeetingListExecModes checks that the lists answer alike whatever
// query exec mode the URL asks pgx for: a pooler that cannot keep
// prepared statements is run with default_query_exec_mode=exec or
// simple_protocol, where nothing is prepared and the statements that run
// on their generic plan (the counts, a small viewer's set) go with their
// settings as one pipeline or one string of statements.
func TestMeetingListExecModes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := pgtest.NewMigratedDatabase(t)
	const n = 2000
	var want [][]int64
	for i, mode := range []string{"cache_statement", "exec", "simple_protocol"} {
		db, err := postgres.Open(ctx, postgres.Config{URL: dbURL + "?default_query_exec_mode=" + mode})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			seedListWorkspace(t, db, n)
		}
		var got [][]int64
		for _, c := range listCases(n) {
			for j := range 7 { // past the five calls after which a plan may turn generic
				p := c.p(j)
				p.Limit = 11
				ms, err := db.MeetingList(ctx, &p)
				if err != nil {
					t.Fatalf("%s, %s: %v", mode, c.name, err)
				}
				ids := []int64{}
				for _, m := range ms {
					ids = append(ids, m.ID)
				}
				got = append(got, ids)
			}
		}
		for name, v := range map[string]string{"plan_cache_mode": "auto", "enable_seqscan": "on"} {
			var s string
			if err := db.Pool().QueryRow(ctx, "SHOW "+name).Scan(&s); err != nil || s != v {
				t.Errorf("%s: after the lists, %s = %q (%v), want %q", mode, name, s, err, v)
			}
		}
		db.Close()
		if i == 0 {
			want = got
			continue
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s: lists differ from cache_statement's:\n%v\n%v", mode, got, want)
		}
	}
	if len(want) == 0 || slices.IndexFunc(want, func(ids []int64) bool { return len(ids) > 0 }) < 0 {
		t.Fatal("every list empty: the cases test nothing")
	}
}
