package knowledge

import (
	"fmt"
	"math"
	"os"

	"github.com/fathom-oss/fathom/internal/knowledge/solution"
	"github.com/fathom-oss/fathom/internal/textproc"
)

// dumpPairs appends to path, for every pair of mapped solutions that share
// an issue type, the usage evidence a merge could read and whether the two
// are one simulated action (PAIR_DEBUG=file): tab-separated label, keys,
// one action (1/0), attempts of each, cosine of their issue types,
// conversations together, cosine of their peers, the meetings expected were
// they two actions (as the usage merge counts them) and each side's peer
// mass, then log Bayes factors of "one action" over "two" from their issue
// types, their success rates per issue type, their success rates overall
// and their peers, their mapped actions, and the tf-idf cosine of their
// kept phrasings' content words.
func dumpPairs(e *Engine, mapping map[string]string, label, path string) {
	k := e.tenant(1)
	k.mu.RLock()
	defer k.mu.RUnlock()
	type rec struct {
		types   map[int64]float64
		succ    map[int64]float64
		fail    map[int64]float64
		uses    float64
		peers   map[int64]float64
		peerTot float64
		key     string
		ws, wf  float64
	}
	recs := map[int64]*rec{}
	get := func(id int64) *rec {
		r := recs[id]
		if r == nil {
			r = &rec{types: map[int64]float64{}, succ: map[int64]float64{}, fail: map[int64]float64{}, peers: map[int64]float64{}, key: k.solutions[id].Key}
			recs[id] = r
		}
		return r
	}
	for ek, c := range k.edges {
		r := get(ek.solutionID)
		n := float64(c.success + c.failure + c.pending + c.unknown)
		r.types[ek.typeID] += n
		r.uses += n
		r.succ[ek.typeID] += float64(c.success)
		r.fail[ek.typeID] += float64(c.failure)
		r.ws += float64(c.success)
		r.wf += float64(c.failure)
	}
	for p, n := range k.together {
		a, b := get(p[0]), get(p[1])
		a.peers[p[1]] += float64(n)
		b.peers[p[0]] += float64(n)
		a.peerTot += float64(n)
		b.peerTot += float64(n)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	// Text vectors: content terms of each solution's member phrasings,
	// tf-idf over the solutions.
	tf := map[int64]map[string]float64{}
	df := map[string]float64{}
	for id, r := range recs {
		sol, ok := k.learner.Get(r.key)
		if !ok {
			continue
		}
		v := map[string]float64{}
		for _, mtext := range sol.Members {
			for _, term := range textproc.Terms(mtext) {
				v[term]++
			}
		}
		tf[id] = v
		for term := range v {
			df[term]++
		}
	}
	tvec := map[int64]map[string]float64{}
	for id, v := range tf {
		w := map[string]float64{}
		for term, n := range v {
			w[term] = (1 + math.Log(n)) * math.Log(float64(len(tf)+1)/df[term])
		}
		tvec[id] = w
	}
	ids := []int64{}
	for id := range recs {
		if mapping[recs[id].key] != "" && recs[id].uses >= 2 {
			ids = append(ids, id)
		}
	}
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			ra, rb := recs[a], recs[b]
			shared := false
			for t := range ra.types {
				if rb.types[t] > 0 {
					shared = true
				}
			}
			if !shared {
				continue
			}
			same := 0
			if mapping[ra.key] == mapping[rb.key] {
				same = 1
			}
			together := ra.peers[b]
			pa, pb := map[int64]float64{}, map[int64]float64{}
			for p, n := range ra.peers {
				if p != b {
					pa[p] = n
				}
			}
			for p, n := range rb.peers {
				if p != a {
					pb[p] = n
				}
			}
			ta, tb := ra.peerTot-together, rb.peerTot-together
			hood := ta + tb + 2*together
			for p := range pa {
				hood += recs[p].peerTot
			}
			for p := range pb {
				if _, dup := pa[p]; !dup {
					hood += recs[p].peerTot
				}
			}
			expected := ta * tb / math.Max(1, hood/2)
			// Bayes factors
			bfTypes := dirBF(ra.types, rb.types, 0.5)
			bfOut := 0.0
			for t := range ra.types {
				if rb.types[t] == 0 {
					continue
				}
				bfOut += lbeta(1+ra.succ[t]+rb.succ[t], 1+ra.fail[t]+rb.fail[t]) - lbeta(1+ra.succ[t], 1+ra.fail[t]) - lbeta(1+rb.succ[t], 1+rb.fail[t])
			}
			bfAll := lbeta(1+ra.ws+rb.ws, 1+ra.wf+rb.wf) - lbeta(1+ra.ws, 1+ra.wf) - lbeta(1+rb.ws, 1+rb.wf)
			bfPeers := dirBF(pa, pb, 0.5)
			fmt.Fprintf(f, "%s\t%s\t%s\t%d\t%.0f\t%.0f\t%.3f\t%.0f\t%.3f\t%.2f\t%.0f\t%.0f\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t%s\t%.3f\n",
				label, ra.key, rb.key, same, ra.uses, rb.uses, solution.Cosine(ra.types, rb.types), together, solution.Cosine(pa, pb), expected, ta, tb,
				bfTypes, bfOut, bfAll, bfPeers, mapping[ra.key], mapping[rb.key], solution.Cosine(tvec[a], tvec[b]))
		}
	}
}

func lbeta(a, b float64) float64 {
	x, _ := math.Lgamma(a)
	y, _ := math.Lgamma(b)
	z, _ := math.Lgamma(a + b)
	return x + y - z
}

// dirBF is the log Bayes factor of "one distribution" over "two" for two
// count vectors, under a symmetric Dirichlet(alpha) over their union.
func dirBF(x, y map[int64]float64, alpha float64) float64 {
	keys := map[int64]bool{}
	for k := range x {
		keys[k] = true
	}
	for k := range y {
		keys[k] = true
	}
	lb := func(v func(int64) float64) float64 {
		s, tot := 0.0, 0.0
		for k := range keys {
			g, _ := math.Lgamma(alpha + v(k))
			s += g
			tot += alpha + v(k)
		}
		g, _ := math.Lgamma(tot)
		return s - g
	}
	return lb(func(k int64) float64 { return x[k] + y[k] }) - lb(func(k int64) float64 { return x[k] }) - lb(func(k int64) float64 { return y[k] }) + lb(func(int64) float64 { return 0 })
}
