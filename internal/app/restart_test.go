package app_test

import (
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/internal/config"
)

// count runs a COUNT query on the server's database directly (a query
// both engines read alike).
func count(t *testing.T, cfg config.Config, query string) int {
	t.Helper()
	db, _ := rawDB(t, cfg)
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestRestartKeepsMessagesAndPendingJobs tracks with no workers running, so
// the analysis job stays queued; after a restart with workers the job runs
// (beside the one start-up adds) and every acknowledged message is still
// there.
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
	if n := count(t, cfg, `SELECT count(*) FROM river_job WHERE kind = 'analyze_tenant' AND state = 'available'`); n != 1 {
		t.Fatalf("pending analysis jobs after stop = %d, want 1 (one per tenant)", n)
	}
	if n := count(t, cfg, `SELECT count(*) FROM conversations WHERE dirty`); n != 5 {
		t.Fatalf("dirty conversations = %d, want 5", n)
	}

	cfg.Workers = 2
	s = start(t, cfg)
	// Two jobs run: the one queued before the stop, and the one start-up
	// gives every tenant with conversations waiting, whatever its flag.
	eventually(t, "the queued job ran after restart", func() bool {
		return count(t, cfg, `SELECT count(*) FROM conversations WHERE dirty`) == 0 &&
			count(t, cfg, `SELECT count(*) FROM river_job WHERE kind = 'analyze_tenant' AND state = 'completed'`) == 2
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

// TestRestartKeepsIssueTypes stops a server after analysis and starts it
// again: the issue-type model comes back from its chunks with every
// conversation typed as before, and a stop with nothing new writes nothing.
func TestRestartKeepsIssueTypes(t *testing.T) {
	cfg := testConfig(t)
	s := start(t, cfg)
	key := s.newKey(t, "acme")
	texts := []string{"refund not received", "my card was declined at the shop", "password reset email never arrived", "app crashes on login"}
	for i := range 40 {
		if r := s.post(t, "/api/v1/context/track", key, track(fmt.Sprint("c", i), texts[i%len(texts)], "let me check")); r.Status != 200 {
			t.Fatalf("track: %d %s", r.Status, r.Raw)
		}
	}
	eventually(t, "analysis caught up", func() bool { return count(t, cfg, `SELECT count(*) FROM conversations WHERE dirty`) == 0 })
	tenants := s.Knowledge.Tenants()
	types := map[int64]int64{}
	var tenantID int64
	for _, id := range tenants {
		if m := s.Knowledge.Model(id); m.Len() > 0 {
			tenantID = id
			for c := int64(1); c <= 200; c++ {
				if typ, ok := m.TypeOf(c); ok {
					types[c] = typ
				}
			}
		}
	}
	if len(types) != 40 {
		t.Fatalf("%d conversations typed before the restart, want 40", len(types))
	}
	s.close(t)
	if n := count(t, cfg, `SELECT count(*) FROM knowledge_model_chunks WHERE kind = 'issuetype/docs'`); n != 1 {
		t.Fatalf("document chunks stored = %d, want 1", n)
	}
	if n := count(t, cfg, `SELECT count(*) FROM knowledge_models WHERE kind = 'issuetype'`); n != 0 {
		t.Fatalf("the model is also stored whole (%d rows)", n)
	}
	// Mark the stored chunks with a time no save writes, to see whether
	// the next stop rewrites them.
	count(t, cfg, `UPDATE knowledge_model_chunks SET updated_at = '2000-01-01 00:00:00+00' WHERE kind LIKE 'issuetype/%' RETURNING 0`)

	s = start(t, cfg)
	if stale := s.Knowledge.Stale(); len(stale[tenantID]) != 0 {
		t.Fatalf("%d conversations missing from the reloaded model", len(stale[tenantID]))
	}
	m := s.Knowledge.Model(tenantID)
	for c, typ := range types {
		if got, ok := m.TypeOf(c); !ok || got != typ {
			t.Fatalf("conversation %d: type %d before the restart, %d (%v) after", c, typ, got, ok)
		}
	}
	s.close(t)
	if n := count(t, cfg, `SELECT count(*) FROM knowledge_model_chunks WHERE updated_at != '2000-01-01 00:00:00+00'`); n != 0 {
		t.Fatalf("a stop with nothing new rewrote %d chunks", n)
	}
}
