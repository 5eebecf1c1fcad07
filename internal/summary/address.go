package summary

// Who a sentence speaks to and where its clause starts: vocatives after an
// acknowledgement or a due phrase, tag questions, short openers.

import (
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// shortOpener reports whether a clause of "I" or "we" can start after
// the words before it with no comma: a phrase of at most three function
// words, perhaps ending in a noun after a determiner, that is not a
// subordinate clause ("for this I will …", "in that case we'll …" but not
// "when I'll …", "because we'll …").
func shortOpener(words []string, next string) bool {
	before := words
	// "Tomorrow morning I'll …", "Raj, by Thursday please …": after a
	// due phrase that opens the sentence or follows a name.
	for j := max(0, len(words)-6); j < len(words); j++ { // a due phrase is short
		if (j == 0 || strings.HasSuffix(words[j-1], ",")) && duePhraseOnly(bareAll(words[j:])) {
			return true
		}
	}
	if len(before) == 0 || len(before) > 3 || (next != "i" && next != "i'll" && next != "we" && next != "we'll") {
		return false
	}
	before = bareAll(before)
	n := len(before)
	// The last may be a noun after a determiner: "in that case".
	withNoun := n > 1 && (objectOpeners[before[n-2]] || before[n-2] == "that") && contentWord(before[n-1])
	for i, w := range before {
		if withNoun && i >= n-2 {
			break
		}
		if !textproc.IsStopword(w) || cutWords[w] || subordinators[w] || objectPronouns[w] || notVerbs[w] && !objectOpeners[w] {
			return false
		}
	}
	return true
}

// subordinators open a clause that is not a main one.
var subordinators = set("when whenever until till before after while once as what how where why who that than whether unless if because since though although")

// duePhraseOnly reports whether words are a due phrase and nothing else,
// openers aside: "by Friday," before "Raj, can you …".
func duePhraseOnly(lower []string) bool {
	for len(lower) > 0 && openerMarkers[lower[0]] {
		lower = lower[1:]
	}
	d, ok := findDue(lower, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	return ok && d.start == 0 && d.end == len(lower)
}

// acknowledgement reports whether the words before a name are a short
// acknowledgement it follows as a vocative ("thanks Dana,", "no problem
// Dana,", "good point Dana,"): at most two words, none a function word but
// "no" and the openers, so that "with Dana," or "to Dana," is not one.
func acknowledgement(lower []string) bool {
	if len(lower) == 0 || len(lower) > 2 {
		return false
	}
	for _, w := range lower {
		if textproc.IsStopword(w) && w != "no" && !openerMarkers[w] || notVerbs[w] || objectPronouns[w] {
			return false
		}
	}
	return true
}

// tagAux open a tag question: auxiliaries and modals, with and without
// their negation ("…, isn't it?", "…, won't you?", "…, does that work?").
var tagAux = set("is isn't are aren't was wasn't does doesn't do don't did didn't will won't would wouldn't " +
	"can can't could couldn't shall should shouldn't has hasn't have haven't no")

// tagQuestion reports whether a sentence ending in "?" is a statement with
// a tag question after its last comma: a segment of at most five words
// opened by an auxiliary or an opener ("…, right?", "…, is that okay for
// you?", "…, yeah?"), not a question about its object ("…, the deck?").
func tagQuestion(words, lower []string, ppl *people) bool {
	// "…, right, Luis?": a name after the tag is a vocative, peeled off.
	for i := len(words) - 2; i > 0 && i >= len(words)-4; i-- {
		if strings.HasSuffix(words[i], ",") {
			if _, n := ppl.match(lower[i+1:]); n == len(lower)-i-1 {
				return tagQuestion(words[:i+1], lower[:i+1], ppl)
			}
			break
		}
	}
	for i := len(words) - 2; i >= 0 && i >= len(words)-6; i-- {
		if !strings.HasSuffix(words[i], ",") {
			continue
		}
		if i == 0 {
			return false
		}
		tag := lower[i+1:]
		switch first := tag[0]; {
		case tagAux[first]:
			// "…, isn't it?", "…, won't you?", "…, does that work for you?",
			// not "…, can you help?": after the auxiliary either "that",
			// "this" or "it" (a question of the statement itself), or a
			// pronoun and function words only.
			if len(tag) > 1 && (tag[1] == "that" || tag[1] == "this" || tag[1] == "it") {
				return true
			}
			for _, w := range tag[1:] {
				if !textproc.IsStopword(w) && !openerMarkers[w] && !tagAux[w] {
					return false
				}
			}
			return true
		case len(tag) == 1 && !accepts[first] && !openerMarkers[first]:
			// "…, correct?", "…, agreed?", "…, deal?": one word that is
			// neither a due word, a function word nor a name asks for
			// assent ("…, the deck?" asks about the object).
			_, named := ppl.match(tag)
			return named == 0 && !textproc.IsStopword(first) && !dueAhead(tag) && !notVerbs[first]
		default:
			return openerMarkers[first] || accepts[first] && first != "i" && first != "i'll"
		}
	}
	return false
}
