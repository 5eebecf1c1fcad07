package outcome

import (
	"math"
	"sort"
)

// Example is a labelled reply to learn cue weights from: whether it
// accepted (true) or rejected what came before it. Groups name where it comes from (a service,
// a domain, a tenant's issue type): only features seen in several groups
// are learned, so that the weights hold the language of reactions rather
// than one domain's nouns.
type Example struct {
	Reply    string
	Accepted bool
	Groups   []string
}

// Weights are cue weights learned from examples, keyed by Features:
// positive for acceptance, negative for rejection. The intercept of the
// fit is not kept, so a reply with no known feature scores zero, "does not
// say", rather than the training set's base rate.
type Weights map[string]float64

// LearnOptions tune Learn. Zero fields take the defaults given.
type LearnOptions struct {
	// MinCount is how many replies a feature must occur in (default 3).
	MinCount int
	// MinGroups is how many distinct groups it must occur in (default 3).
	MinGroups int
	// L2 is the ridge penalty per feature (default 0.5).
	L2 float64
	// Epochs of stochastic gradient descent (default 40).
	Epochs int
}

func (o LearnOptions) withDefaults() LearnOptions {
	if o.MinCount == 0 {
		o.MinCount = 3
	}
	if o.MinGroups == 0 {
		o.MinGroups = 3
	}
	if o.L2 == 0 {
		o.L2 = 0.5
	}
	if o.Epochs == 0 {
		o.Epochs = 40
	}
	return o
}

// Learn fits Weights to examples: an L2-regularised logistic regression of
// acceptance on the replies' Features. It is deterministic.
func Learn(examples []Example, opt LearnOptions) Weights {
	opt = opt.withDefaults()
	count := map[string]int{}
	groups := map[string]map[string]bool{}
	feats := make([][]string, len(examples))
	for i, e := range examples {
		feats[i] = Features(e.Reply)
		for _, f := range feats[i] {
			count[f]++
			if groups[f] == nil {
				groups[f] = map[string]bool{}
			}
			for _, g := range e.Groups {
				groups[f][g] = true
			}
		}
	}
	var names []string
	for f, n := range count {
		if n >= opt.MinCount && len(groups[f]) >= opt.MinGroups {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	index := make(map[string]int, len(names))
	for i, f := range names {
		index[f] = i
	}
	xs := make([][]int, len(examples))
	for i := range examples {
		for _, f := range feats[i] {
			if k, ok := index[f]; ok {
				xs[i] = append(xs[i], k)
			}
		}
	}
	ys := make([]bool, len(examples))
	for i, e := range examples {
		ys[i] = e.Accepted
	}
	w := fitLogistic(xs, ys, len(names), opt)
	out := Weights{}
	for i, f := range names {
		if math.Abs(w[i]) >= 0.05 {
			out[f] = w[i]
		}
	}
	return out
}

// fitLogistic fits weights over n features and an intercept to examples
// given as the indices of their present features, by stochastic gradient
// descent in example order with a rate that decays by epoch, and returns
// the feature weights (the intercept is not kept; see Weights). Each
// feature's ridge penalty is spread over the examples it occurs in, so an
// epoch applies L2·w once.
func fitLogistic(xs [][]int, ys []bool, n int, opt LearnOptions) []float64 {
	occurs := make([]float64, n)
	for _, x := range xs {
		for _, k := range x {
			occurs[k]++
		}
	}
	w := make([]float64, n)
	bias := 0.0
	for epoch := range opt.Epochs {
		rate := 0.5 / (1 + 0.2*float64(epoch))
		for i, x := range xs {
			z := bias
			for _, k := range x {
				z += w[k]
			}
			d := 1 / (1 + math.Exp(-z))
			if ys[i] {
				d--
			}
			bias -= rate * d
			for _, k := range x {
				w[k] -= rate * (d + opt.L2*w[k]/occurs[k])
			}
		}
	}
	return w
}

//go:generate go run ./learnsgd -out sgd_weights.go
