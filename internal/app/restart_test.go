package app_test

import (
	"database/sql"
	"fmt"
	"testing"

	_ "modernc.org/sqlite"
)

// count runs a COUNT query on the server's database file directly.
func count(t *testing.T, path, query string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestRestartKeepsMessagesAndPendingJobs tracks with no workers running, so
// the analysis job stays queued; after a restart with workers the job runs
// and every acknowledged message is still there.
func TestRestartKeepsMessagesAndPendingJobs(t *testing.T) {
	cfg := testConfig(t)
	cfg.Workers = 0
	s := start(t, cfg)
	key := s.newKey(t, "acme")
	for i := range 5 {
		if r := s.post(t, "/api/v1/context/track", key, track(fmt.Sprint("c", i), "refund not received", "let me check")); r.Status != 200 {
			t.Fatalf("track: %d %s", r.Status, r.Raw)
		}
	}
	s.close(t)
	path := dbPath(cfg)
	if n := count(t, path, `SELECT count(*) FROM river_job WHERE kind = 'analyze_tenant' AND state = 'available'`); n != 1 {
		t.Fatalf("pending analysis jobs after stop = %d, want 1 (one per tenant)", n)
	}
	if n := count(t, path, `SELECT count(*) FROM conversations WHERE dirty = 1`); n != 5 {
		t.Fatalf("dirty conversations = %d, want 5", n)
	}

	cfg.Workers = 2
	s = start(t, cfg)
	eventually(t, "the queued job ran after restart", func() bool {
		return count(t, path, `SELECT count(*) FROM conversations WHERE dirty = 1`) == 0 &&
			count(t, path, `SELECT count(*) FROM river_job WHERE kind = 'analyze_tenant' AND state = 'completed'`) == 1
	})
	// Every message survived: resending the full history appends nothing.
	for i := range 5 {
		r := s.post(t, "/api/v1/context/track", key, track(fmt.Sprint("c", i), "refund not received", "let me check"))
		if d := r.data(); d["isIncremental"] != false || d["messagesAppended"] != 0.0 {
			t.Fatalf("conversation c%d lost messages across restart: %s", i, r.Raw)
		}
	}
	if d := s.post(t, "/api/v1/context/similarity", key, `{"message":"refund"}`).data(); d["totalFound"] != 5.0 {
		t.Fatalf("similarity after restart: %v", d)
	}
}
