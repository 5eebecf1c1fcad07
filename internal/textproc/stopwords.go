package textproc

// stopwordList is a standard English stopword list (NLTK's, trimmed), kept as
// code so it is versioned with the tokeniser that depends on it.
//
// Negations ("no", "not", "nor", "never", "cannot" and the n't forms) are
// deliberately absent: in support conversations "card not working" and
// "card working" mean opposite things. Contractions whose parts are all
// stopwords are listed so IsStopword agrees with what Terms drops; the
// apostrophe-less forms are listed because chat users type them that way.
var stopwordList = [...]string{
	"a", "about", "above", "after", "again", "against", "all", "am", "an",
	"and", "any", "are", "as", "at", "be", "because", "been", "before",
	"being", "below", "between", "both", "but", "by", "can", "could", "did",
	"do", "does", "doing", "down", "during", "each", "few", "for", "from",
	"further", "had", "has", "have", "having", "he", "her", "here", "hers",
	"herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
	"it", "its", "itself", "just", "me", "might", "more", "most", "must", "my",
	"myself", "now", "of", "off", "on", "once", "only", "or", "other", "ought",
	"our", "ours", "ourselves", "out", "over", "own", "same", "shall", "she",
	"should", "so", "some", "such", "than", "that", "the", "their", "theirs",
	"them", "themselves", "then", "there", "these", "they", "this", "those",
	"through", "to", "too", "under", "until", "up", "very", "was", "we",
	"were", "what", "when", "where", "which", "while", "who", "whom", "why",
	"will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
	// Fragments left when users type a space for the apostrophe ("i m", "it s").
	"d", "ll", "m", "re", "s", "t", "ve",
	// Contractions made only of stopwords.
	"i'm", "i've", "i'll", "i'd", "you're", "you've", "you'll", "you'd",
	"he's", "he'll", "he'd", "she's", "she'll", "she'd", "it's", "it'll",
	"it'd", "we're", "we've", "we'll", "we'd", "they're", "they've",
	"they'll", "they'd", "that's", "that'll", "there's", "here's", "what's",
	"who's", "where's", "when's", "why's", "how's",
	"im", "ive", "youre", "youve", "theyre", "theyve", "thats", "whats",
}

var stopwords = func() map[string]struct{} {
	m := make(map[string]struct{}, len(stopwordList))
	for _, w := range stopwordList {
		m[w] = struct{}{}
	}
	return m
}()

// IsStopword reports whether w, a lower-cased word as returned by Words, is
// an English stopword. Negations such as "not", "no", "never", "nor",
// "cannot" and "don't" are never stopwords.
func IsStopword(w string) bool {
	_, ok := stopwords[w]
	return ok
}
