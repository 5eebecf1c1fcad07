// Package bench drives load against a running server through its public
// HTTP API and reports throughput and latency percentiles. It is what
// `fathom bench` runs; the figures in docs/benchmarks.md come from it.
package bench

import (
	"math/rand/v2"
	"path/filepath"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// Corpus is the text the load is made of: Texts open conversations and
// Queries are asked of similarity.
type Corpus struct {
	Source  string
	Texts   []string
	Queries []string
}

// Text returns the corpus text for position pos of the load. Consecutive
// positions walk Texts with a stride coprime to its length, so every
// distinct text is used once per len(Texts) positions (a stride sharing a
// factor with the length would cycle through a fraction of them) while
// neighbouring positions still land far apart, across intents.
func (c *Corpus) Text(pos int) string {
	n := len(c.Texts)
	return c.Texts[(pos%n)*coprimeStride(n)%n]
}

// coprimeStride is the first number from about n·0.618 up that shares no
// factor with n (1 for n ≤ 2).
func coprimeStride(n int) int {
	if n <= 2 {
		return 1
	}
	for s := n * 618 / 1000; ; s++ {
		if s > 1 && gcd(s, n) == 1 {
			return s
		}
	}
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// LoadCorpus reads BANKING77 from dir (train.csv for texts, test.csv for
// queries). When dir has no data it falls back to generated sentences and
// says so in Source, so that a benchmark still runs on any machine.
func LoadCorpus(dir string) *Corpus {
	train, err1 := readTexts(filepath.Join(dir, "train.csv"))
	test, err2 := readTexts(filepath.Join(dir, "test.csv"))
	if err1 == nil && err2 == nil && len(train) > 0 && len(test) > 0 {
		return &Corpus{Source: "banking77 (" + dir + ")", Texts: train, Queries: test}
	}
	return generated()
}

func readTexts(path string) ([]string, error) {
	texts, _, err := dataset.ReadBanking77(path)
	return texts, err
}

// generated makes support-like sentences from a small vocabulary with a
// fixed seed, so runs are repeatable.
func generated() *Corpus {
	subjects := []string{"card", "payment", "transfer", "account", "password", "refund", "order", "app", "pin", "balance", "fee", "exchange rate", "top up", "cash withdrawal", "statement"}
	problems := []string{"was declined", "is not working", "is pending", "failed", "is missing", "was charged twice", "is blocked", "did not arrive", "shows the wrong amount", "keeps crashing"}
	tails := []string{"", " since yesterday", " again", " at the shop", " abroad", " this morning", " for the third time", " and I need help"}
	r := rand.New(rand.NewPCG(7, 7))
	sentences := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "My " + subjects[r.IntN(len(subjects))] + " " + problems[r.IntN(len(problems))] + tails[r.IntN(len(tails))]
		}
		return out
	}
	return &Corpus{Source: "generated sentences (no banking77 data found)", Texts: sentences(10000), Queries: sentences(3000)}
}
