package postgres_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

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
	cpu0, cpuOK := backendCPU(ctx, db)
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
	if cpu1, ok := backendCPU(ctx, db); ok && cpuOK {
		var spent time.Duration
		for pid, t := range cpu1 {
			spent += t - cpu0[pid] // a connection opened meanwhile counts from 0
		}
		b.ReportMetric(float64(spent.Nanoseconds())/float64(len(took)), "server-cpu-ns/op")
	}
}

// backendCPU is the CPU time (user and system) of each PostgreSQL backend
// process serving db's database, when the server runs on this machine
// (read from /proc): what the database spent, which a client's
// wall-clock figures on a shared machine do not tell apart from waiting
// for a core. ok is false when it cannot be read. The clock ticks are
// 1/100 s: over hundreds of lists, a few per cent.
func backendCPU(ctx context.Context, db *postgres.DB) (map[int]time.Duration, bool) {
	rows, err := db.Pool().Query(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`)
	if err != nil {
		return nil, false
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil || len(pids) == 0 {
		return nil, false
	}
	out := map[int]time.Duration{}
	for _, pid := range pids {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return nil, false // another machine's, or not readable
		}
		// The fields after the command, which is in parentheses: utime
		// and stime are the 12th and 13th of them.
		f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if len(f) < 13 {
			return nil, false
		}
		u, err1 := strconv.ParseInt(f[11], 10, 64)
		s, err2 := strconv.ParseInt(f[12], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, false
		}
		out[pid] = time.Duration(u+s) * 10 * time.Millisecond
	}
	return out, true
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
// for a word that 100,000 rows of another tenant also say, and searches
// of that large tenant (100,000 windows of three lines: 300,000
// utterances' worth) for the word, a phrase in a line and a phrase across
// two lines (limit 20).
func BenchmarkMeetingSearch(b *testing.B) {
	db := pgtest.Open(b)
	seedSearch(b, db, 100_000, 500)
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		viewer store.Viewer
		query  string
	}{
		{"small-tenant", store.Viewer{TenantID: 2, UserID: 2}, "pricing"},
		{"large-tenant", store.Viewer{TenantID: 1, UserID: 1}, "pricing"},
		{"large-tenant/phrase", store.Viewer{TenantID: 1, UserID: 1}, `"pricing of item"`},
		{"large-tenant/across-lines", store.Viewer{TenantID: 1, UserID: 1}, `"again yes"`},
	} {
		b.Run(c.name, func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				t0 := time.Now()
				hits, err := db.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: c.viewer, Query: c.query, Limit: 20})
				if err != nil || len(hits) != 20 {
					b.Fatalf("%d hits, err %v", len(hits), err)
				}
				took = append(took, time.Since(t0))
			}
			percentiles(b, took)
		})
	}
}
