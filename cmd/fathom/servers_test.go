package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// call sends a Context API request and returns the envelope's data; an
// answer that cannot be read or is not an envelope is an error.
func (p *serveProcess) call(method, path string, body any) (json.RawMessage, int, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, 0, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, p.url+path, r)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("X-API-Key", p.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := readJSON(resp, &env); err != nil {
		return nil, resp.StatusCode, fmt.Errorf("%s %s: %w", method, path, err)
	}
	return env.Data, resp.StatusCode, nil
}

// readJSON reads resp's whole body into v; it fails on a body cut short
// or one that is not JSON, naming the status and the start of the body.
func readJSON(resp *http.Response, v any) error {
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("reading the %d answer: %w", resp.StatusCode, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%d answer %.200q: %w", resp.StatusCode, raw, err)
	}
	return nil
}

// ingest posts a recording with external id ext to the meetings API and
// returns its status and recording id.
func (p *serveProcess) ingest(ext string) (int, int64, error) {
	body, err := json.Marshal(map[string]any{"external_id": ext, "title": "Weekly sync " + ext,
		"transcript": []map[string]any{
			{"speaker": map[string]any{"display_name": "Alice"}, "text": "We review the roadmap for " + ext + ".", "timestamp": "00:00:05"},
			{"speaker": map[string]any{"display_name": "Bob"}, "text": "I will send the numbers by Friday.", "timestamp": "00:01:10"}}})
	if err != nil {
		return 0, 0, err
	}
	req, err := http.NewRequest(http.MethodPost, p.url+"/external/v1/recordings", bytes.NewReader(body))
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("X-Api-Key", p.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	var m struct {
		RecordingID int64 `json:"recording_id"`
	}
	if err := readJSON(resp, &m); err != nil {
		return resp.StatusCode, 0, fmt.Errorf("ingest %s: %w", ext, err)
	}
	return resp.StatusCode, m.RecordingID, nil
}

// finds reports whether a similarity request to p lists conversation id.
func (p *serveProcess) finds(message, id string) bool {
	return slices.Contains(p.similar(message), id)
}

// similar lists the ids of the (up to 50) conversations similarity
// answers for message, none when it fails.
func (p *serveProcess) similar(message string) []string {
	data, status, err := p.call(http.MethodPost, "/api/v1/context/similarity", map[string]any{"message": message, "limit": 50})
	if err != nil || status != 200 {
		return nil
	}
	var res struct {
		Conversations []struct {
			ConversationID string `json:"conversationId"`
		} `json:"conversations"`
	}
	if json.Unmarshal(data, &res) != nil {
		return nil
	}
	ids := make([]string, len(res.Conversations))
	for i, c := range res.Conversations {
		ids[i] = c.ConversationID
	}
	return ids
}

// eventually polls cond, a question to other processes over HTTP (which
// offer no signal to wait on), until it holds or the deadline passes.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	eventuallyOr(t, within, what, cond, func() string { return "" })
}

