package phrase

import (
	"strings"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// The tables below hold closed-class English only: auxiliaries, modals,
// determiners, negations, particles, light verbs, reporting and wish verbs,
// discourse markers. Every content word is recognised by being none of
// these, so no vocabulary of any domain is listed.

// class is what a word does in a phrase.
type class uint8

const (
	content  class = iota // a word that can carry a symptom or a cause
	breaker               // ends a phrase: pronouns, prepositions, conjunctions, fillers, modals, numbers
	aux                   // joins the content around it and is dropped: "payment was declined"
	det                   // joins the content around it and is dropped: "reset my password"
	negation              // kept inside a phrase as "not" or "cannot": "card has not arrived"
	particle              // ends a phrasal verb: "log in", "top up"
	light                 // a light verb: content inside a phrase, never at its ends
)

// auxiliaries are the forms of be, have and do.
var auxiliaries = set("am is are was were be been being has have had having do does did doing")

// determiners include the possessives and quantifiers, so "reset my
// password" gives "reset password". "that" is left out: it more often opens
// a clause.
var determiners = set("a an the my your our their his her its this these those some any every each " +
	"another either neither much many several enough less least whole last next")

// negations besides the n't contractions. Negated modals and "unable"
// become "cannot".
var negations = set("not no never")

// particles end phrasal verbs ("log in", "sign up", "top up"). Those in
// adverbs are particles even before an object ("top up my card"); the
// others are prepositions there ("charged on my card").
var particles = set("in up out on off down back over through")

var adverbParticles = set("up out off down back")

// lightVerbs carry little meaning of their own ("get a refund", "take
// long"); a phrase neither starts nor ends with one.
var lightVerbs = set("get gets got getting gotten go goes went going gone make makes made making take takes took taking taken give gives gave giving given")

// reportingVerbs say who spoke, asked or wanted, never what the problem
// is: "customer says", "user wants to know". With the wish and attempt
// verbs of a request ("I need", "I tried", "please help").
var reportingVerbs = set("say says said saying tell tells told telling report reports reported reporting " +
	"ask asks asked asking mention mentions mentioned mentioning claim claims claimed explain explains explained " +
	"complain complains complained complaining wonder wonders wondered wondering write writes wrote " +
	"want wants wanted wanting need needs needed wish wishes hope hopes think thinks thought know knows knew " +
	"try tries tried trying help helps like")

// discourse holds greetings, thanks, fillers, degree and time adverbs,
// modals, the indefinite pronouns, numerals, the prepositions and conjunctions the
// stop word list lacks, and the generic roles of a support conversation
// (customer, user, client, caller, member), which say who, never what.
var discourse = set("hi hello hey dear thanks thank thx please pls ok okay yes yeah yep sure well oh um uh " +
	"also just really actually basically still already yet even ever again anyway ago today yesterday tomorrow " +
	"tonight now recently earlier later soon sometimes always often twice maybe perhaps probably somehow " +
	"kindly hopefully unfortunately apparently currently anymore lot lots bit " +
	"can could will would shall should may might must ought " +
	"something anything nothing everything someone anyone somebody anybody everyone everybody else one ones " +
	"two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand " +
	"first second third half couple dozen " +
	"since though although unless whether however via per without within upon across despite toward towards onto " +
	"customer user client caller member")

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// token is a word with its class; norm is what a phrase shows for it.
type token struct {
	norm string
	cls  class
	// beHave marks a form of be or have, negated or not ("isn't",
	// "has"): the verb after it is a participle or adjective, a state.
	beHave bool
}

// classify returns the class of a lower-cased word and its form in a
// phrase: negated contractions become "not", negated modals "cannot".
func classify(w string) token {
	switch {
	case w == "cannot" || w == "can't" || w == "cant" || w == "couldn't" || w == "couldnt" || w == "unable":
		return token{norm: "cannot", cls: negation}
	case strings.HasSuffix(w, "n't") || isNegatedContraction(w):
		base := strings.TrimSuffix(strings.TrimSuffix(w, "n't"), "nt")
		return token{norm: "not", cls: negation, beHave: auxiliaries[base] && !strings.HasPrefix(base, "d")}
	}
	if strings.IndexByte(w, '\'') >= 0 && !textproc.IsStopword(w) {
		w = strings.ReplaceAll(strings.TrimSuffix(w, "'s"), "'", "") // "card's" is "card"
	}
	switch {
	case negations[w]:
		return token{norm: w, cls: negation}
	case auxiliaries[w]:
		return token{norm: w, cls: aux, beHave: !strings.HasPrefix(w, "d")}
	case determiners[w]:
		return token{norm: w, cls: det}
	case particles[w]:
		return token{norm: w, cls: particle}
	case lightVerbs[w]:
		return token{norm: w, cls: light}
	case reportingVerbs[w] || discourse[w] || textproc.IsStopword(w) || !hasLetter(w):
		return token{norm: w, cls: breaker}
	}
	return token{norm: w, cls: content}
}

// isNegatedContraction recognises the apostrophe-less negations chat users
// type ("dont", "isnt").
func isNegatedContraction(w string) bool {
	switch w {
	case "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "havent", "hasnt", "hadnt",
		"wont", "wouldnt", "shouldnt", "aint":
		return true
	}
	return false
}

func hasLetter(w string) bool {
	for _, r := range w {
		if r >= 'a' && r <= 'z' || r > 127 {
			return true
		}
	}
	return false
}

// tokens classifies the words of one sentence.
func tokens(sentence string) []token {
	ws := textproc.Words(sentence)
	out := make([]token, len(ws))
	for i, w := range ws {
		out[i] = classify(w)
	}
	return out
}

// sentences splits text at sentence and clause punctuation.
func sentences(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' || r == ',' || r == ':'
	})
}
