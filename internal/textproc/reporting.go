package textproc

import (
	"unicode"
	"unicode/utf8"
)

// Support conversations are often written by an agent about a customer:
// "Customer says their payment is not going through", "the user reports
// that the app crashes", "the client is asking whether …". The reporting
// phrase says who spoke, not what the issue is, yet its words are content
// words to an index ("says", "customer"), so two unrelated conversations
// that share it look alike. StripReporting removes it.
//
// The construction is closed-class: a speaker (a third-person pronoun, or
// one of the few generic roles of a support conversation, with an optional
// determiner), optional auxiliaries or adverbs ("is", "has", "just"), a
// reporting verb from a closed set (or "want to know", "would like to
// know"), an optional object pronoun ("told me") and an optional
// complementiser ("that", "whether", "if", "about"). The role nouns are the
// only nouns here, and the list stays that small on purpose: they name who
// is speaking in any support domain, not what anyone speaks about.

// reportingClass is the part a word can play in a reporting phrase.
type reportingClass uint8

const (
	rcNone    reportingClass = iota
	rcPronoun                // a speaker: "they"
	rcRole                   // a speaker that may take a determiner: "customer"
	rcDet                    // "the customer"
	rcAux                    // between speaker and verb: "is", "has", "just"
	rcVerb                   // "says", "reported", "asking"
	rcKnow                   // "know", reporting only in "want to know"
	rcWant                   // "want(s)", "wanted", "like" before "to know"
	rcTo                     // "to", in "want to know" and "told to me"
	rcObject                 // "told me", "asked them"
	rcComp                   // "that", "whether", "if", "about"
	rcWould                  // "would like to know"
)

// reportingWords holds every word a reporting phrase is made of.
var reportingWords = func() map[string]reportingClass {
	m := map[string]reportingClass{}
	add := func(c reportingClass, words ...string) {
		for _, w := range words {
			m[w] = c
		}
	}
	// Third persons only: "I asked for $100" and "how do I report my card
	// stolen" are a user's own request, not someone else's words relayed.
	add(rcPronoun, "he", "she", "they")
	add(rcRole, "customer", "customers", "user", "users", "client", "clients", "caller", "callers", "member", "members")
	add(rcDet, "the", "a", "an", "my", "our", "your", "this", "that")
	add(rcAux, "is", "are", "was", "were", "am", "has", "have", "had", "keeps", "kept", "just", "also", "now",
		"again", "still", "already", "then", "did", "does", "do")
	add(rcVerb,
		"say", "says", "said", "saying",
		"tell", "tells", "told", "telling",
		"report", "reports", "reported", "reporting",
		"mention", "mentions", "mentioned", "mentioning",
		"ask", "asks", "asked", "asking",
		"explain", "explains", "explained", "explaining",
		"complain", "complains", "complained", "complaining",
		"claim", "claims", "claimed", "claiming",
		"state", "states", "stated", "stating",
		"inform", "informs", "informed", "informing",
		"wonder", "wonders", "wondered", "wondering")
	add(rcKnow, "know")
	add(rcWant, "want", "wants", "wanted", "like")
	add(rcWould, "would")
	add(rcTo, "to")
	add(rcObject, "me", "us", "him", "her", "them", "you")
	add(rcComp, "whether", "if", "about")
	// "that" is both a determiner ("that customer") and the commonest
	// complementiser; the matcher asks for either reading where it fits.
	return m
}()

// span is one word of the text being stripped.
type span struct {
	start, end int
	class      reportingClass
	that       bool // the word is "that"
}

// StripReporting returns text without its reporting phrases ("customer
// says", "the user reports that", "they said that"), so that what was
// reported is analysed rather than who reported it. Text is returned
// unchanged when it has no such phrase, or when removing them would leave
// no content word (a message that is only "the customer called").
func StripReporting(text string) string {
	if !mayReport(text) {
		return text
	}
	var arr [48]span
	words := reportingSpans(text, arr[:0])
	var cuts [][2]int
	for v := range words {
		if c := words[v].class; c != rcVerb && c != rcKnow {
			continue
		}
		if start, end, ok := reportingPhrase(words, v); ok {
			if n := len(cuts); n > 0 && words[start].start < cuts[n-1][1] {
				continue // overlaps the previous phrase
			}
			cuts = append(cuts, [2]int{words[start].start, words[end].end})
		}
	}
	if len(cuts) == 0 {
		return text
	}
	buf := make([]byte, 0, len(text))
	at := 0
	for _, c := range cuts {
		buf = append(buf, text[at:c[0]]...)
		at = c[1]
		if c[0] == 0 || text[c[0]-1] == ' ' {
			// Drop what separated the phrase from what follows (", ", ": "),
			// so the rest reads as it would have without it.
			for at < len(text) && (text[at] == ' ' || text[at] == ',' || text[at] == ':') {
				at++
			}
		}
	}
	out := string(append(buf, text[at:]...))
	if !hasContentWord(out) {
		return text
	}
	return out
}

