package knowledge

import (
	"github.com/fathom-oss/fathom/internal/knowledge/retrieval"
	"github.com/fathom-oss/fathom/internal/search"
)

// This file composes a similarity request, in one place: the query is
// analysed once (retrieval.Analyse); BM25 over the tenant's index proposes
// candidates, which the issue-type model reranks by wording and type
// (retrieval.Ranker); the nearest of them vote for the query's issue type
// and serve as evidence for the recommendation (Recommend). Callers load
// what they show of the conversations themselves.

// ranker holds only configuration (the defaults tuned on banking77), so one
// serves every tenant.
var ranker = retrieval.New(retrieval.Config{})

// neighbourDepth is how many nearest conversations inform the
// recommendation, whatever the limit of the answer.
const neighbourDepth = 30

// SimilarParams is one similarity request over a tenant's conversations.
type SimilarParams struct {
	Index         *search.Index // the tenant's search index
	Message       string        // the new message
	Limit         int           // matches returned, each with its reasons
	MinSimilarity float64       // matches below it are neither returned nor counted
	// Dense, when set, adds the similarity of embeddings to the evidence
	// and its nearest conversations to BM25's candidates (retrieval.Dense).
	Dense retrieval.Scorer
}

// SimilarResult answers a similarity request.
type SimilarResult struct {
	Matches        []retrieval.Hit // at most Limit, best first, with reasons
	Total          int             // matches at or above MinSimilarity, beyond Limit too
	Recommendation *Recommendation // for the predicted issue type of Message
}

// Similar ranks the tenant's conversations against a new message and
// recommends what to do about it, analysing the message once.
func (e *Engine) Similar(tenantID int64, p SimilarParams) *SimilarResult {
	q := retrieval.Analyse(p.Message)
	if d, ok := p.Dense.(retrieval.Dense); ok {
		// The issue-type model predicts the query's type by its words and
		// its embedding, as it placed the conversations.
		q.Type.SetDense(d.Vec)
	}
	// The one place a query gains the tenant's learned associations.
	q.Expansion = e.Associations(tenantID).Expand(q.Terms)
	limit := max(p.Limit, 0)
	// Recommendations look at more neighbours than the caller shows, and
	// only the shown ones are explained.
	named := ranker.WithTypeNames(func(typeID int64) string { return e.TypeName(tenantID, typeID) })
	hits, total := named.RankExplaining(p.Index, e.Model(tenantID), p.Dense, q, max(limit, neighbourDepth), limit, p.MinSimilarity)
	neighbours := make([]Neighbour, len(hits))
	for i, h := range hits {
		neighbours[i] = Neighbour{ID: h.ID, Similarity: h.Similarity}
	}
	return &SimilarResult{Matches: hits[:min(limit, len(hits))], Total: total,
		Recommendation: e.Recommend(tenantID, q, neighbours)}
}
