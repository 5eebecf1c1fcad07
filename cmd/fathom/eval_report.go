package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/eval"
)

// evalReport renders the figures of `fathom eval banking77`.
type evalReport struct {
	train, test int
	retrieval   eval.RetrievalMetrics
	baseline    eval.RetrievalMetrics
	discovery   eval.DiscoveryMetrics
	recommend   *eval.RecommendMetrics
}

func (r *evalReport) retrievalMarkdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n| retrieval (%d test queries) | top-1 | P@5 | P@10 | MRR |\n|---|---|---|---|---|\n", r.test)
	fmt.Fprintf(&b, "| Fathom, through the API | %.3f | %.3f | %.3f | %.3f |\n", r.retrieval.Top1, r.retrieval.P5, r.retrieval.P10, r.retrieval.MRR)
	fmt.Fprintf(&b, "| plain BM25 baseline | %.3f | %.3f | %.3f | %.3f |\n", r.baseline.Top1, r.baseline.P5, r.baseline.P10, r.baseline.MRR)
	d := r.discovery
	fmt.Fprintf(&b, "\n| issue discovery (%d conversations) | NMI | ARI | types | unassigned |\n|---|---|---|---|---|\n", d.Conversations)
	fmt.Fprintf(&b, "| Fathom, through the API | %.3f | %.3f | %d | %d |\n", d.NMI, d.ARI, d.Types, d.Unassigned)
	return b.String()
}

func (r *evalReport) recommendMarkdown() string {
	m := r.recommend
	if m == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| recommendations | best-action accuracy | Brier | coverage | held-out attempts |\n|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| Fathom, through the API | %.3f (%d intents) | %.3f | %.3f | %d |\n", m.BestAction, m.Intents, m.Brier, m.Coverage, m.Attempts)
	fmt.Fprintf(&b, "| perfectly calibrated oracle (floor) | 1.000 | %.3f | 1.000 | |\n", oracleBrier())
	return b.String()
}

// oracleBrier is the Brier score of predicting each attempt with its true
// hidden rate, averaged over the rates: the floor no model can beat.
func oracleBrier() float64 {
	s := 0.0
	for _, p := range eval.Rates {
		s += p * (1 - p)
	}
	return s / float64(len(eval.Rates))
}

func (r *evalReport) document() string {
	return fmt.Sprintf(`# Evaluation

Measured with `+"`go run ./cmd/fathom eval banking77 --write docs/evaluation.md`"+` on %s
(a 2-core machine), against a fresh server started in-process, through the public API
only. The data is BANKING77 (%d training and %d test customer queries, 77 intents) from
`+"`../shared/data/banking77`"+`; intents are used only to score, never sent to the server.

## a. Retrieval
Every training query is tracked and resolved as a one-turn conversation; every test
query is sent to `+"`/similarity`"+` with `+"`limit: 10`"+`, and each hit scores by its intent.
Top-1: the best hit has the query's intent. P@k: share of the top k with it (missing
hits count as wrong). MRR: 1/rank of the first hit with it, within the top 10.
The baseline is plain BM25 over the same texts with the same tokenisation and threshold.
%s
## b. Issue discovery
Above, "issue discovery": the issue type the engine assigned to each training
conversation (read back with `+"`GET /conversations/{id}`"+`) against the true intents.

## c. Recommendations
Each intent gets 3 or 4 candidate actions from a pool of 16 (each phrased four ways),
with hidden success rates drawn from %v (fixed seed). Every training query opens a
simulated conversation in which the agent tries the intent's candidates in random order
until one works (at its hidden rate) or three have failed; users confirm or reject in
varied words; conversations that ended in a fix are resolved, the others left open.
Then every test query is sent to `+"`/similarity`"+` and scored against a held-out
simulation opening with it: *best-action accuracy* is the share of intents whose most
often top-recommended action is the truly best one; *Brier* is the mean squared error of
the recommended `+"`successProbability`"+` against the outcomes of the held-out attempts (an
action not recommended counts as probability 0). Server solutions are matched to the
simulation's actions by reading every training conversation back through the API.
%s`, time.Now().UTC().Format("2006-01-02"), r.train, r.test, r.retrievalMarkdown(), eval.Rates, r.recommendMarkdown())
}

// notesHeading starts the part of the evaluation document written by hand
// (the status against the targets and what moved the figures), which
// writeReport keeps when it replaces the measured part.
const notesHeading = "## Status against the targets"

// writeReport writes doc to path, keeping the hand-written notes (from
// notesHeading on) of the document it replaces.
func writeReport(path, doc string) error {
	if old, err := os.ReadFile(path); err == nil {
		if i := strings.Index(string(old), notesHeading); i >= 0 {
			doc = strings.TrimRight(doc, "\n") + "\n\n" + string(old[i:])
		}
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}
