package eval

import (
	"cmp"
	"slices"
	"strings"
)

// ImpureSolution is one learned solution as scored against labels: how
// many items it holds, how many under labels other than its most common
// one, and its labels with their counts, most first.
type ImpureSolution struct {
	Solution string
	Items    int
	Lost     int
	Labels   []LabelCount
}

// LabelCount is one label and how many of a solution's items carry it.
type LabelCount struct {
	Label string
	N     int
}

// LeastPure lists the solutions that lose items to other labels, by the
// items they lose, most first (then by name): where purity goes.
func LeastPure(labels, clusters []string) []ImpureSolution {
	cells, sizes, _ := contingency(clusters, labels)
	by := map[string][]LabelCount{}
	for k, n := range cells {
		by[k[0]] = append(by[k[0]], LabelCount{k[1], n})
	}
	var out []ImpureSolution
	for c, ls := range by {
		slices.SortFunc(ls, func(a, b LabelCount) int { return cmp.Or(b.N-a.N, strings.Compare(a.Label, b.Label)) })
		if lost := sizes[c] - ls[0].N; lost > 0 {
			out = append(out, ImpureSolution{Solution: c, Items: sizes[c], Lost: lost, Labels: ls})
		}
	}
	slices.SortFunc(out, func(a, b ImpureSolution) int { return cmp.Or(b.Lost-a.Lost, strings.Compare(a.Solution, b.Solution)) })
	return out
}
