package main

import (
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

func TestCLICopy(t *testing.T) {
	engineIndependent(t)
	dir := t.TempDir()
	sqliteEnv := map[string]string{"FATHOM_DATA_DIR": dir, "FATHOM_SQLITE_SYNCHRONOUS": "normal"}
	if code, _, errOut := cli(t, sqliteEnv, "keys", "create", "--create", "--tenant", "acme", "--email", "ops@acme.test"); code != 0 {
		t.Fatalf("keys create: %s", errOut)
	}
	url := pgtest.NewDatabase(t)

	code, out, errOut := cli(t, nil, "copy", "--from", "sqlite:"+dir, "--to", url, "--batch-rows", "2")
	if code != 0 {
		t.Fatalf("copy: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for _, want := range []string{"copy complete", "pending jobs", "goose_db_version", "--secret-key"} {
		if !strings.Contains(out, want) {
			t.Errorf("copy output lacks %q:\n%s", want, out)
		}
	}
	if f := tableRow(out, "tenants"); len(f) != 3 || f[1] != "1" || f[2] != "1" {
		t.Errorf("tenants row %q, want 1 source and 1 target row:\n%s", f, out)
	}

	// The admin commands read the copy.
	pgEnv := map[string]string{"FATHOM_DATABASE_URL": url}
	code, out, errOut = cli(t, pgEnv, "keys", "list", "--json")
	if code != 0 || !strings.Contains(out, `"tenant": "acme"`) && !strings.Contains(out, `"tenant":"acme"`) {
		t.Fatalf("keys list on the copy: exit %d\n%s\n%s", code, out, errOut)
	}

	// Run again: nothing more to copy, verified again.
	code, out, errOut = cli(t, nil, "copy", "--from", "sqlite:"+dir+"/fathom.db", "--to", url)
	if code != 0 || !strings.Contains(out, "continued an interrupted copy") {
		t.Fatalf("copy again: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}

	// Another installation into the same database is refused.
	other := t.TempDir()
	if code, _, errOut := cli(t, map[string]string{"FATHOM_DATA_DIR": other}, "keys", "create", "--create", "--tenant", "beta"); code != 0 {
		t.Fatalf("keys create: %s", errOut)
	}
	code, _, errOut = cli(t, nil, "copy", "--from", "sqlite:"+other, "--to", url)
	if code != 1 || !strings.Contains(errOut, "not empty") {
		t.Fatalf("copy of another installation: exit %d\n%s", code, errOut)
	}
}

func TestCLICopyUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"copy", "--to", "postgres://x@localhost/db"}, "--from is required"},
		{[]string{"copy", "--from", "/var/lib/fathom", "--to", "postgres://x@localhost/db"}, "--from must be sqlite:PATH"},
		{[]string{"copy", "--from", "sqlite:/var/lib/fathom"}, "--to is required"},
		{[]string{"copy", "--from", "sqlite:/var/lib/fathom", "--to", "mysql://db"}, "--to must be a postgres://"},
		{[]string{"copy", "--from", "sqlite:/x", "--to", "postgres://x@localhost/db", "--batch-rows", "0"}, "--batch-rows must be positive"},
	} {
		code, _, errOut := cli(t, nil, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("fathom %s: exit %d, want 2 with %q:\n%s", strings.Join(tc.args, " "), code, tc.want, errOut)
		}
	}
	code, _, errOut := cli(t, nil, "copy", "--from", "sqlite:"+t.TempDir(), "--to", "postgres://x@localhost/db")
	if code != 1 || !strings.Contains(errOut, "fathom.db") {
		t.Errorf("copy from an empty directory: exit %d\n%s", code, errOut)
	}
}
