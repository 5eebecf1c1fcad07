package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// runBinary runs the built fathom with args and returns its exit code and
// output; a command that does not end within 30 s fails the test.
func runBinary(t *testing.T, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, builtBinary(t), args...)
	cmd.Env = append(os.Environ(), "FATHOM_LOG_LEVEL=info")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("fathom %s did not end:\n%s", strings.Join(args, " "), out)
	}
	if exit := (*exec.ExitError)(nil); err != nil && !errors.As(err, &exit) {
		t.Fatalf("fathom %s: %v", strings.Join(args, " "), err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// TestSecondServerIsRefused starts a server, then a second one on the same
// data directory, which must refuse to start and say who holds it and how
// to run several servers; admin commands keep working beside the first;
// after a SIGKILL of the first the next start succeeds (the OS dropped the
// lock with the process).
func TestSecondServerIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if pgtest.Requested(t) {
		t.Skip("the one-server claim is SQLite's; servers share PostgreSQL")
	}
	dataDir := t.TempDir()
	first := startProcess(t, dataDir)
	addr := strings.TrimPrefix(first.url, "http://")

	code, out := runBinary(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir)
	if code != 1 {
		t.Fatalf("second server exited %d, want 1:\n%s", code, out)
	}
	for _, want := range []string{
		fmt.Sprintf("pid %d", first.pid), "fathom serve", "started ", "listening on " + addr,
		"--database-url postgres://", "docs/deployment.md",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("refusal does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "fathom listening") {
		t.Errorf("second server listened:\n%s", out)
	}

	// Admin commands write beside the server; migrate has nothing to do.
	if code, out := runBinary(t, "keys", "create", "--data-dir", dataDir, "--email", "second@acme.test"); code != 0 {
		t.Errorf("keys create beside a server: exit %d\n%s", code, out)
	}
	if code, out := runBinary(t, "migrate", "--data-dir", dataDir); code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("migrate beside a server: exit %d\n%s", code, out)
	}
	if d, status, err := first.track("after-admin", []string{"my invoice is wrong"}); err != nil || status != 200 || d == nil {
		t.Fatalf("first server after admin commands: %d %v", status, err)
	}

	if err := first.kill(); err != nil {
		t.Fatal(err)
	}
	next := startProcess(t, dataDir)
	resp, err := http.Get(next.url + "/readyz")
	if err != nil {
		t.Fatalf("server after SIGKILL of the first: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("server after SIGKILL of the first: readyz %d", resp.StatusCode)
	}
}
