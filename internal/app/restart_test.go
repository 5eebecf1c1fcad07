package app_test

import (
	"fmt"
	"testing"
	"time"

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

// TestRestartRunsJobsAKilledServerLeftRunning leaves analysis jobs in the
// state a killed server leaves them (running, attempted once, no one to
// finish them). On SQLite the next server runs them again at once, not
// after the queue's rescue delay. On PostgreSQL, where a running job may
// belong to another live server, none is touched at start: the rescuer
// runs again the one that started longer ago than the rescue delay, and
// leaves the one that started a minute ago running.
func TestRestartRunsJobsAKilledServerLeftRunning(t *testing.T) {
	cfg := testConfig(t)
	cfg.Workers = 0
	s := start(t, cfg)
	for _, tenant := range []string{"acme", "beta"} {
		if r := s.post(t, "/api/v1/context/track", s.newKey(t, tenant), track("c1", "refund not received", "let me check")); r.Status != 200 {
			t.Fatalf("track: %d %s", r.Status, r.Raw)
		}
	}
	s.close(t)
	db, _ := rawDB(t, cfg)
	var old, recent int64 // the jobs of acme and beta
	if err := db.QueryRow(`SELECT min(id), max(id) FROM river_job WHERE kind = 'analyze_tenant' AND state = 'available'`).Scan(&old, &recent); err != nil || old == recent {
		t.Fatalf("two analysis jobs: %d %d %v", old, recent, err)
	}
	started := map[int64]string{old: "scheduled_at", recent: "scheduled_at"}
	if onPostgres(cfg) {
		started = map[int64]string{old: "now() - interval '11 minutes'", recent: "now() - interval '1 minute'"}
	}
	for id, at := range started {
		if _, err := db.Exec(fmt.Sprintf(`UPDATE river_job SET state = 'running', attempt = 1, attempted_at = %s WHERE id = %d`, at, id)); err != nil {
			t.Fatal(err)
		}
	}
	state := func(id int64) string {
		var st string
		if err := db.QueryRow(fmt.Sprintf(`SELECT state FROM river_job WHERE id = %d`, id)).Scan(&st); err != nil {
			t.Fatal(err)
		}
		return st
	}

	cfg.Workers = 2
	start(t, cfg)
	if !onPostgres(cfg) {
		eventually(t, "the interrupted jobs ran again", func() bool { return state(old) == "completed" && state(recent) == "completed" })
		if n := count(t, cfg, fmt.Sprintf(`SELECT attempt FROM river_job WHERE id = %d`, old)); n != 2 {
			t.Fatalf("attempt = %d, want 2 (the killed one and the rerun)", n)
		}
		return
	}
	// The rescuer's first round comes within seconds of the start (River
	// staggers it), and a rescued job is retried after a backoff of a
	// second or so.
	deadline := time.Now().Add(45 * time.Second)
	for state(old) != "completed" {
		if time.Now().After(deadline) {
			t.Fatalf("a job running for 11 minutes was not rescued: state %s", state(old))
		}
		time.Sleep(100 * time.Millisecond)
	}
	if st := state(recent); st != "running" {
		t.Fatalf("a job running for a minute, maybe on a live server, was touched: state %s", st)
	}
}
