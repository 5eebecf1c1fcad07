package knowledge

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/search"
)

// rankDebug (RANK_DEBUG=1) says where the ranking loses, with the truth
// the simulation knows. Every test query whose top fix is not its intent's
// best is ranked again over two sets of conversations: the neighbours of
// its own intent among its nearest (pure retrieval), and every training
// conversation of its intent at full weight (all the intent's evidence).
// A miss is retrieval's when under half of its neighbours' weight is of its
// intent, or when its own-intent neighbours alone put the best first; the
// evidence's when they do not but all of the intent's conversations do;
// the data's when even those do not. It is also told whether the best was
// not tried by any neighbour, tried but left out by the support rule
// (withEvidence), or ranked below another. For every intent whose queries
// most often put another fix first, it lists what each set put first, the
// intent's true rates beside the ceiling's, and the issue types its
// conversations are in. RANK_DEBUG=verbose adds each of those queries'
// neighbours, candidates and support.
func rankDebug(e *Engine, ix *search.Index, held []eval.Example, plans map[string]eval.Plan, sims []eval.Simulated,
	mapping map[string]string, m eval.RecommendMetrics) {
	verbose := os.Getenv("RANK_DEBUG") == "verbose"
	missed := map[string]bool{}
	for _, r := range m.PerIntent {
		if r.Miss != "none" {
			missed[r.Intent] = true
		}
	}
	byIntent := map[string][]Neighbour{}
	for i, s := range sims {
		byIntent[s.Intent] = append(byIntent[s.Intent], Neighbour{ID: int64(i + 1), Similarity: 1})
	}
	top := func(r *Recommendation) string {
		for _, a := range r.Actions {
			if !a.Escalation {
				return mapping[a.Key]
			}
		}
		return ""
	}
	type tally struct{ engine, pure, all map[string]int }
	tallies := map[string]*tally{}
	causes, kinds := map[string]int{}, map[string]int{}
	k := e.tenant(1)
	for _, ex := range held {
		plan := plans[ex.Intent]
		res := e.Similar(1, SimilarParams{Index: ix, Message: ex.Text, Limit: neighbourDepth, MinSimilarity: 0.1})
		engineTop := top(res.Recommendation)
		if engineTop == plan.Best() && !missed[ex.Intent] {
			continue
		}
		var nbs, pure []Neighbour
		ownW, totW := 0.0, 0.0
		for _, h := range res.Matches {
			n := Neighbour{ID: h.ID, Similarity: h.Similarity}
			w := neighbourWeight(h.Similarity, res.Matches[0].Similarity)
			nbs, totW = append(nbs, n), totW+w
			if sims[h.ID-1].Intent == ex.Intent {
				pure, ownW = append(pure, n), ownW+w
			}
		}
		typeID := e.PredictType(1, nil, nbs)
		k.mu.RLock()
		pureTop := ""
		if len(pure) > 0 {
			pureTop = top(k.recommend(typeID, pure))
		}
		allTop := top(k.recommend(typeID, byIntent[ex.Intent]))
		nb := k.gather(nbs, k.routineMoves(), false)
		tried, present := false, false
		for id, c := range nb.byAction {
			if mapping[k.solutions[id].Key] == plan.Best() && c.conversations > 0 {
				tried = true
			}
		}
		for _, a := range res.Recommendation.Actions {
			present = present || mapping[a.Key] == plan.Best()
		}
		k.mu.RUnlock()
		if missed[ex.Intent] {
			t := tallies[ex.Intent]
			if t == nil {
				t = &tally{map[string]int{}, map[string]int{}, map[string]int{}}
				tallies[ex.Intent] = t
			}
			t.engine[engineTop]++
			t.pure[pureTop]++
			t.all[allTop]++
		}
		if verbose && missed[ex.Intent] {
			logRankedQuery(e, ex, plan, sims, mapping, res, typeID, ownW, totW, pureTop, allTop)
		}
		if engineTop == plan.Best() {
			continue
		}
		switch {
		case ownW < totW/2:
			causes["retrieval: under half of the neighbours' weight of its intent"]++
		case pureTop == plan.Best():
			causes["retrieval: its own-intent neighbours put the best first"]++
		case allTop == plan.Best():
			causes["evidence: all its intent's conversations put the best first"]++
		default:
			causes["data: its intent's own record puts another first"]++
		}
		kind := "best ranked below another"
		switch {
		case !tried:
			kind = "best tried by no neighbour"
		case !present:
			kind = "best left out by the support rule"
		}
		if _, own := plan.Rate(engineTop); !own {
			kind += ", top off-plan"
		}
		kinds[kind]++
	}
	fmt.Fprintf(os.Stderr, "misses of %d queries, by cause:\n", len(held))
	for _, c := range slices.Sorted(maps.Keys(causes)) {
		fmt.Fprintf(os.Stderr, "  %4d %s\n", causes[c], c)
	}
	fmt.Fprintf(os.Stderr, "by kind:\n")
	for _, c := range slices.Sorted(maps.Keys(kinds)) {
		fmt.Fprintf(os.Stderr, "  %4d %s\n", kinds[c], c)
	}
	for _, in := range slices.Sorted(maps.Keys(tallies)) {
		t, plan := tallies[in], plans[in]
		fmt.Fprintf(os.Stderr, "missed %-28s best %-24s engine %v own-intent neighbours %v all its conversations %v\n", in, plan.Best(), t.engine, t.pure, t.all)
		logIntentTypes(e, in, plan, sims)
	}
}

