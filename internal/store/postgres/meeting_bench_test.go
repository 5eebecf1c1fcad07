package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// percentiles reports the 50th and 99th percentile of one call.
func percentiles(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
}

// listCase is a list measured; p gives the params of the i-th call, so
// that a filter can change from call to call as a client's would.
type listCase struct {
	name string
	p    func(i int) store.MeetingListParams
}

// listCases are the lists of the sqlite package's benchmark, on the
// workspace seedListWorkspace made with n meetings: a viewer in a team
// that sees about 13% of the meetings of tenant 1, and (few-visible) the
// quiet member of tenant 2 who is shown 10. Filtered lists draw their
// company and team from the workspace's 200 and 20, call after call.
func listCases(n int) []listCase {
	viewer := store.Viewer{TenantID: 1, UserID: 1, TeamID: 2}
	quiet := store.Viewer{TenantID: 2, UserID: 1000, TeamID: 1000}
	newest := time.Date(2025, 1, 1, 0, 0, n/2, 0, time.UTC)
	deep := &store.Keyset{CreatedAt: newest.Add(-time.Duration(n/4) * time.Second), ID: int64(n / 2)}
	deepQuiet := &store.Keyset{CreatedAt: deep.CreatedAt, ID: int64(n) + deep.ID}
	company := func(i int) []string { return []string{fmt.Sprintf("company%d.example", i%planDomains)} }
	team := func(i int) []int64 { return []int64{int64(1 + (i/planDomains)%planTeams)} }
	return []listCase{
		{"page1/none", func(int) store.MeetingListParams { return store.MeetingListParams{Viewer: viewer} }},
		{"deep/none", func(int) store.MeetingListParams { return store.MeetingListParams{Viewer: viewer, Before: deep} }},
		{"page1/company", func(i int) store.MeetingListParams {
			return store.MeetingListParams{Viewer: viewer, CompanyDomains: company(i)}
		}},
		{"page1/team", func(i int) store.MeetingListParams { return store.MeetingListParams{Viewer: viewer, TeamIDs: team(i)} }},
		{"page1/company+team", func(i int) store.MeetingListParams {
			return store.MeetingListParams{Viewer: viewer, CompanyDomains: company(i), TeamIDs: team(i)}
		}},
		{"deep/company+team", func(i int) store.MeetingListParams {
			return store.MeetingListParams{Viewer: viewer, CompanyDomains: company(i), TeamIDs: team(i), Before: deep}
		}},
		{"page1/recorder", func(i int) store.MeetingListParams {
			return store.MeetingListParams{Viewer: viewer, RecorderIDs: []int64{int64(1 + i%planRecorders)}}
		}},
		{"page1/teamless-viewer", func(int) store.MeetingListParams {
			return store.MeetingListParams{Viewer: store.Viewer{TenantID: 1, UserID: 3}}
		}},
		{"page1/few-visible", func(int) store.MeetingListParams { return store.MeetingListParams{Viewer: quiet} }},
		{"deep/few-visible", func(int) store.MeetingListParams { return store.MeetingListParams{Viewer: quiet, Before: deepQuiet} }},
		{"page1/few-visible+company+team", func(i int) store.MeetingListParams {
			return store.MeetingListParams{Viewer: quiet, CompanyDomains: company(i), TeamIDs: team(i)}
		}},
	}
}

// benchList measures c, one page of 11 rows per call.
func benchList(b *testing.B, db *postgres.DB, c listCase) {
	ctx := context.Background()
	var took []time.Duration
	rows, i := 0, 0
	for b.Loop() {
		p := c.p(i)
		p.Limit = 11
		t0 := time.Now()
		ms, err := db.MeetingList(ctx, &p)
		took = append(took, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		rows += len(ms)
		i++
	}
	percentiles(b, took)
	b.ReportMetric(float64(rows)/float64(len(took)), "rows/op")
}

// BenchmarkMeetingList measures a page of GET /meetings (11 rows) at
// 100,000 meetings in a tenant, as the sqlite package's benchmark does.
func BenchmarkMeetingList(b *testing.B) {
	const n = 100_000
	db := pgtest.Open(b)
	seedListWorkspace(b, db, n)
	for _, c := range listCases(n) {
		b.Run(c.name, func(b *testing.B) { benchList(b, db, c) })
	}
}

// BenchmarkMeetingListFewVisible measures the lists of the member who is
// shown 10 meetings at 100,000 and 300,000 meetings in its tenant: their
// cost should not grow with the workspace.
func BenchmarkMeetingListFewVisible(b *testing.B) {
	for _, n := range []int{100_000, 300_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			db := pgtest.Open(b)
			seedListWorkspace(b, db, n)
			for _, c := range listCases(n) {
				if slices.Contains([]string{"page1/few-visible", "deep/few-visible", "page1/few-visible+company+team"}, c.name) {
					b.Run(c.name, func(b *testing.B) { benchList(b, db, c) })
				}
			}
		})
	}
}

// BenchmarkMeetingSearch measures a search of a small tenant (500 rows)
// for a word that 100,000 rows of another tenant also say, and a search
// of that large tenant (limit 20).
func BenchmarkMeetingSearch(b *testing.B) {
	db := pgtest.Open(b)
	seedSearch(b, db, 100_000, 500)
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		viewer store.Viewer
	}{
		{"small-tenant", store.Viewer{TenantID: 2, UserID: 2}},
		{"large-tenant", store.Viewer{TenantID: 1, UserID: 1}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				t0 := time.Now()
				hits, err := db.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: c.viewer, Query: "pricing", Limit: 20})
				if err != nil || len(hits) != 20 {
					b.Fatalf("%d hits, err %v", len(hits), err)
				}
				took = append(took, time.Since(t0))
			}
			percentiles(b, took)
		})
	}
}
