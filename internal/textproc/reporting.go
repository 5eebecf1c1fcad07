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
	var arr [48]span
	words, verbs := reportingSpans(text, arr[:0])
	if verbs == 0 {
		return text
	}
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
	out := make([]byte, 0, len(text))
	at := 0
	for _, c := range cuts {
		out = append(out, text[at:c[0]]...)
		at = c[1]
		if c[0] == 0 || text[c[0]-1] == ' ' {
			// Drop what separated the phrase from what follows (", ", ": "),
			// so the rest reads as it would have without it.
			for at < len(text) && (text[at] == ' ' || text[at] == ',' || text[at] == ':') {
				at++
			}
		}
	}
	out = append(out, text[at:]...)
	if !hasContentWord(string(out)) {
		return text
	}
	return string(out)
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

// reportingSpans appends the words of text to dst with their classes, and
// counts the words that can head a reporting phrase.
func reportingSpans(text string, dst []span) (words []span, verbs int) {
	var buf [16]byte
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		n, ascii := 0, true
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			if r >= utf8.RuneSelf {
				ascii = false
			} else if n < len(buf) {
				buf[n] = byte(unicode.ToLower(r))
			}
			n++
			i += size
		}
		s := span{start: start, end: i}
		if ascii && n <= len(buf) {
			w := buf[:n]
			s.class = reportingWords[string(w)]
			s.that = string(w) == "that"
		}
		if s.class == rcVerb || s.class == rcKnow {
			verbs++
		}
		dst = append(dst, s)
	}
	return dst, verbs
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
