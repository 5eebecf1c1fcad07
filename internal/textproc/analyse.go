package textproc

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// analysis is what one word contributes to Terms: up to two terms, the
// stemmed base word and "not" for a negative contraction, and, for a
// stopword, its function-word term for AppendIndexTerms. Empty means none.
type analysis struct {
	term, negation, function string
}

// analyse computes a word's terms. It is pure and relatively slow (the
// stemmer allocates), which is why lookup memoises it.
func analyse(w string) analysis {
	base, negated := splitContraction(w)
	var a analysis
	switch {
	case base == "":
	case IsStopword(base):
		a.function = FunctionMark + base
	default:
		a.term = stem(base)
	}
	if negated {
		a.negation = "not"
	}
	return a
}

// stem returns the Snowball English stem of w. Words containing digits are
// left alone: "2nd", "1990s" and account numbers are identifiers, and
// stemming them only causes false matches.
func stem(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= '0' && c <= '9' {
			return w
		}
	}
	env := snowballstem.NewEnv(w)
	english.Stem(env)
	if s := env.Current(); s != "" {
		return s
	}
	return w
}
