package eval

import (
	"math"
	"sort"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/textproc"
)

// TextRank parameters (Mihalcea and Tarau, 2004).
const (
	textRankDamping = 0.85
	textRankRounds  = 50
)

// TextRank is the extractive baseline of Mihalcea and Tarau: the
// transcript's sentences are a graph weighted by their word overlap
// normalised by length (|Si ∩ Sj| / (log|Si| + log|Sj|), over stemmed
// words that are not stopwords), ranked by PageRank; the best are taken
// until n tokens are reached, put back in spoken order and cut to exactly n
// ROUGE tokens.
func TextRank(items []fathom.TranscriptItem, n int) []string {
	var sents []string
	var sets [][]string
	for _, it := range items {
		for _, s := range strings.FieldsFunc(it.Text, func(r rune) bool { return r == '.' || r == '?' || r == '!' }) {
			var words []string
			for _, w := range RougeTokens(s) {
				if !textproc.IsStopword(w) {
					words = append(words, w)
				}
			}
			sort.Strings(words)
			words = compactSorted(words)
			if len(words) < 2 { // log 1 = 0: a one-word sentence has no defined weight
				continue
			}
			sents = append(sents, s)
			sets = append(sets, words)
		}
	}
	rank := pageRank(sets)
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rank[order[a]] > rank[order[b]] })
	var chosen []int
	total := 0
	for _, i := range order {
		if total >= n {
			break
		}
		chosen = append(chosen, i)
		total += len(RougeTokens(sents[i]))
	}
	sort.Ints(chosen)
	var out []string
	for _, i := range chosen {
		out = append(out, RougeTokens(sents[i])...)
	}
	return out[:min(n, len(out))]
}

// pageRank ranks sentences, given as sorted sets of words, by weighted
// PageRank over their overlap graph.
func pageRank(sets [][]string) []float64 {
	n := len(sets)
	w := make([][]float64, n)
	out := make([]float64, n) // each node's total edge weight
	for i := range w {
		w[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			common := overlapSorted(sets[i], sets[j])
			if common == 0 {
				continue
			}
			x := float64(common) / (math.Log(float64(len(sets[i]))) + math.Log(float64(len(sets[j]))))
			w[i][j], w[j][i] = x, x
			out[i] += x
			out[j] += x
		}
	}
	rank := make([]float64, n)
	for i := range rank {
		rank[i] = 1
	}
	next := make([]float64, n)
	for range textRankRounds {
		for i := range next {
			sum := 0.0
			for j, x := range w[i] {
				if x > 0 {
					sum += x / out[j] * rank[j]
				}
			}
			next[i] = 1 - textRankDamping + textRankDamping*sum
		}
		rank, next = next, rank
	}
	return rank
}

func overlapSorted(a, b []string) int {
	k := 0
	for x, y := 0, 0; x < len(a) && y < len(b); {
		switch {
		case a[x] < b[y]:
			x++
		case a[x] > b[y]:
			y++
		default:
			k, x, y = k+1, x+1, y+1
		}
	}
	return k
}
