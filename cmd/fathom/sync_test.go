package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/store"
)

// cancelOn cancels a run when its output shows a line.
type cancelOn struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	line   string
	cancel context.CancelFunc
}

func (w *cancelOn) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.line) {
		w.cancel()
	}
	return len(p), nil
}

// TestSyncResumesWithoutDuplicates copies 230 meetings from one server
// into another data directory, interrupted after 100, then again.
func TestSyncResumesWithoutDuplicates(t *testing.T) {
	ctx := context.Background()
	source, err := startLocal(ctx, "normal", "source", func(c *config.Config) {
		c.DataDir = filepath.Join(t.TempDir(), "src")
		c.MeetingsRateLimit, c.MeetingsHeavyRateLimit = 0, 0
	})
	if err != nil {
		t.Fatal(err)
	}
	defer source.close(ctx)
	c, _ := client.New(client.WithBaseURL(source.url), client.WithAPIKey(source.key), client.WithRateLimit(0, 0))
	end := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	const n = 230
	for i := range n {
		at := end.Add(time.Duration(i) * time.Hour)
		_, _, err := c.CreateRecording(ctx, client.RecordingInput{Title: fmt.Sprint("Meeting ", i), RecordingEndTime: &at,
			Transcript: []client.TranscriptItem{{Speaker: client.Speaker{DisplayName: "Ann"}, Text: fmt.Sprint("Point ", i), Timestamp: "00:00:03"}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	env := map[string]string{"FATHOM_URL": source.url, "FATHOM_API_KEY": source.key, "FATHOM_DATA_DIR": dir, "FATHOM_SQLITE_SYNCHRONOUS": "normal"}
	mustRun(t, dir, "keys", "create") // the local tenant

	runCtx, cancel := context.WithCancel(ctx)
	stderr := &cancelOn{line: "100 meetings", cancel: cancel}
	var stdout bytes.Buffer
	e := &environment{stdout: &stdout, stderr: stderr, getenv: func(k string) string { return env[k] }}
	if code := run(runCtx, e, []string{"sync", "--no-rate-limit"}); code != 1 || !strings.Contains(stderr.buf.String(), "run it again") {
		t.Fatalf("interrupted sync: exit %d\n%s\n%s", code, stdout.String(), stderr.buf.String())
	}
	code, out, errOut := cli(t, env, "sync", "--no-rate-limit")
	if code != 0 || !strings.Contains(out, "new meetings") {
		t.Fatalf("second sync: %d %s %s", code, out, errOut)
	}
	if got := countMeetings(t, dir); got != n {
		t.Fatalf("%d meetings after the resumed sync, want %d", got, n)
	}
	code, out, _ = cli(t, env, "sync", "--no-rate-limit")
	if code != 0 || !strings.Contains(out, " 0 new meetings") || countMeetings(t, dir) != n {
		t.Fatalf("third sync added something: %s", out)
	}
}

func countMeetings(t *testing.T, dir string) int {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = dir
	db, err := app.OpenDB(context.Background(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tn, err := db.TenantGetByName(context.Background(), "default")
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.UserGetByEmail(context.Background(), tn.ID, "admin@localhost")
	if err != nil {
		t.Fatal(err)
	}
	// The synced meetings are the source recorder's (admin@localhost).
	ms, err := db.MeetingList(context.Background(), &store.MeetingListParams{Viewer: store.Viewer{TenantID: tn.ID, UserID: u.ID}, Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	return len(ms)
}