// eventuallyOr is eventually that, failing, also says what explain
// returns then.
func eventuallyOr(t *testing.T, within time.Duration, what string, cond func() bool, explain func() string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s\n%s", what, within, explain())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// logTail is the last n bytes of p's log.
func (p *serveProcess) logTail(n int) string {
	s := p.logText()
	return s[max(0, len(s)-n):]
}

var e2eTopics = [][]string{
	{"My card payment is being declined at checkout", "Please check that your card has not expired.", "That fixed it, thanks"},
	{"I forgot my password and cannot log in", "Click forgot password on the sign-in page to reset it.", "It worked, I am in"},
	{"The app crashes when I open the settings page", "Please reinstall the app from the store.", "Still crashing, no luck"},
	{"My package has not arrived and tracking shows no update", "I have opened an investigation with the carrier.", "Thanks for checking"},
}

// TestThreeServersOnePostgres runs three `fathom serve` processes on one
// PostgreSQL database: writes through one are found through the others;
// under a load of tracks and recordings spread over all three one is
// killed with SIGKILL, the others keep serving, every acknowledged
// conversation and recording is stored exactly once, and the survivors
// agree on the issue types.
func TestThreeServersOnePostgres(t *testing.T) {
	engineIndependent(t)
	if testing.Short() {
		t.Skip("builds and runs the binary three times")
	}
	dbURL := pgtest.NewDatabase(t)
	servers := []*serveProcess{startServe(t, t.TempDir(), dbURL)}
	key := servers[0].key
	if key == "" {
		t.Fatal("first start printed no API key")
	}
	for range 2 {
		p := startServe(t, t.TempDir(), dbURL)
		p.key = key
		servers = append(servers, p)
	}
	msgs := func(i int) []string { return e2eTopics[i%len(e2eTopics)] }

	// A write through each server is found through the other two.
	for i, p := range servers {
		id := fmt.Sprintf("first-%d", i)
		if _, status, err := p.track(id, msgs(i)); err != nil || status != 200 {
			t.Fatalf("track through server %d: %d %v", i, status, err)
		}
		for j, q := range servers {
			eventually(t, 10*time.Second, fmt.Sprintf("%s written through server %d found through server %d", id, i, j),
				func() bool { return q.finds(msgs(i)[0], id) })
		}
	}

	// Load through all three; kill one of them midway.
	var mu sync.Mutex
	acked := map[string]int{} // conversation → index of its topic
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 9 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := servers[w%3]
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("w%d-%d", w, i)
				_, status, err := p.track(id, msgs(i))
				if err != nil {
					return // its server is gone
				}
				if status == 200 {
					mu.Lock()
					acked[id] = i
					mu.Unlock()
				}
			}
		}()
	}
	meetings := map[string]int64{} // external id → recording id
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := servers[w]
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				ext := fmt.Sprintf("m%d-%d", w, i)
				status, id, err := p.ingest(ext)
				if err != nil {
					return // its server is gone
				}
				if status == http.StatusCreated {
					mu.Lock()
					meetings[ext] = id
					mu.Unlock()
				}
			}
		}()
	}
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(acked) }
	eventually(t, 60*time.Second, "300 acknowledged tracks", func() bool { return count() >= 300 })
	killed := servers[1]
	if err := killed.kill(); err != nil {
		t.Fatal(err)
	}
	atKill := count()
	eventually(t, 60*time.Second, "the survivors keep acknowledging", func() bool { return count() >= atKill+150 })
	close(stop)
	wg.Wait()
	alive := []*serveProcess{servers[0], servers[2]}

	// Every acknowledged conversation is stored once, whole, and reads
	// the same through both survivors.
	for id, i := range acked {
		for _, p := range alive {
			data, status, err := p.call(http.MethodGet, "/api/v1/context/conversations/"+id, nil)
			if err != nil || status != 200 {
				t.Fatalf("acknowledged %s: %d %v", id, status, err)
			}
			var c struct {
				Messages []struct {
					Content string `json:"content"`
				} `json:"messages"`
			}
			if err := json.Unmarshal(data, &c); err != nil {
				t.Fatalf("acknowledged %s: %v in %s", id, err, data)
			}
			if len(c.Messages) != len(msgs(i)) || c.Messages[0].Content != msgs(i)[0] {
				t.Fatalf("acknowledged %s stored as %d messages, want %d once", id, len(c.Messages), len(msgs(i)))
			}
		}
	}

	// Every acknowledged recording is there, once: ingesting its external
	// id again through either survivor finds the same recording.
	if len(meetings) == 0 {
		t.Fatal("no recording was acknowledged")
	}
	for ext, id := range meetings {
		for _, p := range alive {
			status, again, err := p.ingest(ext)
			if err != nil || status != http.StatusOK || again != id {
				t.Fatalf("acknowledged recording %s (%d): ingested again got %d, recording %d, %v", ext, id, status, again, err)
			}
		}
	}

	// After the kill, a write through one survivor is found through the
	// other, and the survivors agree on the issue types once analysis is
	// done. Analysis may wait for the dead server's lease to lapse (30 s)
	// and, if the tenant's pending job died with that server, for the
	// periodic sweep (every minute, on the queue's leader, which may have
	// to be elected again: about 15 s) to give the tenant another.
	if _, status, err := alive[1].track("after-kill", msgs(2)); err != nil || status != 200 {
		t.Fatalf("track after the kill: %d %v", status, err)
	}
	explain := func() string {
		return analysisState(dbURL) + "\nfirst survivor's log, its end:\n" + alive[0].logTail(4000) +
			"\nsecond survivor's log, its end:\n" + alive[1].logTail(4000)
	}
	eventuallyOr(t, 150*time.Second, "a write after the kill found through the other survivor",
		func() bool { return alive[0].finds(msgs(2)[0], "after-kill") }, explain)
	issues := func(p *serveProcess) string {
		data, status, err := p.call(http.MethodGet, "/api/v1/context/issues", nil)
		if err != nil || status != http.StatusOK {
			return fmt.Sprintf("%d %v", status, err) // never has a "name"
		}
		return string(data)
	}
	eventuallyOr(t, 90*time.Second, "the survivors list the same issue types", func() bool {
		a, b := issues(alive[0]), issues(alive[1])
		return strings.Contains(a, `"name"`) && a == b
	}, explain)
	t.Logf("%d acknowledged conversations (%d before the kill) and %d recordings stored once; survivors agree", len(acked), atKill, len(meetings))
}

