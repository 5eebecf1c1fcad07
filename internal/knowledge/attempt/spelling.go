package attempt

import "strings"

// People type closed-class words loosely: "ive sent it", "plaese reset",
// "dont". The frames and closed classes are few and fixed, so a word that
// is one of them with its apostrophe dropped, or with two neighbouring
// letters swapped, is read as that word. Only closed-class words are
// restored, never a content word: what a typo does to a verb or an object
// is left to the grouping of solutions, which compares letters.

// unapostrophed maps a closed-class contraction written without its
// apostrophe to the contraction ("ive" → "i've", "dont" → "don't"). Only
// the endings 've, n't, 're and 'm are restored: without the apostrophe,
// 'll, 'd and 's make ordinary words ("ill", "id", "its", "well"), and so
// does "we're" ("were"), which the check against the closed classes keeps.
var unapostrophed = func() map[string]string {
	m := map[string]string{}
	add := func(w string) {
		if !strings.Contains(w, "'") {
			return
		}
		if !(strings.HasSuffix(w, "'ve") || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "'re") || strings.HasSuffix(w, "'m")) {
			return
		}
		bare := strings.ReplaceAll(w, "'", "")
		if closedClass(bare) || frameWords[bare] {
			return
		}
		m[bare] = w
	}
	for w := range frameWords {
		add(w)
	}
	for _, s := range []map[string]bool{auxiliaries, negations, pronouns, determiners, whWords} {
		for w := range s {
			add(w)
		}
	}
	return m
}()

// frameWords are the words of the request and performed frames.
var frameWords = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range append(append([]string{}, requestFrames...), performedFrames...) {
		for _, w := range strings.Fields(f) {
			m[w] = true
		}
	}
	return m
}()

// swapTargets are the frame words, fillers, interjections and the closed
// verb classes (communication, hand-over) long enough (five letters or
// more) that swapping two neighbouring letters rarely makes another word;
// shorter ones ("form" and "from") would.
var swapTargets = func() map[string]string {
	m := map[string]string{}
	add := func(w string) {
		if len(w) < 5 || strings.Contains(w, "'") {
			return
		}
		b := []byte(w)
		first := 1 // a short word's first letter is rarely the one mistyped
		if len(w) >= 6 {
			first = 0
		}
		for i := first; i+1 < len(b); i++ {
			b[i], b[i+1] = b[i+1], b[i]
			if s := string(b); s != w && !frameWords[s] && !closedClass(s) && !interjections[s] {
				m[s] = w
			}
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
	for w := range frameWords {
		add(w)
	}
	for w := range fillers {
		add(w)
	}
	for w := range interjections {
		add(w)
	}
	for w := range infoVerbs {
		add(w)
	}
	for _, w := range handOverForms {
		add(w)
	}
	return m
}()

// handOverForms are the verbs of hand-over with their inflections, as
// they are written ("passed", "escalating"), for swapTargets.
var handOverForms = func() []string {
	var out []string
	for _, w := range []string{"transfer", "escalate", "hand", "pass", "forward", "connect",
		"refer", "route", "redirect", "report"} {
		b := strings.TrimSuffix(w, "e")
		out = append(out, w, w+"s", b+"ed", b+"ing")
		if strings.HasSuffix(w, "er") { // "transferred", "referred"
			out = append(out, w+"red", w+"ring")
		}
	}
	return out
}()

// respell returns the closed-class word that a lower-cased word stands
// for, or the word itself.
func respell(w string) string {
	if c, ok := textSpeak[w]; ok {
		return c
	}
	if c, ok := unapostrophed[w]; ok {
		return c
	}
	if c, ok := swapTargets[w]; ok {
		return c
	}
	return w
}

// textSpeak are the closed-class words chat shortens to letters ("can u
// check ur settings", "booked w/ adviser"): pronouns, determiners,
// "please" and "with".
var textSpeak = map[string]string{"u": "you", "ur": "your", "pls": "please", "plz": "please", "w": "with"}
