package postgres_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// percentiles reports the 50th and 99th percentile of one call.
func percentiles(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
}

// BenchmarkMeetingList measures a page of GET /meetings (11 rows) at
// 100,000 meetings in a tenant, as the sqlite package's benchmark does.
func BenchmarkMeetingList(b *testing.B) {
	const n = 100_000
	db := pgtest.Open(b)
	seedListWorkspace(b, db, n)
	ctx := context.Background()
	viewer := store.Viewer{TenantID: 1, UserID: 1, TeamID: 2}
	for _, c := range []struct {
		name string
		p    store.MeetingListParams
	}{
		{"page1/none", store.MeetingListParams{Viewer: viewer}},
		{"page1/company", store.MeetingListParams{Viewer: viewer, CompanyDomains: []string{"company7.example"}}},
		{"page1/team", store.MeetingListParams{Viewer: viewer, TeamIDs: []int64{5}}},
		{"page1/recorder", store.MeetingListParams{Viewer: viewer, RecorderIDs: []int64{8}}},
		{"page1/teamless-viewer", store.MeetingListParams{Viewer: store.Viewer{TenantID: 1, UserID: 3}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			c.p.Limit = 11
			var took []time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := db.MeetingList(ctx, &c.p); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
			}
			percentiles(b, took)
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
