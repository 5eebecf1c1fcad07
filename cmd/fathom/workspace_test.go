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
