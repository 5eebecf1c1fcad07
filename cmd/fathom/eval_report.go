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
	if r.recommend == nil {
		return ""
	}
	return recommendTable([]eval.RecommendMetrics{*r.recommend})
}

func (r *evalReport) document() string {
	return fmt.Sprintf(`# Evaluation

Measured with `+"`go run ./cmd/fathom eval banking77 --pool report --write docs/evaluation.md`"+` on %s
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
The recommendation simulation on the BANKING77 openings (see "Recommendations across
domains" for the simulation and the other domains; the pool is in the table).
%s`, time.Now().UTC().Format("2006-01-02"), r.train, r.test, r.retrievalMarkdown(), r.recommendMarkdown())
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
