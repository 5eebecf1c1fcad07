package sqlite_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store/sqlite"
)

// A lock taken again, even by the same process through another open file,
// is refused with the holder's description; released, it can be taken.
func TestServerLock(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "fathom.db")
	started := time.Date(2026, 12, 5, 2, 30, 0, 0, time.UTC)
	first, err := sqlite.LockServer(db, sqlite.Holder{PID: 4242, Command: "serve", StartedAt: started})
	if err != nil {
		t.Fatal(err)
	}
	_, err = sqlite.LockServer(db, sqlite.Holder{PID: 1, Command: "serve"})
	var inUse *sqlite.InUseError
	if !errors.As(err, &inUse) || inUse.Holder.PID != 4242 || inUse.Holder.Addr != "" || !inUse.Holder.StartedAt.Equal(started) {
		t.Fatalf("second lock: %v (%+v)", err, inUse)
	}
	if err := first.SetAddr("127.0.0.1:8080"); err != nil {
		t.Fatal(err)
	}
	_, err = sqlite.LockServer(db, sqlite.Holder{PID: 1, Command: "migrate"})
	if !errors.As(err, &inUse) || inUse.Holder.Addr != "127.0.0.1:8080" {
		t.Fatalf("second lock after SetAddr: %v", err)
	}
	for _, want := range []string{db, "fathom serve", "pid 4242", "listening on 127.0.0.1:8080"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("refusal %q does not say %q", err, want)
		}
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := sqlite.LockServer(db, sqlite.Holder{PID: 7, Command: "migrate"})
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	defer again.Release()
	// The file now describes the new holder alone: a longer old
	// description leaves no tail behind.
	b, err := os.ReadFile(sqlite.LockPath(db))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); !strings.Contains(s, `"pid":7`) || strings.Contains(s, "8080") {
		t.Errorf("lock file after a new holder: %s", s)
	}
}
