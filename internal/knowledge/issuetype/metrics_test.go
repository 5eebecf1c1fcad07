package issuetype

import (
	"strconv"

	"github.com/fathom-oss/fathom/internal/eval"
)

// clusterScores returns the normalised mutual information and the adjusted
// Rand index between a predicted clustering and the true labels, computed
// as the evaluation computes them.
func clusterScores(pred []int64, truth []string) (nmi, ari float64) {
	p := make([]string, len(pred))
	for i, id := range pred {
		p[i] = strconv.FormatInt(id, 10)
	}
	return eval.NMI(truth, p), eval.ARI(truth, p)
}
