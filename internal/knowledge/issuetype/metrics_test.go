package issuetype

import "math"

// clusterScores returns the normalised mutual information (arithmetic-mean
// normalisation, as scikit-learn's default) and the adjusted Rand index
// between a predicted clustering and the true labels.
func clusterScores(pred []int64, truth []string) (nmi, ari float64) {
	n := float64(len(pred))
	pi, ti := map[int64]int{}, map[string]int{}
	type cell struct{ p, t int }
	joint := map[cell]float64{}
	var ps, ts []float64
	for i := range pred {
		p, ok := pi[pred[i]]
		if !ok {
			p = len(ps)
			pi[pred[i]] = p
			ps = append(ps, 0)
		}
		t, ok := ti[truth[i]]
		if !ok {
			t = len(ts)
			ti[truth[i]] = t
			ts = append(ts, 0)
		}
		ps[p]++
		ts[t]++
		joint[cell{p, t}]++
	}
	ent := func(xs []float64) float64 {
		var h float64
		for _, x := range xs {
			if x > 0 {
				h -= x / n * math.Log(x/n)
			}
		}
		return h
	}
	var mi float64
	for c, x := range joint {
		mi += x / n * math.Log(x*n/(ps[c.p]*ts[c.t]))
	}
	hp, ht := ent(ps), ent(ts)
	if hp+ht > 0 {
		nmi = 2 * mi / (hp + ht)
	}
	pairs := func(x float64) float64 { return x * (x - 1) / 2 }
	var sumJ, sumP, sumT float64
	for _, x := range joint {
		sumJ += pairs(x)
	}
	for _, x := range ps {
		sumP += pairs(x)
	}
	for _, x := range ts {
		sumT += pairs(x)
	}
	expected := sumP * sumT / pairs(n)
	maxIdx := (sumP + sumT) / 2
	if maxIdx-expected != 0 {
		ari = (sumJ - expected) / (maxIdx - expected)
	}
	return nmi, ari
}
