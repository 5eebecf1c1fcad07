package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	embedding "github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
)

// TestKill9BackfillResumes: a server killed with SIGKILL in the middle of
// the embeddings backfill (its provider slow) leaves the job running in
// the queue's table; its next start on the data (SQLite) runs it again
// and finishes it, and every conversation is embedded.
func TestKill9BackfillResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	p := startServe(t, dataDir, "")
	key := p.key
	const n = 30
	for i := range n {
		id := fmt.Sprintf("c%d", i)
		if _, status, err := p.track(id, []string{"my wifi drops in room " + id, "let me check"}); err != nil || status != 200 {
			t.Fatalf("track %s: %d %v", id, status, err)
		}
	}
	if err := p.kill(); err != nil {
		t.Fatal(err)
	}
	<-p.done

	m, err := embedding.LoadStatic(providertest.WriteVec(t, filepath.Join(t.TempDir(), "tiny.vec")))
	if err != nil {
		t.Fatal(err)
	}
	fake := providertest.NewServer(t, m)
	embeddingServer := func() *serveProcess {
		t.Helper()
		p := serveBinary(t, serveOptions{env: append(os.Environ(), "FATHOM_DATABASE_URL="),
			args: []string{"--data-dir", dataDir, "--embeddings-url", fake.URL + "/v1", "--embeddings-model", "tiny"}, keepLog: true})
		p.key = key
		return p
	}
	fake.Delay.Store(int64(time.Minute))
	p = embeddingServer()
	eventually(t, 30*time.Second, "the backfill's first request", func() bool { return len(fake.Requests()) > 0 })
	if err := p.kill(); err != nil {
		t.Fatal(err)
	}
	<-p.done
	if strings.Contains(p.logText(), "embeddings backfill done") {
		t.Fatal("the backfill finished before the kill")
	}

	fake.Delay.Store(0)
	p = embeddingServer()
	eventually(t, 30*time.Second, "the backfill resumed and finished", func() bool { return strings.Contains(p.logText(), "embeddings backfill done") })
	if log := p.logText(); !strings.Contains(log, "jobs interrupted by the last stop run again") {
		t.Errorf("the killed job was not run again at the start:\n%s", log)
	}
	embedded := map[string]bool{}
	for _, r := range fake.Requests() {
		for _, in := range r.Input {
			embedded[in] = true
		}
	}
	if len(embedded) != n {
		t.Errorf("%d conversations embedded, want %d", len(embedded), n)
	}
	if !p.finds("the internet connection keeps disconnecting", "c7") {
		t.Error("similarity does not find a conversation by its vector after the resumed backfill")
	}
}
