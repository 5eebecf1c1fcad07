package outcome

import (
	"strings"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// pattern is a cue phrase: a sequence of elements each matching a token's
// word or stem, where "~" matches zero or one token of any kind.
type pattern struct {
	elems   []string
	class   Outcome // "" marks a neutral phrase, matched only to be skipped
	tier    int
	neg     Outcome // class when in a negation's scope; "" if negation does not apply
	negOnly bool    // a cue only when negated ("can't log in"; "log in" alone says nothing)
	hedge   bool    // says the result is not known; later success cues in the clause are void
}

// patterns indexes the cue table by first element, longest phrase first so
// that "thanks anyway" wins over "thanks" and "no luck" over a bare "no".
var patterns = func() map[string][]pattern {
	m := map[string][]pattern{}
	add := func(class Outcome, tier int, neg Outcome, flags string, phrases ...string) {
		for _, ph := range phrases {
			p := pattern{elems: strings.Fields(ph), class: class, tier: tier, neg: neg,
				negOnly: strings.Contains(flags, "n"), hedge: strings.Contains(flags, "h")}
			m[p.elems[0]] = append(m[p.elems[0]], p)
		}
	}
	// Only the general language of reactions is listed here: closed-class
	// words (negation, modals, pronouns, discourse markers) and the small
	// set of evaluative words people use about any fix in any domain
	// (work, fix, help, same, still, luck, trick, problem). Nothing names
	// what was fixed: no product, payment or account words. Replies these
	// cues miss are left to weights learned from data (see Learn).
	//
	// Statements of success; negated they are failures ("didn't help").
	add(Success, 3, Failure, "", "work", "fix", "resolv", "solv", "sort", "go through",
		"goe through", "went through", "gone through", "success", "succeed", "trick",
		"all good", "all set", "all sort", "help", "fine now", "ok now", "okay now", "good now",
		"that did it", "this did it", "that was it", "that will do", "that'll do",
		"abl", "manag", "back to normal", "up and run")
	add(Success, 2, Failure, "", "complet", "fine", "perfect", "great", "awesom", "brilliant",
		"excel", "amaz", "fantast", "wonder", "nice", "cool", "hooray", "woohoo", "yay", "sweet",
		"good", "better", "can ~ now", "can ~ ~ now")
	// Politeness and assent usually close a conversation that went well.
	add(Success, 1, "", "", "thank", "thx", "ty", "cheer", "appreci", "yes", "yep", "yeah",
		"yup", "thank ~ ~ help", "appreci ~ ~ help")
	// Statements of failure; negated they are successes ("no errors").
	add(Failure, 3, Success, "", "fail", "unabl", "error", "broken", "broke", "stuck", "wrong",
		"persist", "happen again", "same")
	add(Failure, 3, "", "", "still", "give up", "no luck", "no joy", "worse", "no chang", "no differ",
		"noth chang", "noth happen", "already tri", "already done", "already did",
		"tri ~ already", "tri ~ ~ already", "done ~ already", "done ~ ~ already",
		"did ~ already", "did ~ ~ already")
	add(Failure, 2, Success, "", "problem", "issu", "troubl")
	// Confirmation; denied it is a failure ("that's not right").
	add(Success, 2, Failure, "", "correct", "exact")
	add(Failure, 2, "", "", "not right", "incorrect", "as before")
	add(Failure, 2, Success, "", "need ~ help")
	add(Failure, 2, "", "", "other idea", "anoth idea", "thank anyway", "no thank",
		"nope", "nah")
	add(Failure, 3, "", "", "did nothing", "does nothing", "do nothing", "not do anyth",
		"not ~ anyth", "made no differ", "make no differ")
	// "Again" after trouble is a failure ("it crashed again"); after a
	// success cue it is a recovery ("working again", see scanClause), and
	// trying again is neither.
	add(Failure, 2, "", "", "again")
	add("", 0, "", "", "tri again", "try again", "do it again", "once again")
	add(Failure, 1, "", "", "unfortun", "ugh")
	// A difference made is not a statement of success ("something
	// different" asks for another option), but none made is a failure.
	add(Failure, 2, Failure, "n", "differ")
	// Intentions: the result is still to come. A denied "let me" is a failure
	// ("it won't let me in").
	add(Pending, 2, Failure, "", "let me")
	// ... unless the thing tried is what lets the user ("it let me in").
	add(Success, 2, Failure, "", "it let me", "it lets me", "that let me", "this let me",
		"it let", "it lets")
	add(Pending, 2, "", "", "will tri", "will check", "will test", "will wait", "will do", "will give",
		"will see", "will let", "will report", "will get back", "get back", "report back",
		"let you know", "let u know", "trying", "go ~ tri", "gonna", "give ~ go",
		"give ~ tri", "give ~ shot", "give me ~ minut", "give me ~ sec", "give me ~ second",
		"give me ~ moment", "give me ~ ~ minut", "give me ~ min", "give me ~ ~ min",
		"one moment", "one sec", "one second", "one minut", "one min", "a sec",
		"a moment", "a minut", "a min", "hold on", "hang on", "doing ~ now", "not yet", "brb")
	// Hedges: the user does not know yet.
	add(Unknown, 2, Unknown, "nh", "sure", "know", "certain", "tell")
	add(Unknown, 2, "", "h", "no idea", "unsur", "hard ~ say", "hard ~ tell", "too earli",
		"too soon")
	// Neutral phrases that contain a cue word but are not cues.
	add("", 0, "", "", "got it", "work on", "work from", "fine print", "let me know",
		"let us know")
	for _, ps := range m {
		// Longest first; ties keep table order (sort.SliceStable would do,
		// but the lists are tiny and insertion sort keeps this dependency-free).
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].elems) > len(ps[j-1].elems); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	return m
}()

