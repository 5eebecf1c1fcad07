package eval

import (
	"context"
	"math"

	"github.com/fathom-oss/fathom/client"
)

// DiscoveryMetrics compare the issue types the engine assigned with the
// true intents.
type DiscoveryMetrics struct {
	Conversations int
	Types         int
	NMI, ARI      float64
	Unassigned    int
}

// Discovery reads each training conversation's issue type through the API.
func Discovery(ctx context.Context, c *client.Client, train []Example, concurrency int) (DiscoveryMetrics, error) {
	got := make([]string, len(train))
	err := parallel(ctx, len(train), concurrency, func(ctx context.Context, i int) error {
		conv, err := c.Conversation(ctx, TrainID(i))
		if err != nil {
			return err
		}
		if conv.IssueDetails != nil {
			got[i] = conv.IssueDetails.Name
		}
		return nil
	})
	var m DiscoveryMetrics
	var truth, pred []string
	types := map[string]bool{}
	for i, g := range got {
		if g == "" {
			m.Unassigned++
			g = "(none)"
		}
		types[g] = true
		truth, pred = append(truth, train[i].Intent), append(pred, g)
	}
	m.Conversations, m.Types = len(train), len(types)
	m.NMI, m.ARI = NMI(truth, pred), ARI(truth, pred)
	return m, err
}

// contingency counts label pairs.
func contingency(a, b []string) (map[[2]string]int, map[string]int, map[string]int) {
	cells, ra, rb := map[[2]string]int{}, map[string]int{}, map[string]int{}
	for i := range a {
		cells[[2]string{a[i], b[i]}]++
		ra[a[i]]++
		rb[b[i]]++
	}
	return cells, ra, rb
}

// NMI is the normalised mutual information of two labellings, with the
// arithmetic-mean normalisation (scikit-learn's default).
func NMI(a, b []string) float64 {
	n := float64(len(a))
	cells, ra, rb := contingency(a, b)
	h := func(m map[string]int) float64 {
		s := 0.0
		for _, c := range m {
			p := float64(c) / n
			s -= p * math.Log(p)
		}
		return s
	}
	mi := 0.0
	for k, c := range cells {
		p := float64(c) / n
		mi += p * math.Log(p/(float64(ra[k[0]])/n*float64(rb[k[1]])/n))
	}
	ha, hb := h(ra), h(rb)
	if ha+hb == 0 {
		return 1
	}
	return 2 * mi / (ha + hb)
}

// ARI is the adjusted Rand index of two labellings.
func ARI(a, b []string) float64 {
	comb := func(x int) float64 { return float64(x) * float64(x-1) / 2 }
	cells, ra, rb := contingency(a, b)
	var index, sa, sb float64
	for _, c := range cells {
		index += comb(c)
	}
	for _, c := range ra {
		sa += comb(c)
	}
	for _, c := range rb {
		sb += comb(c)
	}
	expected := sa * sb / comb(len(a))
	maxIndex := (sa + sb) / 2
	if maxIndex == expected {
		return 1
	}
	return (index - expected) / (maxIndex - expected)
}
