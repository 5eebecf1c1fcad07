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
	by := map[string]map[string]int{}
	for i, c := range clusters {
		if by[c] == nil {
			by[c] = map[string]int{}
		}
		by[c][labels[i]]++
	}
	var out []ImpureSolution
	for c, ls := range by {
		s := ImpureSolution{Solution: c}
		for l, n := range ls {
			s.Labels = append(s.Labels, LabelCount{l, n})
			s.Items += n
		}
		slices.SortFunc(s.Labels, func(a, b LabelCount) int { return cmp.Or(b.N-a.N, strings.Compare(a.Label, b.Label)) })
		if s.Lost = s.Items - s.Labels[0].N; s.Lost > 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b ImpureSolution) int { return cmp.Or(b.Lost-a.Lost, strings.Compare(a.Solution, b.Solution)) })
	return out
}
