package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

var cliSecretRe = regexp.MustCompile(`\bfth_[a-z2-7]{32}\b`)

// cli runs a command line in-process with the given environment (nothing
// from the real one leaks in) and returns its exit code and output.
func cli(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &environment{stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return env[k] }}
	code := run(context.Background(), e, args)
	return code, stdout.String(), stderr.String()
}

// inDir runs a command against the data directory dir (and its
// database, see storageEnv).
func inDir(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	return cli(t, storageEnv(t, dir), args...)
}

func mustRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	code, out, errOut := inDir(t, dir, args...)
	if code != 0 {
		t.Fatalf("fathom %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

type keyRow struct {
	ID        int64      `json:"id"`
	Tenant    string     `json:"tenant"`
	User      string     `json:"user"`
	Prefix    string     `json:"prefix"`
	RevokedAt *time.Time `json:"revokedAt"`
}

func listJSON(t *testing.T, dir string) []keyRow {
	t.Helper()
	var rows []keyRow
	out := mustRun(t, dir, "keys", "list", "--json")
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("keys list --json is not JSON: %v\n%s", err, out)
	}
	return rows
}

// tableRow returns the fields of the first table line whose first field is id.
func tableRow(out, id string) []string {
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == id {
			return f
		}
	}
	return nil
}

func TestCLIKeysLifecycle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := mustRun(t, dir, "keys", "create", "--create", "--tenant", "acme", "--email", "a@acme.test", "--name", "ci")
	secret := cliSecretRe.FindString(out)
	if secret == "" || !strings.Contains(out, `Created key 1 for a@acme.test in tenant "acme"`) {
		t.Fatalf("keys create printed no key:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "fathom.db")); (err == nil) == pgtest.Requested(t) {
		t.Errorf("SQLite database in the data directory: %v, want it there only on SQLite", err)
	}

	table := mustRun(t, dir, "keys", "list")
	if !strings.HasPrefix(table, "ID") || !strings.Contains(strings.SplitN(table, "\n", 2)[0], "STATUS") {
		t.Errorf("table has no header:\n%s", table)
	}
	row := tableRow(table, "1")
	if len(row) < 8 || row[1] != "acme" || row[2] != "a@acme.test" || row[3] != "ci" || row[4] != secret[:12]+"…" || row[len(row)-1] != "active" {
		t.Errorf("row = %q, want acme, a@acme.test, ci, %s…, active", row, secret[:12])
	}
	if strings.Contains(table, secret) {
		t.Error("keys list shows the whole secret")
	}

	rows := listJSON(t, dir)
	if len(rows) != 1 || rows[0].ID != 1 || rows[0].Tenant != "acme" || rows[0].User != "a@acme.test" ||
		rows[0].Prefix != secret[:12] || rows[0].RevokedAt != nil {
		t.Fatalf("keys list --json = %+v", rows)
	}

	if out := mustRun(t, dir, "keys", "revoke", "1"); out != "Revoked key 1.\n" {
		t.Errorf("revoke printed %q", out)
	}
	if rows := listJSON(t, dir); len(rows) != 1 || rows[0].RevokedAt == nil {
		t.Errorf("after revoke: %+v, want revokedAt set", rows)
	}
	if row := tableRow(mustRun(t, dir, "keys", "list"), "1"); len(row) < 2 || row[len(row)-2] != "revoked" {
		t.Errorf("after revoke: table row %q, want status revoked", row)
	}
	code, _, errOut := inDir(t, dir, "keys", "revoke", "1")
	if code != 1 || !strings.Contains(errOut, "no active key with id 1") {
		t.Errorf("revoke twice: exit %d, stderr %q; want 1 and no active key", code, errOut)
	}
}

func TestCLIExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string // substrings that must appear
	}{
		{"no args", nil, 2, "Usage:\n  fathom <command> [flags]", ""},
		{"--help", []string{"--help"}, 0, "Commands:", ""},
		{"-h", []string{"-h"}, 0, "Commands:", ""},
		{"help", []string{"help"}, 0, "Commands:", ""},
		{"unknown command", []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"version", []string{"version"}, 0, "fathom ", ""},
		{"keys without subcommand", []string{"keys"}, 2, "", "fathom keys create"},
		{"keys unknown subcommand", []string{"keys", "rotate"}, 2, "", `unknown subcommand "rotate"`},
		{"keys create --help", []string{"keys", "create", "--help"}, 0, "", "-tenant"},
		{"keys list bad flag", []string{"keys", "list", "--bogus"}, 2, "", "-bogus"},
		{"keys revoke abc", []string{"keys", "revoke", "abc"}, 2, "", `ID must be a number, got "abc"`},
		{"keys revoke without id", []string{"keys", "revoke"}, 2, "", "exactly one key ID"},
		{"keys revoke two ids", []string{"keys", "revoke", "1", "2"}, 2, "", "exactly one key ID"},
		{"keys revoke unknown", []string{"keys", "revoke", "--create", "42"}, 1, "", "no active key with id 42"},
		{"tenants without subcommand", []string{"tenants"}, 2, "", "fathom tenants quota"},
		{"tenants quota without tenant", []string{"tenants", "quota", "--requests", "5"}, 2, "", "--tenant is required"},
		{"tenants quota unknown tenant", []string{"tenants", "quota", "--create", "--tenant", "nobody"}, 1, "", `no tenant named "nobody"`},
		{"serve bad workers", []string{"serve", "--workers", "100"}, 1, "", "--workers (FATHOM_WORKERS)"},
		{"serve bad flag value", []string{"serve", "--workers", "many"}, 2, "", "-workers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := inDir(t, t.TempDir(), tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout %q does not contain %q", out, tt.stdout)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.stderr)
			}
		})
	}
}

