package main

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/store"
)

// TestSyncResumesWithoutDuplicates copies 230 meetings from one server
// into another data directory with the real binary: killed with SIGKILL
// after 100, run again to the end, then once more (adding nothing).
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
	c, err := client.New(client.WithBaseURL(source.url), client.WithAPIKey(source.key), client.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
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
	env := storageEnv(t, dir)
	env["FATHOM_URL"], env["FATHOM_API_KEY"] = source.url, source.key
	mustRun(t, dir, "keys", "create", "--create") // the local tenant

	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	sync := func() *exec.Cmd {
		cmd := exec.Command(bin, "sync", "--no-rate-limit")
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		return cmd
	}
	first := sync()
	stderr, err := first.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "100 meetings") {
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait() // "signal: killed", as meant
	if got := countMeetings(t, dir); got < 100 || got >= n {
		t.Fatalf("%d meetings after the kill, want at least 100 and fewer than %d", got, n)
	}
	out, err := sync().CombinedOutput()
	if err != nil || !strings.Contains(string(out), "new meetings") {
		t.Fatalf("second sync: %v %s", err, out)
	}
	if got := countMeetings(t, dir); got != n {
		t.Fatalf("%d meetings after the resumed sync, want %d", got, n)
	}
	out, err = sync().CombinedOutput()
	if err != nil || !strings.Contains(string(out), " 0 new meetings") || countMeetings(t, dir) != n {
		t.Fatalf("third sync added something: %v %s", err, out)
	}
}

func countMeetings(t *testing.T, dir string) int {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir, cfg.DatabaseURL = dir, databaseURLFor(t, dir)
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
