package main

import (
	"strings"
	"testing"
)

// The docs add the same team in two places (docs/cli.md, then
// docs/meetings-api.md): adding a team that is there succeeds and changes
// nothing, as "users add" of a user that is there does.
func TestWorkspaceTeamsAddTwice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustRun(t, dir, "keys", "create", "--create", "--tenant", "default", "--email", "a@acme.test")
	if out := mustRun(t, dir, "workspace", "teams", "add", "Sales"); !strings.Contains(out, `Team "Sales" created`) {
		t.Fatalf("first add: %q", out)
	}
	if out := mustRun(t, dir, "workspace", "teams", "add", "Sales"); !strings.Contains(out, `Team "Sales" exists already; nothing changed`) {
		t.Fatalf("second add: %q", out)
	}
	if out := mustRun(t, dir, "workspace", "teams", "list"); strings.Count(out, "Sales") != 1 {
		t.Fatalf("teams list after two adds: %q; want Sales once", out)
	}
	if code, _, errOut := inDir(t, dir, "workspace", "teams", "add", ""); code != 1 || !strings.Contains(errOut, "team name must be") {
		t.Errorf("empty team name: exit %d, %q; want 1 and the rule", code, errOut)
	}
}

// Meeting types and people's standing are managed from the command line:
// what GET /meeting_types and GET /users report.
func TestWorkspaceMeetingTypesAndPeople(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustRun(t, dir, "keys", "create", "--create", "--tenant", "default", "--email", "a@acme.test")
	mustRun(t, dir, "workspace", "teams", "add", "Sales")
	if out := mustRun(t, dir, "workspace", "meeting-types", "add", "Demo"); !strings.Contains(out, `Meeting type "Demo" created`) {
		t.Fatalf("add: %q", out)
	}
	if out := mustRun(t, dir, "workspace", "meeting-types", "add", "Demo"); !strings.Contains(out, "exists already (active); nothing changed") {
		t.Fatalf("second add: %q", out)
	}
	if out := mustRun(t, dir, "workspace", "meeting-types", "deactivate", "Demo"); !strings.Contains(out, `"Demo" is inactive`) {
		t.Fatalf("deactivate: %q", out)
	}
	if out := mustRun(t, dir, "workspace", "meeting-types", "list"); !strings.Contains(out, "Demo") || !strings.Contains(out, "inactive") {
		t.Fatalf("list: %q", out)
	}
	if code, _, errOut := inDir(t, dir, "workspace", "meeting-types", "activate", "Nothing"); code == 0 || !strings.Contains(errOut, `no meeting type named "Nothing"`) {
		t.Errorf("activate a missing type: exit %d, %q", code, errOut)
	}

	out := mustRun(t, dir, "workspace", "users", "access", "--email", "a@acme.test", "--settings-access", "account_admin")
	if !strings.Contains(out, "a@acme.test is active with settings access account_admin") {
		t.Fatalf("access: %q", out)
	}
	if code, _, errOut := inDir(t, dir, "workspace", "users", "access", "--email", "a@acme.test", "--settings-access", "root"); code == 0 || !strings.Contains(errOut, "settings access must be") {
		t.Errorf("bad level: exit %d, %q", code, errOut)
	}
	if code, _, errOut := inDir(t, dir, "workspace", "users", "access", "--email", "nobody@acme.test", "--status", "deactivated"); code == 0 || !strings.Contains(errOut, "no user with email") {
		t.Errorf("missing user: exit %d, %q", code, errOut)
	}
	if out := mustRun(t, dir, "workspace", "users", "invite", "--email", "b@acme.test", "--team", "Sales"); !strings.Contains(out, "Invited b@acme.test in team Sales") {
		t.Fatalf("invite: %q", out)
	}
	if code, _, errOut := inDir(t, dir, "workspace", "users", "invite", "--email", "b@acme.test"); code == 0 || !strings.Contains(errOut, "invited already") {
		t.Errorf("second invite: exit %d, %q", code, errOut)
	}
	list := mustRun(t, dir, "workspace", "users", "list")
	if !strings.Contains(list, "account_admin") || !strings.Contains(list, "b@acme.test") || !strings.Contains(list, "invited") {
		t.Fatalf("users list: %q", list)
	}
	if out := mustRun(t, dir, "workspace", "users", "uninvite", "--email", "b@acme.test"); !strings.Contains(out, "withdrawn") {
		t.Fatalf("uninvite: %q", out)
	}
	if list := mustRun(t, dir, "workspace", "users", "list"); strings.Contains(list, "b@acme.test") {
		t.Fatalf("users list after uninvite: %q", list)
	}
}

// TestEachRowPages: the workspace lists read past a full batch and stop
// after a short one, whatever the row count.
func TestEachRowPages(t *testing.T) {
	for _, n := range []int{0, 1, listBatch - 1, listBatch, 2*listBatch + 3} {
		calls, seen := 0, []int64{}
		err := eachRow(func(after int64) ([]int64, error) {
			calls++
			var rows []int64
			for id := after + 1; id <= int64(n) && len(rows) < listBatch; id++ {
				rows = append(rows, id)
			}
			return rows, nil
		}, func(id int64) int64 { seen = append(seen, id); return id })
		if err != nil || len(seen) != n || (n > 0 && seen[n-1] != int64(n)) || calls != n/listBatch+1 {
			t.Errorf("%d rows: saw %d (last %v), %d calls, err %v", n, len(seen), seen[max(len(seen)-1, 0):], calls, err)
		}
	}
}

// Support-call rules are set, listed and cleared from the command line;
// a domain of the workspace's own is refused with the reason.
func TestWorkspaceSupportCalls(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustRun(t, dir, "keys", "create", "--create", "--tenant", "default", "--email", "a@acme.test")
	mustRun(t, dir, "workspace", "domains", "set", "acme.test")
	if out := mustRun(t, dir, "workspace", "support-calls", "list"); !strings.Contains(out, "No support-call rules") {
		t.Fatalf("list of none: %q", out)
	}
	out := mustRun(t, dir, "workspace", "support-calls", "set", "--meeting-type", "Support call", "--domain", "@Customer.io")
	if !strings.Contains(out, "meeting_type    Support call") || !strings.Contains(out, "invitee_domain  customer.io") {
		t.Fatalf("set: %q", out)
	}
	if code, _, errOut := inDir(t, dir, "workspace", "support-calls", "set", "--domain", "acme.test"); code != 1 ||
		!strings.Contains(errOut, `domain "acme.test" is one of the workspace's internal domains`) {
		t.Errorf("an internal domain: exit %d, %q", code, errOut)
	}
	if code, _, errOut := inDir(t, dir, "workspace", "support-calls", "set"); code != 2 || !strings.Contains(errOut, "give --meeting-type or --domain") {
		t.Errorf("set without rules: exit %d, %q", code, errOut)
	}
	if out := mustRun(t, dir, "workspace", "support-calls", "list"); !strings.Contains(out, "customer.io") || !strings.Contains(out, "Support call") {
		t.Fatalf("list after a refused set: %q", out)
	}
	if out := mustRun(t, dir, "workspace", "support-calls", "clear"); !strings.Contains(out, "No support-call rules") {
		t.Fatalf("clear: %q", out)
	}
	if out := mustRun(t, dir, "workspace", "support-calls", "list"); !strings.Contains(out, "No support-call rules") {
		t.Fatalf("list after clear: %q", out)
	}
}
