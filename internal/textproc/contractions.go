package textproc

import "strings"

// negations maps negative contractions whose base is not simply the word
// minus "n't" to that base. The apostrophe-less spellings are here because
// chat users type "dont" and "cant" far more often than they mean the rare
// nouns "cant" and "wont"; treating them as negations keeps "not" searchable.
var negations = map[string]string{
	"can't": "can", "won't": "will", "shan't": "shall", "ain't": "", "cannot": "can",
	"dont": "do", "doesnt": "does", "didnt": "did", "isnt": "is",
	"arent": "are", "wasnt": "was", "werent": "were", "havent": "have",
	"hasnt": "has", "hadnt": "had", "wouldnt": "would", "shouldnt": "should",
	"couldnt": "could", "mustnt": "must", "neednt": "need", "mightnt": "might",
	"cant": "can", "wont": "will", "aint": "",
}

// clitics are the non-negative contraction endings. Each stands for a
// stopword (is/has, are, have, will, would/had, am) or a possessive, so it
// is dropped and only the base word is analysed.
var clitics = [...]string{"'s", "'re", "'ve", "'ll", "'d", "'m"}

// splitContraction returns the word a contraction is built on and whether it
// negates it: "don't" → ("do", true), "john's" → ("john", false). Other
// apostrophes are removed ("o'brien" → "obrien") because people type names
// both ways and both should find each other.
func splitContraction(w string) (base string, negated bool) {
	if b, ok := negations[w]; ok {
		return b, true
	}
	if strings.HasSuffix(w, "n't") {
		w, negated = w[:len(w)-3], true
	} else {
		for _, c := range clitics {
			if strings.HasSuffix(w, c) {
				w = w[:len(w)-len(c)]
				break
			}
		}
	}
	if strings.IndexByte(w, '\'') >= 0 {
		w = strings.ReplaceAll(w, "'", "")
	}
	return w, negated
}
