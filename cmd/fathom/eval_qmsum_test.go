package main

import (
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// TestCLIEvalQMSum runs the QMSum evaluation on the develop split and
// checks its table has the summary and both baselines, and that a bad
// --split is refused naming the flag.
func TestCLIEvalQMSum(t *testing.T) {
	if code, _, errOut := cli(t, nil, "eval", "qmsum", "--split", "neither"); code != 2 || !strings.Contains(errOut, "--split") {
		t.Errorf("--split neither: exit %d (%q), want 2 naming the flag", code, errOut)
	}
	if code, _, errOut := cli(t, nil, "eval", "qmsum", "--data", t.TempDir()); code == 0 || !strings.Contains(errOut, "--data") {
		t.Errorf("an empty folder: exit %d (%q), want an error naming --data", code, errOut)
	}
	dir := dataset.DirOrSkip(t, "qmsum")
	code, out, errOut := cli(t, nil, "eval", "qmsum", "--data", dir, "--rows")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"QMSum develop split: 12 meetings", "| General summary |", "| lead, same length |",
		"| TextRank, same length |", "over the lead:", "| ES2004a |"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "report split") || strings.Contains(out, "| ES2011a |") {
		t.Errorf("the develop run scored the report split:\n%s", out)
	}
}