// emoji are the reaction symbols people send alone or after a word: a
// closed set, read from the raw text since words drop them.
var emoji = map[rune]cue{
	'👍': {class: Success, tier: 2}, '👌': {class: Success, tier: 2}, '🙌': {class: Success, tier: 2},
	'🎉': {class: Success, tier: 2}, '✅': {class: Success, tier: 2}, '🥳': {class: Success, tier: 2},
	'🙂': {class: Success, tier: 1}, '😊': {class: Success, tier: 1}, '😀': {class: Success, tier: 1},
	'😄': {class: Success, tier: 1}, '😃': {class: Success, tier: 1}, '🙏': {class: Success, tier: 1},
	'👎': {class: Failure, tier: 2}, '❌': {class: Failure, tier: 2},
	'😞': {class: Failure, tier: 1}, '😕': {class: Failure, tier: 1}, '😤': {class: Failure, tier: 1},
	'😠': {class: Failure, tier: 1}, '😡': {class: Failure, tier: 1}, '😩': {class: Failure, tier: 1},
	'😫': {class: Failure, tier: 1}, '🙁': {class: Failure, tier: 1}, '☹': {class: Failure, tier: 1},
}

// typos maps the one-word cues of four letters or more, with two
// neighbouring letters swapped ("thnak", "wroks"), to the cue: the typo
// people make most when typing fast, and one no English word shares here.
var typos = func() map[string]string {
	m := map[string]string{}
	for key, ps := range patterns {
		if len(key) < 4 || !utf8.ValidString(key) {
			continue
		}
		for _, p := range ps {
			if len(p.elems) != 1 || p.class == "" {
				continue
			}
			b := []byte(key)
			for j := 0; j+1 < len(b); j++ {
				if b[j] == b[j+1] {
					continue
				}
				b[j], b[j+1] = b[j+1], b[j]
				if _, real := patterns[string(b)]; !real {
					m[string(b)] = key
				}
				b[j], b[j+1] = b[j+1], b[j]
			}
			// The inflected forms typed with a swap ("wroking",
			// "fiexd") stem to something else again: map those stems
			// too, never over a real cue.
			for _, form := range inflections(key) {
				f := []byte(form)
				for j := 0; j+1 < len(f); j++ {
					if f[j] == f[j+1] {
						continue
					}
					f[j], f[j+1] = f[j+1], f[j]
					if ts := textproc.Terms(string(f)); len(ts) == 1 && ts[0] != key {
						if _, real := patterns[ts[0]]; !real {
							if _, taken := m[ts[0]]; !taken {
								m[ts[0]] = key
							}
						}
					}
					f[j], f[j+1] = f[j+1], f[j]
				}
			}
		}
	}
	return m
}()

// inflections are the regular English forms of a stem as people type
// them: "work" gives "works", "worked", "working".
func inflections(stem string) []string {
	base := strings.TrimSuffix(stem, "e")
	return []string{stem + "s", base + "ed", base + "ing", stem + "es"}
}

// match returns the longest pattern matching toks at i and how many tokens
// it covers.
func match(toks []token, i int) (*pattern, int) {
	t := toks[i]
	if patterns[t.w] == nil && patterns[t.s] == nil {
		if key, ok := typos[t.s]; ok {
			t = token{key, key}
		}
	}
	for _, key := range [2]string{t.w, t.s} {
		ps := patterns[key]
		for k := range ps {
			if n := matchFrom(ps[k].elems[1:], toks, i+1); n >= 0 {
				return &ps[k], n + 1
			}
		}
		if t.w == t.s {
			break
		}
	}
	return nil, 0
}

// matchFrom matches elems against toks from i and returns the number of
// tokens used, or -1.
func matchFrom(elems []string, toks []token, i int) int {
	if len(elems) == 0 {
		return 0
	}
	if elems[0] == "~" {
		if n := matchFrom(elems[1:], toks, i); n >= 0 {
			return n
		}
		if i < len(toks) {
			if n := matchFrom(elems[1:], toks, i+1); n >= 0 {
				return n + 1
			}
		}
		return -1
	}
	if i < len(toks) && (toks[i].w == elems[0] || toks[i].s == elems[0]) {
		if n := matchFrom(elems[1:], toks, i+1); n >= 0 {
			return n + 1
		}
	}
	return -1
}
