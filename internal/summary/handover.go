package summary

// Work given or taken by the words before it: reported promises, the floor
// handed over, tasks put on someone before a colon, directive verbs, and
// the verb forms (-ing, will-future) these forms bring.

import (
	"strings"

	"github.com/fathom-oss/fathom/internal/textproc"
	"github.com/fathom-oss/fathom/internal/transcript"
)

// covered reports whether a pattern of n words or more opens lower.
func covered(lower []string, n int) bool {
	for _, p := range patterns {
		if len(p.words) >= n && hasPrefix(lower, p.words) {
			return true
		}
	}
	return false
}

// progressive takes "be" and an -ing verb at vp ("will be sending", "is
// responsible for updating") to the base form.
func progressive(words, lower []string, vp int) ([]string, []string, int) {
	if wordAt(lower, vp) == "be" && gerund(wordAt(lower, vp+1)) {
		vp++
	}
	if gerund(wordAt(lower, vp)) && wordAt(lower, vp) != "going" {
		words, lower = withBase(words, vp, baseOfGerund), withBase(lower, vp, baseOfGerund)
	}
	return words, lower, vp
}

// willFuture reports whether words open with the speaker's will-future:
// "I'll", "I will", "I'm going to", "I'm gonna".
func willFuture(lower []string) bool {
	for _, p := range [][]string{{"i'll"}, {"i", "will"}, {"i'm", "going", "to"}, {"i'm", "gonna"}, {"i", "am", "going", "to"}} {
		if hasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// directives hand a task to the person after them: "have Raj reset …",
// "ask/get/remind/tell Dana to …". Only "have" takes a bare verb.
var directives = set("have ask get remind tell")

// directive reads a directive verb at word at followed by a person of the
// meeting and "to" (or, after "have", a verb): the person and where the
// task's verb phrase starts, or 0.
func directive(lower []string, at int, ppl *people) (person, int) {
	if at >= len(lower) || !directives[lower[at]] {
		return person{}, 0
	}
	who, n := ppl.match(lower[at+1:])
	if n == 0 {
		return person{}, 0
	}
	vp := at + 1 + n
	if wordAt(lower, vp) == "to" {
		return who, vp + 1
	}
	if lower[at] == "have" && vp < len(lower) && !objectOpeners[lower[vp]] && !notVerbs[lower[vp]] {
		return who, vp
	}
	return person{}, 0
}

// promiseVerbs report a promise made to someone: "I promised Dana I'd …",
// "I told Raj that I would …", "I've assured them I'll …".
var promiseVerbs = set("promise promised told assured")

// handedOver reads work given or taken by a phrase before it: a promise
// reported to someone ("I promised Dana I'd …"), the floor given to
// someone ("over to you, Raj, to …", "over to Dana to …"), and a task put
// on someone before a colon ("that's on Raj: …", "this one's on me: …",
// "Priya: …").
func handedOver(words, lower []string, k int, speaker string, ppl *people, voc person) (found, bool) {
	speakerPerson := func() person {
		if speaker != "" && speaker != transcript.UnknownSpeaker {
			return ppl.named(speaker)
		}
		return person{}
	}
	// I (have) promised/told X (that) I'd/I will/to …
	if j := k; wordAt(lower, j) == "i" || wordAt(lower, j) == "i've" {
		j++
		if wordAt(lower, j) == "have" {
			j++
		}
		if promiseVerbs[wordAt(lower, j)] {
			j++
			to, n := ppl.match(lower[j:])
			if n == 0 && objectPronouns[wordAt(lower, j)] && wordAt(lower, j) != "me" {
				n = 1
			}
			if n > 0 {
				j += n
				if wordAt(lower, j) == "that" {
					j++
				}
				for _, p := range [][]string{{"i'd"}, {"i", "would"}, {"i'll"}, {"i", "will"}, {"to"}} {
					if hasPrefix(lower[j:], p) {
						f := found{kind: commitI, mine: true, assignee: speakerPerson(), addressed: to, score: 1.5, sure: true}
						return f.withVP(words, lower, j+len(p))
					}
				}
			}
		}
	}
	// (it's) over to you (X) to …, over to X to …
	if j := k; wordAt(lower, j) == "over" || (wordAt(lower, j) == "it's" && wordAt(lower, j+1) == "over") {
		if lower[j] == "it's" {
			j++
		}
		if wordAt(lower, j+1) == "to" {
			j += 2
			who := voc
			if wordAt(lower, j) == "you" {
				j++
			}
			if p, n := ppl.match(lower[j:]); n > 0 {
				who, j = p, j+n
			}
			if wordAt(lower, j) == "to" && (who.name != "" || dueAhead(lower[j:])) {
				f := found{kind: request, assignee: who, score: 2, sure: who.name != ""}
				return f.withVP(words, lower, j+1)
			}
		}
	}
	// … on X: task. The words before the person are function words only.
	for c := k; c < len(words) && c <= k+5; c++ {
		if !strings.HasSuffix(words[c], ":") {
			continue
		}
		closed := func(w string) bool {
			w = strings.TrimSuffix(w, "'s")
			return textproc.IsStopword(w) || openerMarkers[w] || objectOpeners[w] || explicitNouns[w]
		}
		for start := k; start <= c; start++ {
			if start > k && !closed(lower[start-1]) {
				break
			}
			if start < c-2 {
				continue
			}
			if lower[start] == "me" && start == c {
				f := found{kind: commitI, mine: true, assignee: speakerPerson(), score: 2, sure: true}
				return f.withVP(words, lower, c+1)
			}
			if who, n := ppl.match(lower[start : c+1]); n == c+1-start {
				// "Priya: can you …" is a request to her; "Priya: collect …" hers.
				if g, ok := matchAt(words, lower, c+1, speaker, ppl, who); ok && g.kind == request {
					if g.assignee.name == "" {
						g.assignee = who
					}
					return g, true
				}
				f := found{kind: named, assignee: who, score: 2, sure: true}
				return f.withVP(words, lower, c+1)
			}
		}
		return found{}, false
	}
	return found{}, false
}
