package app_test

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A start sweeps what a crash left in the media directory, says so in the
// log, and leaves alone what was written lately.
func TestStartSweepsCrashLeftovers(t *testing.T) {
	cfg := testConfig(t)
	root := cfg.MediaPath()
	old := time.Now().Add(-time.Hour)
	put := func(rel string, mtime time.Time) string {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("bytes"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return p
	}
	upload, orphan, fresh := put(".tmp/x.part", old), put("1/orphan.mp3", old), put("1/fresh.mp3", time.Now())
	var logs syncBuffer
	s := startLogged(t, cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})))
	s.close(t)
	for p, want := range map[string]bool{upload: false, orphan: false, fresh: true,
		filepath.Join(root, ".orphaned", "1", "orphan.mp3"): true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s there: %v, want %v", p, err == nil, want)
		}
	}
	if out := logs.String(); !strings.Contains(out, "media files a crash left behind were swept") ||
		!strings.Contains(out, "uploads_removed=1 orphans_set_aside=1") {
		t.Errorf("the sweep is not logged:\n%s", out)
	}
}