// reportingPhrase matches a reporting phrase around the verb words[v] and
// returns the indexes of its first and last words.
func reportingPhrase(words []span, v int) (first, last int, ok bool) {
	i := v - 1
	if words[v].class == rcKnow {
		// "want to know", "wants to know", "would like to know".
		if i < 1 || words[i].class != rcTo || words[i-1].class != rcWant {
			return 0, 0, false
		}
		i -= 2
		if i >= 0 && words[i].class == rcWould {
			i--
		}
	}
	for n := 0; n < 3 && i >= 0 && words[i].class == rcAux; n++ {
		i--
	}
	if i < 0 {
		return 0, 0, false
	}
	switch words[i].class {
	case rcPronoun:
		first = i
	case rcRole:
		first = i
		if i > 0 && (words[i-1].class == rcDet || words[i-1].that) {
			first = i - 1
		}
	default:
		return 0, 0, false
	}
	last = v
	j := v + 1
	if j+1 < len(words) && words[j].class == rcTo && words[j+1].class == rcObject {
		j++ // "mentioned to me"
	}
	if j < len(words) && words[j].class == rcObject {
		last, j = j, j+1
	}
	if j < len(words) && (words[j].class == rcComp || words[j].that) {
		last = j
	}
	return first, last, true
}

// reportingSpans appends the words of text to dst with their classes.
func reportingSpans(text string, dst []span) []span {
	var buf [16]byte
	for i := 0; ; {
		start, end, w, ok := nextWord(text, i, &buf)
		if !ok {
			return dst
		}
		i = end
		s := span{start: start, end: end}
		if w != nil {
			s.class = reportingWords[string(w)]
			s.that = string(w) == "that"
		}
		dst = append(dst, s)
	}
}

// mayReport reports whether text has a word that can head a reporting
// phrase. It is the only pass most texts take, so it avoids the map: a
// word is looked up only when its hash hits verbFilter, a one-hash Bloom
// filter of the verbs.
func mayReport(text string) bool {
	var buf [16]byte
	for i := 0; ; {
		_, end, w, ok := nextWord(text, i, &buf)
		if !ok {
			return false
		}
		i = end
		if len(w) >= 3 {
			h := wordHash(w)
			if verbFilter[h>>6%uint32(len(verbFilter))]&(1<<(h&63)) != 0 {
				if c := reportingWords[string(w)]; c == rcVerb || c == rcKnow {
					return true
				}
			}
		}
	}
}

// verbFilter has the bit of wordHash set for every reporting verb.
var verbFilter = func() (f [32]uint64) {
	for w, c := range reportingWords {
		if c == rcVerb || c == rcKnow {
			h := wordHash([]byte(w))
			f[h>>6%uint32(len(f))] |= 1 << (h & 63)
		}
	}
	return f
}()

// wordHash is FNV-1a.
func wordHash(w []byte) uint32 {
	h := uint32(2166136261)
	for _, b := range w {
		h = (h ^ uint32(b)) * 16777619
	}
	return h
}

// wordByte marks the ASCII bytes that belong to a word (see isWordRune).
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for b := range t {
		t[b] = isWordRune(rune(b))
	}
	return t
}()

// nextWord finds the first word of text at or after i, and returns its
// bounds and, when it is ASCII and short enough to be one of
// reportingWords, its lower-case form in buf (nil otherwise).
func nextWord(text string, i int, buf *[16]byte) (start, end int, lower []byte, ok bool) {
	for i < len(text) {
		if b := text[i]; b < utf8.RuneSelf {
			if wordByte[b] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	if i >= len(text) {
		return 0, 0, nil, false
	}
	start = i
	n, short := 0, true
	for i < len(text) {
		if b := text[i]; b < utf8.RuneSelf {
			if !wordByte[b] {
				break
			}
			if n < len(buf) {
				if 'A' <= b && b <= 'Z' {
					b += 'a' - 'A'
				}
				buf[n] = b
			}
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		short = false // no reporting word has a non-ASCII letter
		i += size
	}
	if short && n <= len(buf) {
		lower = buf[:n]
	}
	return start, i, lower, true
}

// isWordRune reports whether r belongs to a word for StripReporting: a
// letter, a digit or an apostrophe ("customer's" is not "customer").
func isWordRune(r rune) bool {
	return r == '\'' || r == '’' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// hasContentWord reports whether text has a content term (see Terms).
func hasContentWord(text string) bool {
	var buf [8]string
	return len(AppendTerms(buf[:0], text)) > 0
}
