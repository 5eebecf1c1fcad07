package textproc

import "strings"

// Terms returns the index terms of text: its words (see Words) without
// English stopwords, with contractions expanded ("don't" → "not",
// "card's" → "card") and Snowball English stemmed ("declined" → "declin").
// Numbers are kept as terms, unstemmed. The result is nil if text has no
// terms. The strings are shared between calls and never alias text, so
// keeping them does not keep text alive.
func Terms(text string) []string {
	// A term per six bytes of text is a generous guess for English, so one
	// allocation usually suffices.
	ts := AppendTerms(make([]string, 0, len(text)/6+1), text)
	if len(ts) == 0 {
		return nil
	}
	return ts
}

// AppendTerms is Terms appending into dst, to let hot paths reuse buffers.
func AppendTerms(dst []string, text string) []string { return appendTerms(dst, text, false) }

// FunctionMark starts every function-word term of AppendIndexTerms. No
// word starts with it (UAX#29 always segments "~" on its own), so a
// function-word term never equals a content term.
const FunctionMark = "~"

// AppendIndexTerms is AppendTerms keeping stopwords too, as function-word
// terms: FunctionMark and the word, unstemmed ("~where", "~how"). In short
// questions they carry part of the intent ("where is my card" against "how
// long does a card take"), so a search index can weigh them, but they say
// nothing about the topic; IsFunctionTerm tells them apart.
func AppendIndexTerms(dst []string, text string) []string { return appendTerms(dst, text, true) }

// appendTerms appends the terms of text to dst, with the function-word
// terms if function is set.
func appendTerms(dst []string, text string, function bool) []string {
	s := newScanner(text)
	for w, ok := s.next(); ok; w, ok = s.next() {
		a := lookup(w)
		if a.term != "" {
			dst = append(dst, a.term)
		}
		if function && a.function != "" {
			dst = append(dst, a.function)
		}
		if a.negation != "" {
			dst = append(dst, a.negation)
		}
	}
	return dst
}

// IsFunctionTerm reports whether t is a function-word term of
// AppendIndexTerms.
func IsFunctionTerm(t string) bool { return strings.HasPrefix(t, FunctionMark) }

// Decides reports whether term t, of Terms or AppendIndexTerms, names what a
// text is about, so that sharing it can make two texts a match: a content
// term. Function words and negations do not: "my payment is not going
// through" and "I cannot log in" share "not", which says they are both
// problems, not that they are the same one. Negations stay terms (they
// order matches, and "card working" is not "card not working"), but they
// only weigh between texts that share a deciding term.
func Decides(t string) bool { return !IsFunctionTerm(t) && !negationTerms[t] }

// negationTerms are the negation terms Terms keeps ("can't" gives "not").
var negationTerms = map[string]bool{"not": true, "no": true, "never": true, "nor": true}

// Words returns the lower-cased words of text in order, without stopword
// removal or stemming, for phrase extraction. Contractions stay whole, with
// an ASCII apostrophe ("don't"). Each word is a fresh string.
func Words(text string) []string {
	var ws []string
	s := newScanner(text)
	for w, ok := s.next(); ok; w, ok = s.next() {
		ws = append(ws, string(w))
	}
	return ws
}
