package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// TestCLIPostgresNeverShowsThePassword runs the admin commands on a
// PostgreSQL database given with a password (the test server trusts
// local connections, so any password is accepted): they work, and no
// output shows the password, not even a failure to connect.
func TestCLIPostgresNeverShowsThePassword(t *testing.T) {
	t.Parallel()
	u, err := url.Parse(pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), "s3cret")
	env := map[string]string{"FATHOM_DATA_DIR": t.TempDir(), "FATHOM_DATABASE_URL": u.String()}
	shown := *u
	shown.User = url.UserPassword(u.User.Username(), "xxxxx")
	// Nothing listens on port 1: the error says so without the password.
	down := *u
	down.Host = "127.0.0.1:1"
	for _, args := range [][]string{{"migrate"}, {"keys", "list"}, {"serve", "--addr", "127.0.0.1:0"}} {
		code, out, errOut := cli(t, map[string]string{"FATHOM_DATA_DIR": t.TempDir(), "FATHOM_DATABASE_URL": down.String()}, args...)
		if code != 1 || strings.Contains(out+errOut, "s3cret") || !strings.Contains(errOut, "127.0.0.1") {
			t.Errorf("fathom %s with no server: exit %d, stdout %q, stderr %q; want 1, the address and no password",
				strings.Join(args, " "), code, out, errOut)
		}
	}

	steps := []struct {
		args []string
		want string // in stdout
	}{
		{[]string{"migrate"}, "database " + shown.String() + " migrated: applied [1"},
		{[]string{"migrate"}, "database " + shown.String() + " is up to date"},
		{[]string{"keys", "create", "--tenant", "acme", "--email", "a@acme.test"}, `in tenant "acme"`},
		{[]string{"keys", "list"}, "a@acme.test"},
		{[]string{"tenants", "quota", "--tenant", "acme", "--requests", "5"}, "5 requests"},
		{[]string{"tenants", "list"}, "acme"},
		{[]string{"workspace", "teams", "add", "--tenant", "acme", "Sales"}, `Team "Sales" created`},
		{[]string{"workspace", "teams", "add", "--tenant", "acme", "Sales"}, `Team "Sales" exists already; nothing changed`},
		{[]string{"workspace", "users", "add", "--tenant", "acme", "--email", "b@acme.test", "--team", "Sales"}, "in team Sales"},
		{[]string{"workspace", "users", "list", "--tenant", "acme"}, "b@acme.test"},
		{[]string{"workspace", "domains", "set", "--tenant", "acme", "acme.test"}, "acme.test"},
		{[]string{"apps", "create", "--name", "CRM", "--redirect-uri", "https://crm.example/cb"}, "client_secret"},
		{[]string{"apps", "list"}, "CRM"},
		{[]string{"keys", "revoke", "1"}, "Revoked key 1."},
	}
	for _, s := range steps {
		code, out, errOut := cli(t, env, s.args...)
		if code != 0 || !strings.Contains(out, s.want) {
			t.Fatalf("fathom %s on PostgreSQL: exit %d, stdout %q (want %q), stderr %q", strings.Join(s.args, " "), code, out, s.want, errOut)
		}
		if strings.Contains(out+errOut, "s3cret") {
			t.Fatalf("fathom %s shows the password:\n%s%s", strings.Join(s.args, " "), out, errOut)
		}
	}
}
