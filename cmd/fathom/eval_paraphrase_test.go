package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// TestCLIEvalParaphrase runs the zero-overlap paraphrase evaluation on the
// develop half: no pair can be found without the expansion, and the
// learned expansion finds some.
func TestCLIEvalParaphrase(t *testing.T) {
	engineIndependent(t)
	t.Parallel() // in-process and CPU-bound: it shares the cores with the other parallel tests
	dir := dataset.DirOrSkip(t, "banking77")
	code, out, errOut := cli(t, nil, "eval", "paraphrase", "--data", dir, "--half", "develop")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	m := regexp.MustCompile(`develop half: (\d+) pairs: recall@10 among the paraphrases ([0-9.]+) without expansion, ([0-9.]+) with`).FindStringSubmatch(out)
	if m == nil || strings.Contains(out, "report half") {
		t.Fatalf("unexpected output:\n%s", out)
	}
	without, err := strconv.ParseFloat(m[2], 64)
	if err != nil {
		t.Fatal(err)
	}
	with, err := strconv.ParseFloat(m[3], 64)
	if err != nil {
		t.Fatal(err)
	}
	if without != 0 || with < 0.03 {
		t.Errorf("recall@10 %v without, %v with: want 0 without (no shared content term) and at least 0.03 with", without, with)
	}
	if code, _, errOut := cli(t, nil, "eval", "paraphrase", "--half", "neither"); code != 2 || !strings.Contains(errOut, "--half") {
		t.Errorf("--half neither: exit %d (%q), want 2 naming the flag", code, errOut)
	}
}
