package eval

import (
	"strings"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// ROUGE is recall, precision and F1 of a candidate's n-grams (or longest
// common subsequence) against a reference.
type ROUGE struct{ Recall, Precision, F1 float64 }

// RougeTokens lower-cases text, splits it at anything not a letter or digit
// and Snowball-stems the words, as ROUGE-1.5.5 does with -m.
func RougeTokens(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		env := snowballstem.NewEnv(w)
		english.Stem(env)
		if s := env.Current(); s != "" {
			w = s
		}
		out = append(out, w)
	}
	return out
}

// RougeN is ROUGE-N of a candidate against one reference, both tokenised
// by RougeTokens; n-grams are clipped to their count in the reference.
func RougeN(cand, ref []string, n int) ROUGE {
	grams := func(ts []string) (map[string]int, int) {
		m := map[string]int{}
		total := 0
		for i := 0; i+n <= len(ts); i++ {
			m[strings.Join(ts[i:i+n], " ")]++
			total++
		}
		return m, total
	}
	c, ct := grams(cand)
	r, rt := grams(ref)
	overlap := 0
	for g, k := range r {
		overlap += min(k, c[g])
	}
	return prf(overlap, rt, ct)
}

// RougeL is ROUGE-L: the longest common subsequence of the two token
// sequences taken whole (not ROUGE-1.5.5's summary-level union LCS over
// sentences), as recall, precision and F1.
func RougeL(cand, ref []string) ROUGE {
	if len(cand) == 0 || len(ref) == 0 {
		return ROUGE{}
	}
	prev, cur := make([]int, len(ref)+1), make([]int, len(ref)+1)
	for _, c := range cand {
		for j, r := range ref {
			if c == r {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prf(prev[len(ref)], len(ref), len(cand))
}

func prf(overlap, refTotal, candTotal int) ROUGE {
	if overlap == 0 || refTotal == 0 || candTotal == 0 {
		return ROUGE{}
	}
	r, p := float64(overlap)/float64(refTotal), float64(overlap)/float64(candTotal)
	return ROUGE{Recall: r, Precision: p, F1: 2 * r * p / (r + p)}
}
