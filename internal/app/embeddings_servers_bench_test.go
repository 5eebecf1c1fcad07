package app_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkEmbeddingsThreeServers tracks one conversation an iteration,
// through each of three servers on one PostgreSQL database in turn, with
// a remote provider (the fake), and times until each other server lists
// it by its vector: its text shares no word with the query. It reports
// the provider's requests and texts per tracked conversation (queries
// left out) and the lag of the vectors on the other servers. Run it with
// a fixed count, as the conversations pile up: -benchtime=30x.
func BenchmarkEmbeddingsThreeServers(b *testing.B) {
	e := newSharedEmbeddings(b)
	servers := []*testServer{e.server(b, "a"), e.server(b, "b"), e.server(b, "c")}
	for _, s := range servers {
		hybrid(b, s, e.key, "the servers answer from vectors")
	}
	db, _ := rawDB(b, e.cfg)
	eventually(b, "every backfill job finished", func() bool {
		var open int
		if err := db.QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'embeddings_backfill' AND state <> 'completed'`).Scan(&open); err != nil {
			b.Fatal(err)
		}
		return open == 0
	})
	sent := len(e.fake.Requests())
	var lags []time.Duration
	b.ResetTimer()
	for i := range b.N {
		id := fmt.Sprintf("probe-%d", i)
		on := servers[i%len(servers)]
		acked := time.Now()
		if r := on.post(b, "/api/v1/context/track", e.key, track(id, fmt.Sprintf("router %d keeps going offline", i), "let me look into it")); r.Status != 200 {
			b.Fatalf("track: %d %s", r.Status, r.Raw)
		}
		for _, s := range servers {
			if s == on {
				continue
			}
			eventually(b, "another server lists the conversation by its vector", func() bool {
				mode, ids := similarIDs(b, s, e.key, 100)
				return mode == "hybrid" && slices.Contains(ids, id)
			})
			lags = append(lags, time.Since(acked))
		}
	}
	b.StopTimer()
	for _, s := range servers {
		s.close(b)
	}
	requests, texts := 0, 0
	for _, r := range e.fake.Requests()[sent:] {
		n := 0
		for _, in := range r.Input {
			if in != paraphraseQuery && strings.HasPrefix(in, "router ") {
				n++
			}
		}
		if n > 0 {
			requests++
			texts += n
		}
	}
	slices.Sort(lags)
	b.ReportMetric(float64(requests)/float64(b.N), "requests/track")
	b.ReportMetric(float64(texts)/float64(b.N), "texts/track")
	b.ReportMetric(float64(lags[len(lags)/2].Milliseconds()), "lag-p50-ms")
	b.ReportMetric(float64(lags[len(lags)*99/100].Milliseconds()), "lag-p99-ms")
	b.ReportMetric(float64(lags[len(lags)-1].Milliseconds()), "lag-max-ms")
}
