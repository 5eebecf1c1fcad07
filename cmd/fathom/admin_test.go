package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// Run where there is no database (another folder), the admin commands
// refuse to make one unless told to, and say which data directory they
// looked in.
func TestCLIAdminRefusesNewDatabase(t *testing.T) {
	t.Parallel()
	if pgtest.Requested(t) {
		t.Skip("a SQLite data directory")
	}
	dir := filepath.Join(t.TempDir(), "fathom-data")
	env := map[string]string{"FATHOM_DATA_DIR": dir, "FATHOM_SQLITE_SYNCHRONOUS": "normal"}
	for _, args := range [][]string{
		{"keys", "list"}, {"keys", "create", "--tenant", "acme"}, {"tenants", "list"},
		{"tenants", "quota", "--tenant", "acme", "--requests", "5"},
		{"workspace", "teams", "list"}, {"apps", "list"}, {"sync", "--key", "k", "--url", "http://127.0.0.1:1"},
	} {
		code, out, errOut := cli(t, env, args...)
		if code != 1 || !strings.Contains(errOut, "no database in data directory "+dir) || !strings.Contains(errOut, "--create") {
			t.Errorf("fathom %s in an empty folder: exit %d, stderr %q; want 1, naming %s and --create", strings.Join(args, " "), code, errOut, dir)
		}
		if cliSecretRe.MatchString(out) {
			t.Errorf("fathom %s printed a key for a database it should not have made: %s", strings.Join(args, " "), out)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Fatalf("fathom %s made %s", strings.Join(args, " "), dir)
		}
	}
	code, out, errOut := cli(t, env, "keys", "create", "--create", "--tenant", "acme")
	if code != 0 || !cliSecretRe.MatchString(out) || !strings.Contains(errOut, "Creating a new database in data directory "+dir) {
		t.Fatalf("keys create --create: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	code, out, errOut = cli(t, env, "keys", "list")
	if code != 0 || !strings.Contains(out, "acme") || !strings.Contains(errOut, "Using data directory "+dir) {
		t.Errorf("keys list after --create: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
}
