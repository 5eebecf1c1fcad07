package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// buildBinary compiles the real fathom binary once per test run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "fathom-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "fathom")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func startProcess(t *testing.T, dataDir string) *serveProcess {
	t.Helper()
	return startServe(t, dataDir, databaseURLFor(t, dataDir))
}

// builtBinary is the fathom binary under test; a failed build fails the
// test.
func builtBinary(t testing.TB) string {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// startServe starts `fathom serve` of the binary under test on dataDir and
// the database at dbURL (empty: SQLite in dataDir), with a first API key
// when the database has none, and its whole log kept. The test's cleanup
// kills it.
func startServe(t testing.TB, dataDir, dbURL string) *serveProcess {
	t.Helper()
	return serveBinary(t, serveOptions{env: append(os.Environ(), "FATHOM_DATABASE_URL="+dbURL),
		args: []string{"--data-dir", dataDir}, firstKey: true, keepLog: true})
}

// serveBinary starts `fathom serve` of the binary under test as o says
// (o.exe is set here), failing the test unless it listens within 30 s.
// The test's cleanup kills it.
func serveBinary(t testing.TB, o serveOptions) *serveProcess {
	t.Helper()
	o.exe = builtBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, _, err := startServeProcess(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.kill() })
	return p
}

func (p *serveProcess) track(id string, msgs []string) (map[string]any, int, error) {
	req, err := http.NewRequest(http.MethodPost, p.url+"/api/v1/context/track", bytes.NewReader(trackBody(id, msgs...)))
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("X-API-Key", p.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	var env struct {
		Data map[string]any `json:"data"`
	}
	if err := readJSON(resp, &env); err != nil {
		return nil, resp.StatusCode, fmt.Errorf("track %s: %w", id, err)
	}
	return env.Data, resp.StatusCode, nil
}

// TestKill9LosesNothingAcknowledged tracks from many clients, kills the
// server with SIGKILL mid-stream, restarts it on the same data and checks
// that every acknowledged message is stored.
func TestKill9LosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	p := startProcess(t, dataDir)
	if p.key == "" {
		t.Fatal("first start printed no API key")
	}
	key := p.key
	msgs := func(id string) []string {
		return []string{"my order " + id + " never arrived", "let me look it up", "it was due on monday"}
	}
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("w%d-%d", w, i)
				if _, status, err := p.track(id, msgs(id)); err == nil && status == 200 {
					mu.Lock()
					acked = append(acked, id)
					mu.Unlock()
				} else if err != nil {
					return // the server is gone
				}
			}
		}()
	}
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 300 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := p.kill(); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()

	p = startProcess(t, dataDir)
	p.key = key
	for _, id := range acked {
		d, status, err := p.track(id, msgs(id))
		if err != nil || status != 200 {
			t.Fatalf("resend %s: %d %v", id, status, err)
		}
		if d["isIncremental"] != false || d["messagesAppended"] != 0.0 {
			t.Fatalf("acknowledged conversation %s lost messages after kill -9: %v", id, d)
		}
	}
	if logs := p.logText(); !strings.Contains(logs, "search index loaded") {
		t.Errorf("restart did not load the index:\n%s", logs)
	}
	engine := "sqlite"
	if pgtest.Requested(t) {
		engine = "postgres"
	}
	if logs := p.logText(); !strings.Contains(logs, "database="+engine) {
		t.Errorf("the start log does not name the engine (%s):\n%s", engine, logs)
	}
	t.Logf("%d acknowledged conversations all intact after SIGKILL", len(acked))
}
