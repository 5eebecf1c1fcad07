package media

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Sweep removes old leftover uploads, sets aside old files no row names,
// and leaves alone files a row names and anything written lately.
func TestSweep(t *testing.T) {
	root := t.TempDir()
	d, err := Open(root, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	put := func(rel string, age time.Duration) string {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("bytes"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	oldUpload, newUpload := put(".tmp/a.part", time.Hour), put(".tmp/b.part", time.Minute)
	kept, orphan, fresh := put("1/kept.mp3", time.Hour), put("1/orphan.mp3", time.Hour), put("2/fresh.mp4", time.Minute)
	rep, err := d.Sweep(context.Background(), func(rel string) bool { return rel == "1/kept.mp3" }, now)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Uploads != 1 || len(rep.Orphans) != 1 || rep.Orphans[0] != "1/orphan.mp3" || rep.Bytes != 10 {
		t.Fatalf("report %+v", rep)
	}
	for p, want := range map[string]bool{oldUpload: false, newUpload: true, kept: true, orphan: false, fresh: true,
		filepath.Join(root, ".orphaned", "1", "orphan.mp3"): true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s there: %v, want %v", p, err == nil, want)
		}
	}
	// Swept again: nothing more, the set-aside file stays set aside.
	if rep, err := d.Sweep(context.Background(), func(string) bool { return false }, now); err != nil || rep.Uploads != 0 ||
		len(rep.Orphans) != 1 || rep.Orphans[0] != "1/kept.mp3" {
		t.Fatalf("second sweep: %+v %v", rep, err)
	}
}

// A directory shared with other files (a --media-dir that is the data
// directory) loses none of them: only uploads in .tmp and files in a
// tenant's directory are the sweep's.
func TestSweepLeavesOthersFiles(t *testing.T) {
	root := t.TempDir()
	d, err := Open(root, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var others []string
	for _, rel := range []string{"fathom.db", "secret.key", "backups/old.db", "1x/a.mp3", "1/sub/a.mp3", ".tmp/notes.txt"} {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-time.Hour), now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		others = append(others, p)
	}
	rep, err := d.Sweep(context.Background(), func(string) bool { return false }, now)
	if err != nil || rep.Uploads != 0 || len(rep.Orphans) != 0 {
		t.Fatalf("sweep: %+v %v", rep, err)
	}
	for _, p := range others {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s moved: %v", p, err)
		}
	}
}
