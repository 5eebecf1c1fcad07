package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// BenchmarkMeetingSearch searches one tenant's meetings among those of
// many tenants: 100 tenants of 50 meetings of 40 utterances each (200,000
// utterances, indexed in 100,000 windows of three), words drawn from a
// vocabulary of 500 in which a few are common; FATHOM_BENCH_TENANTS sets
// another number of tenants (2000: 100,000 meetings). It reports the 50th
// and 99th percentiles of one search.
func BenchmarkMeetingSearch(b *testing.B) {
	const meetings, utterances = 50, 40
	tenants := 100
	if n, err := strconv.Atoi(os.Getenv("FATHOM_BENCH_TENANTS")); err == nil && n > 0 {
		tenants = n
	}
	ctx := context.Background()
	db, err := Open(Config{Path: filepath.Join(b.TempDir(), "bench.db"), Synchronous: "normal"})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	word := func() string {
		if rng.IntN(4) == 0 {
			return fmt.Sprintf("common%d", rng.IntN(5))
		}
		return fmt.Sprintf("word%d", rng.IntN(500))
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var viewer store.Viewer
	start := time.Now()
	for tn := range tenants {
		err := db.Write(ctx, func(tx store.Tx) error {
			t, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: fmt.Sprint("t", tn), CreatedAt: base})
			if err != nil {
				return err
			}
			u, err := tx.UserCreate(ctx, &store.UserCreateParams{TenantID: t.ID, Email: "rec@bench.test", CreatedAt: base})
			if err != nil {
				return err
			}
			if tn == 0 {
				viewer = store.Viewer{TenantID: t.ID, UserID: u.ID}
			}
			for i := range meetings {
				m := &fathom.Meeting{TenantID: t.ID, RecorderID: u.ID, Title: "m", ShareToken: "tok",
					CreatedAt: base.Add(time.Duration(i) * time.Minute), RecordingStart: base, RecordingEnd: base}
				if err := tx.MeetingCreate(ctx, m); err != nil {
					return err
				}
				items := make([]fathom.TranscriptItem, utterances)
				for j := range items {
					ws := make([]string, 10)
					for k := range ws {
						ws[k] = word()
					}
					items[j] = fathom.TranscriptItem{Speaker: "A", Text: strings.Join(ws, " ")}
				}
				if err := tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: t.ID,
					Transcript: items, At: base}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("indexed %d utterances in %v", tenants*meetings*utterances, time.Since(start).Round(time.Millisecond))
	for _, q := range []string{"common1", "word7", "common1 common2", "word7 word8", `"common1 common2"`} {
		b.Run(q, func(b *testing.B) {
			var took []time.Duration
			hits := 0
			for b.Loop() {
				t0 := time.Now()
				h, err := db.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: viewer, Query: q, Limit: 10})
				took = append(took, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				hits += len(h)
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
			b.ReportMetric(float64(hits)/float64(len(took)), "hits/op")
		})
	}
}