// logIntentTypes prints an intent's true rates beside the ceiling's, and
// the issue types its training conversations are in, with its own record
// in each and what else each holds.
func logIntentTypes(e *Engine, intent string, plan eval.Plan, sims []eval.Simulated) {
	ceiling := eval.OraclePosteriors(sims)
	var rates []string
	for i, a := range plan.Actions {
		rates = append(rates, fmt.Sprintf("%s %.2f (ceiling %.2f)", a.ID, plan.Rates[i], ceiling[intent][a.ID]))
	}
	slices.Sort(rates)
	fmt.Fprintf(os.Stderr, "    rates %s\n", strings.Join(rates, "; "))
	holds := map[int64]map[string]int{}
	record := map[int64]map[string][2]int{}
	for i, s := range sims {
		t, _ := e.Model(1).TypeOf(int64(i + 1))
		if holds[t] == nil {
			holds[t], record[t] = map[string]int{}, map[string][2]int{}
		}
		holds[t][s.Intent]++
		if s.Intent != intent {
			continue
		}
		for _, at := range s.Attempts {
			r := record[t][at.Action]
			r[1]++
			if at.Success {
				r[0]++
			}
			record[t][at.Action] = r
		}
	}
	for _, t := range slices.Sorted(maps.Keys(holds)) {
		if holds[t][intent] > 0 {
			fmt.Fprintf(os.Stderr, "    type %d holds %d of it, its record there (worked, tried) %v; the type holds %v\n", t, holds[t][intent], record[t], holds[t])
		}
	}
}

// logRankedQuery prints one query's neighbours (their intents and true
// attempts), its candidates with their records, and each solution's
// support among the neighbours.
func logRankedQuery(e *Engine, ex eval.Example, plan eval.Plan, sims []eval.Simulated, mapping map[string]string,
	res *SimilarResult, typeID int64, ownW, totW float64, pureTop, allTop string) {
	fmt.Fprintf(os.Stderr, "== %s %q type %d, own-intent weight %.2f of %.2f, best %s\n", ex.Intent, ex.Text, typeID, ownW, totW, plan.Best())
	var nbs []Neighbour
	for _, h := range res.Matches {
		t, _ := e.Model(1).TypeOf(h.ID)
		nbs = append(nbs, Neighbour{ID: h.ID, Similarity: h.Similarity})
		fmt.Fprintf(os.Stderr, "      nb %.3f w %.2f type %3d %-26s %v %q\n", h.Similarity, neighbourWeight(h.Similarity, res.Matches[0].Similarity), t,
			sims[h.ID-1].Intent, attemptsOf(sims[h.ID-1]), sims[h.ID-1].Turns[0].Content)
	}
	for _, a := range res.Recommendation.Actions {
		rate := "  -  "
		if r, ok := plan.Rate(mapping[a.Key]); ok {
			rate = fmt.Sprintf("%.3f", r)
		}
		fmt.Fprintf(os.Stderr, "   %-26s true %s p %.3f rank %.3f type %d/%d nb %d/%d\n", mapping[a.Key], rate,
			a.Stats.SuccessProbability, a.Stats.RankScore, a.Stats.SuccessCount, a.Stats.TotalAttempts, a.Stats.NeighbourSuccesses, a.Stats.Neighbours)
	}
	fmt.Fprintf(os.Stderr, "   own-intent neighbours put %s first, all its conversations %s\n", pureTop, allTop)
	k := e.tenant(1)
	k.mu.RLock()
	defer k.mu.RUnlock()
	nb := k.gather(nbs, k.routineMoves(), false)
	most := 0.0
	for _, c := range nb.byAction {
		most = max(most, c.support)
	}
	for _, id := range nb.order {
		c := nb.byAction[id]
		fmt.Fprintf(os.Stderr, "     support %-26s conversations %d, worked %d, support %.2f (%.2f of the most), weighted %.2f/%.2f\n",
			mapping[k.solutions[id].Key], c.conversations, c.worked, c.support, c.support/max(most, 1e-9), c.success, c.success+c.failure)
	}
}
