package main

import (
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// TestCLIEvalActions runs the action-item evaluation on the develop split
// and checks its table, and that a bad --pool is refused naming the flag.
func TestCLIEvalActions(t *testing.T) {
	engineIndependent(t)
	t.Parallel() // in-process and CPU-bound: it shares the cores with the other parallel tests
	if code, _, errOut := cli(t, nil, "eval", "actions", "--pool", "nothing"); code != 2 || !strings.Contains(errOut, "--pool") {
		t.Errorf("--pool nothing: exit %d (%q), want 2 naming the flag", code, errOut)
	}
	if code, _, errOut := cli(t, nil, "eval", "actions", "--rounds", "0"); code != 2 || !strings.Contains(errOut, "--rounds") {
		t.Errorf("--rounds 0: exit %d (%q), want 2 naming the flag", code, errOut)
	}
	dir := dataset.DirOrSkip(t, "qmsum")
	code, out, errOut := cli(t, nil, "eval", "actions", "--data", dir, "--rounds", "1", "--audit", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"develop pool on the develop split", "| recall (found / inserted) |",
		"| owner accuracy, name and email (of found) |", "| items per untouched meeting |", "items of untouched meetings"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "| ES2011") || strings.Contains(out, "| TS3004") {
		t.Errorf("the develop run read the report split:\n%s", out)
	}
}
