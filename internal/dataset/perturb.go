package dataset

import (
	"math/rand/v2"
	"strings"
)

// fillers are words a customer might add without changing the intent.
var fillers = []string{"please", "hi", "hello", "thanks", "urgent", "today", "again", "help", "asap", "now"}

// Perturb returns a variant of text for its copy-th replica (copy 0 is text
// itself): one or two words dropped, doubled, misspelt by a transposition,
// or joined by a filler, from a PRNG seeded by seed. Benchmarks use it to
// grow a real corpus to 100k documents without exact duplicates, which
// would make retrieval unrealistically easy and slow at once.
func Perturb(text string, copy int, seed uint64) string {
	if copy == 0 {
		return text
	}
	r := rand.New(rand.NewPCG(seed, uint64(copy)))
	w := strings.Fields(text)
	for range 1 + r.IntN(2) {
		if len(w) == 0 {
			break
		}
		i := r.IntN(len(w))
		switch r.IntN(4) {
		case 0:
			if len(w) > 2 {
				w = append(w[:i], w[i+1:]...)
			}
		case 1:
			w = append(w[:i+1], w[i:]...)
		case 2:
			if b := []byte(w[i]); len(b) > 3 {
				j := 1 + r.IntN(len(b)-2)
				b[j-1], b[j] = b[j], b[j-1]
				w[i] = string(b)
			}
		default:
			f := fillers[r.IntN(len(fillers))]
			w = append(w[:i], append([]string{f}, w[i:]...)...)
		}
	}
	return strings.Join(w, " ")
}
