package main

import (
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// TestCLIEvalSGD runs the SGD outcome evaluation on the develop half and
// checks its report has the figures and the confusion table.
func TestCLIEvalSGD(t *testing.T) {
	engineIndependent(t)
	t.Parallel() // in-process and CPU-bound: it shares the cores with the other parallel tests
	dir := dataset.DirOrSkip(t, "sgd")
	code, out, errOut := cli(t, nil, "eval", "sgd", "--data", dir, "--half", "develop", "--misses", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"SGD develop half:", "accuracy", "coverage", "| accepted |", "| rejected |", "  miss "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "report half") {
		t.Errorf("--half develop scored the report half:\n%s", out)
	}
	if code, _, errOut := cli(t, nil, "eval", "sgd", "--half", "neither"); code != 2 || !strings.Contains(errOut, "--half") {
		t.Errorf("--half neither: exit %d (%q), want 2 naming the flag", code, errOut)
	}
}