// BenchmarkCrossServerLag measures, with two `fathom serve` processes on
// one PostgreSQL database, the time from a track acknowledged by one to
// its conversation being found by a similarity request to the other,
// polled every 20 ms, while 4 clients track 50 conversations a second
// through both servers (a load the analysis keeps up with: above it, the
// lag is the backlog, as on one server).
// It reports p50 and p99 over 100 probes.
//
//	go test ./cmd/fathom -run '^$' -bench CrossServerLag -benchtime 1x
func BenchmarkCrossServerLag(b *testing.B) {
	dbURL := pgtest.NewDatabase(b)
	a := startServe(b, b.TempDir(), dbURL)
	f := startServe(b, b.TempDir(), dbURL)
	f.key = a.key
	stop := make(chan struct{})
	var wg sync.WaitGroup
	const writers, every = 4, 80 * time.Millisecond // 50 tracks a second
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := []*serveProcess{a, f}[w%2]
			tick := time.NewTicker(every)
			defer tick.Stop()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				if _, _, err := p.track(fmt.Sprintf("load-%d-%d", w, i), e2eTopics[i%len(e2eTopics)]); err != nil {
					return
				}
			}
		}()
	}
	defer func() { close(stop); wg.Wait() }()
	const probes = 100
	lags := make([]time.Duration, 0, probes)
	for b.Loop() {
		lags = lags[:0]
		for i := range probes {
			id := fmt.Sprintf("probe-%d-%d", b.N, i)
			text := []string{fmt.Sprintf("Probe %d: the invoice number %d shows the wrong company address", i, i*7919)}
			if _, status, err := a.track(id, text); err != nil || status != 200 {
				b.Fatalf("probe track: %d %v", status, err)
			}
			acked := time.Now()
			for !f.finds(text[0], id) {
				if time.Since(acked) > 30*time.Second {
					b.Fatalf("probe %s not found through the other server after 30s", id)
				}
				time.Sleep(20 * time.Millisecond)
			}
			lags = append(lags, time.Since(acked))
		}
	}
	slices.Sort(lags)
	b.ReportMetric(float64(lags[len(lags)/2].Milliseconds()), "p50-ms")
	b.ReportMetric(float64(lags[len(lags)*99/100].Milliseconds()), "p99-ms")
	b.ReportMetric(float64(lags[len(lags)-1].Milliseconds()), "max-ms")
}
