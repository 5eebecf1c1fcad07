package knowledge

import (
	"math/rand/v2"
	"os"
	"strings"
	"unicode"

	"github.com/fathom-oss/fathom/internal/eval"
)

// perturbed is set by PERTURB=1: every simulated turn after the opening is
// rewritten mechanically (see perturb), so the develop pool's wording
// reaches the engine as people type it. It measures robustness to typing,
// not to new phrasings; no word of any pool is chosen by it.
var perturbed = os.Getenv("PERTURB") != ""

// perturb rewrites the turns of s after the user's opening, with r: half
// of them lower-cased, half without their final punctuation, a third
// without apostrophes ("didnt"), and one word in eight of five letters or
// more with two inner letters swapped ("recieve").
func perturb(s eval.Simulated, r *rand.Rand) eval.Simulated {
	turns := make([]eval.Turn, len(s.Turns))
	copy(turns, s.Turns)
	for j := 1; j < len(turns); j++ {
		turns[j].Content = perturbText(turns[j].Content, r)
	}
	s.Turns = turns
	return s
}

func perturbText(text string, r *rand.Rand) string {
	words := strings.Fields(text)
	for i, w := range words {
		rs := []rune(w)
		letters := 0
		for _, c := range rs {
			if unicode.IsLetter(c) {
				letters++
			}
		}
		if letters < 5 || letters != len(rs) || r.Float64() >= 0.125 {
			continue
		}
		k := 1 + r.IntN(len(rs)-3)
		rs[k], rs[k+1] = rs[k+1], rs[k]
		words[i] = string(rs)
	}
	text = strings.Join(words, " ")
	if r.Float64() < 0.5 {
		text = strings.ToLower(text)
	}
	if r.Float64() < 0.5 {
		text = strings.TrimRight(text, ".!?")
	}
	if r.Float64() < 1.0/3 {
		text = strings.NewReplacer("'", "", "’", "").Replace(text)
	}
	return text
}