func TestCLIVersion(t *testing.T) {
	t.Parallel()
	code, out, _ := cli(t, nil, "version")
	if code != 0 || !strings.HasPrefix(out, "fathom ") || !strings.Contains(out, runtime.Version()) ||
		!strings.HasSuffix(out, runtime.GOOS+"/"+runtime.GOARCH+"\n") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestCLIServeConfigFromEnv(t *testing.T) {
	t.Parallel()
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"FATHOM_WORKERS": "100"}, "--workers (FATHOM_WORKERS)"},
		{map[string]string{"FATHOM_WORKERS": "abc"}, "FATHOM_WORKERS"},
		{map[string]string{"FATHOM_LOG_LEVEL": "loud", "FATHOM_ADDR": "nowhere"}, "--addr (FATHOM_ADDR)"},
	}
	for _, tt := range tests {
		tt.env["FATHOM_DATA_DIR"] = t.TempDir()
		code, _, errOut := cli(t, tt.env, "serve")
		if code != 1 || !strings.Contains(errOut, tt.want) {
			t.Errorf("env %v: exit %d, stderr %q; want 1 naming %s", tt.env, code, errOut, tt.want)
		}
	}
}

func TestCLITenantsQuota(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustRun(t, dir, "keys", "create", "--create", "--tenant", "acme", "--email", "a@acme.test")
	out := mustRun(t, dir, "tenants", "quota", "--tenant", "acme", "--requests", "5", "--retrievals", "9")
	if want := `Tenant "acme": 5 requests, 0 tokens, 9 retrievals per month (0 = unlimited).` + "\n"; out != want {
		t.Errorf("quota printed %q, want %q", out, want)
	}
	list := mustRun(t, dir, "tenants", "list")
	if row := tableRow(list, "1"); strings.Join(row, " ") != "1 acme 5 unlimited 9" {
		t.Errorf("tenants list row = %q, want [1 acme 5 unlimited 9]\n%s", row, list)
	}
	code, _, errOut := inDir(t, dir, "tenants", "quota", "--tenant", "acme", "--tokens", "-1")
	if code != 1 || !strings.Contains(errOut, "zero (unlimited) or positive") {
		t.Errorf("negative quota: exit %d, stderr %q", code, errOut)
	}
	if row := tableRow(mustRun(t, dir, "tenants", "list"), "1"); strings.Join(row, " ") != "1 acme 5 unlimited 9" {
		t.Errorf("a refused quota changed the plan: %q", row)
	}
	// Setting one limit keeps the others.
	out = mustRun(t, dir, "tenants", "quota", "--tenant", "acme", "--tokens", "7")
	if want := `Tenant "acme": 5 requests, 7 tokens, 9 retrievals per month (0 = unlimited).` + "\n"; out != want {
		t.Errorf("quota --tokens printed %q, want %q", out, want)
	}
	if row := tableRow(mustRun(t, dir, "tenants", "list"), "1"); strings.Join(row, " ") != "1 acme 5 7 9" {
		t.Errorf("after quota --tokens 7: row %q, want [1 acme 5 7 9]", row)
	}
	mustRun(t, dir, "tenants", "quota", "--tenant", "acme", "--requests", "0")
	if row := tableRow(mustRun(t, dir, "tenants", "list"), "1"); strings.Join(row, " ") != "1 acme unlimited 7 9" {
		t.Errorf("after quota --requests 0: row %q, want [1 acme unlimited 7 9]", row)
	}
}

func TestCLIMigrateTwice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "fathom.db")
	if u := databaseURLFor(t, dir); u != "" {
		file = u // the test server's URL has no password to redact
	}
	applied := regexp.MustCompile(`^database ` + regexp.QuoteMeta(file) + ` migrated: applied \[1( [0-9]+)*\]\n$`)
	if out := mustRun(t, dir, "migrate"); !applied.MatchString(out) {
		t.Errorf("first migrate printed %q", out)
	}
	if out := mustRun(t, dir, "migrate"); out != "database "+file+" is up to date\n" {
		t.Errorf("second migrate printed %q", out)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	code, out, _ := cli(t, map[string]string{"FATHOM_DATABASE_URL": "sqlite:" + other}, "migrate")
	if _, err := os.Stat(other); code != 0 || err != nil || !strings.Contains(out, other) {
		t.Errorf("migrate with a sqlite: URL: exit %d, %q, stat %v", code, out, err)
	}
}

// The database must be created inside --data-dir whatever characters the
// directory's name holds.
func TestCLIDataDirWithURLCharacters(t *testing.T) {
	t.Parallel()
	if pgtest.Requested(t) {
		t.Skip("the SQLite file's path; on PostgreSQL the data directory holds no database")
	}
	for _, name := range []string{"data#1", "data?x", "50%41"} {
		parent := t.TempDir()
		dir := filepath.Join(parent, name)
		code, out, errOut := inDir(t, dir, "migrate")
		if code != 0 {
			t.Errorf("%s: exit %d: %s", name, code, errOut)
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "fathom.db")); err != nil {
			entries, _ := os.ReadDir(parent)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("--data-dir %q: %v (migrate said %q; %s holds %q)", name, err, out, parent, names)
		}
	}
}
