package knowledge

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/knowledge/retrieval"
	"github.com/fathom-oss/fathom/internal/search"
)

// probabilityParts are the estimates behind one recommended fix's
// successProbability, for the decomposition of its error (logDecomposition).
type probabilityParts struct {
	engine  float64 // what the answer said
	ceiling float64 // the intent's Beta posterior from the true outcomes (eval.OraclePosteriors)
	typ     float64 // the record in the predicted issue type alone
	types   float64 // the records in the neighbours' types, weighed by their neighbours
	near    float64 // the neighbours' posterior mean, before any shrink
	pure    float64 // the engine's rule over the neighbours of the query's true intent only
	rate    float64 // the true rate
	best    bool    // the fix is the intent's best
}

// decomposition collects probabilityParts over the held-out queries.
type decomposition struct {
	parts    []probabilityParts
	noPure   int // queries with no neighbour of their own intent
	mismatch int // fixes whose recomputed probability differs from the answer's
}

// decompose recomputes, for the query text of held example ex, the
// estimates behind each recommended fix that is a candidate of its intent.
// sims[i] is the simulation of conversation i+1; ceiling the
// eval.OraclePosteriors of the training simulation.
func (d *decomposition) decompose(e *Engine, ix *search.Index, ex eval.Example, plan eval.Plan, sims []eval.Simulated,
	mapping map[string]string, ceiling map[string]map[string]float64, answer eval.Answer) {
	q := retrieval.Analyse(ex.Text)
	hits, _ := ranker.RankExplaining(ix, e.Model(1), nil, q, neighbourDepth, 0, 0.1)
	neighbours := make([]Neighbour, len(hits))
	var pureN []Neighbour
	for i, h := range hits {
		neighbours[i] = Neighbour{ID: h.ID, Similarity: h.Similarity}
		if sims[h.ID-1].Intent == ex.Intent {
			pureN = append(pureN, neighbours[i])
		}
	}
	r := e.Recommend(1, q, neighbours)
	k := e.tenant(1)
	k.mu.RLock()
	defer k.mu.RUnlock()
	typeID := e.PredictType(1, q, neighbours)
	routine := k.routineMoves()
	nb := k.gather(neighbours, routine, k.est.flatTypes)
	var pure *neighbourhood
	if len(pureN) > 0 {
		pure = k.gather(pureN, routine, k.est.flatTypes)
	} else {
		d.noPure++
	}
	seen := map[string]bool{}
	for _, a := range r.Actions {
		action := mapping[a.Key]
		if a.Escalation || action == "" || seen[action] || eval.IsEscalation(action) {
			continue
		}
		seen[action] = true
		rate, ok := plan.Rate(action)
		if !ok {
			continue
		}
		if math.Abs(answer.Probs[action]-a.Stats.SuccessProbability) > 1e-9 {
			d.mismatch++
		}
		edge := k.edgeStats(typeID, a.ID).SuccessProbability
		c := nb.byAction[a.ID]
		mean, _ := posterior(c.success, c.failure, nb.rate())
		p := probabilityParts{engine: a.Stats.SuccessProbability, typ: edge, types: k.typesEstimate(nb, a.ID, edge, nil, k.est.flatTypes),
			near: mean, rate: rate, best: action == plan.Best()}
		p.ceiling, ok = ceiling[ex.Intent][action]
		if !ok {
			p.ceiling = math.NaN()
		}
		p.pure = p.engine
		if pure != nil {
			pc := pure.byAction[a.ID]
			pm, _ := posterior(pc.success, pc.failure, pure.rate())
			p.pure = k.est.nearEstimate(pc, pm, k.typesEstimate(pure, a.ID, edge, nil, k.est.flatTypes))
		}
		d.parts = append(d.parts, p)
	}
}

// log prints, for each estimate, its RMSE against the true rates and its
// bias on the intents' best fixes and on the others, over the same pairs;
// and the engine's distance from the ceiling.
func (d *decomposition) log(t *testing.T) {
	t.Helper()
	type acc struct{ sq, bestSum, otherSum, nBest, nOther float64 }
	rows := []struct {
		name string
		get  func(probabilityParts) float64
	}{
		{"engine", func(p probabilityParts) float64 { return p.engine }},
		{"ceiling (true intent and outcomes)", func(p probabilityParts) float64 { return p.ceiling }},
		{"predicted type's record alone", func(p probabilityParts) float64 { return p.typ }},
		{"neighbours' types' records", func(p probabilityParts) float64 { return p.types }},
		{"neighbours' posterior, unshrunk", func(p probabilityParts) float64 { return p.near }},
		{"engine over own-intent neighbours", func(p probabilityParts) float64 { return p.pure }},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  decomposition over %d fixes on plan (%d queries without a neighbour of their intent, %d recomputed differently):", len(d.parts), d.noPure, d.mismatch)
	for _, row := range rows {
		var a acc
		n := 0.0
		for _, p := range d.parts {
			if math.IsNaN(p.ceiling) {
				continue // the same pairs for every row
			}
			x := row.get(p) - p.rate
			a.sq += x * x
			n++
			if p.best {
				a.bestSum, a.nBest = a.bestSum+x, a.nBest+1
			} else {
				a.otherSum, a.nOther = a.otherSum+x, a.nOther+1
			}
		}
		fmt.Fprintf(&b, "\n    %-36s RMSE %.3f  bias best %+.3f, others %+.3f", row.name, math.Sqrt(a.sq/max(1, n)), a.bestSum/max(1, a.nBest), a.otherSum/max(1, a.nOther))
	}
	var sq, n float64
	for _, p := range d.parts {
		if !math.IsNaN(p.ceiling) {
			sq, n = sq+(p.engine-p.ceiling)*(p.engine-p.ceiling), n+1
		}
	}
	fmt.Fprintf(&b, "\n    engine vs ceiling: RMS difference %.3f", math.Sqrt(sq/max(1, n)))
	t.Log(b.String())
}

// decompositionOn is set by DECOMPOSE=1.
var decompositionOn = os.Getenv("DECOMPOSE") != ""
