package solution

import (
	"strings"

	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
)

// learnForms counts the written forms of a phrase's words by stem: a
// verb's words where it stood in base form ("order", not "ordered"), so
// a key names the verb as agents write it; an object's words as written,
// apart from the verbs', so that a rare spelling can be told a typo of a
// frequent one (see respell).
func (m *Model) learnForms(p attempt.Phrase) {
	if p.Base {
		for _, w := range strings.Fields(p.Verb) {
			countForm(m.verbForms, w)
		}
	}
	for _, w := range p.Object {
		countForm(m.forms, w)
	}
}

func countForm(forms map[string]map[string]int, w string) {
	st := attempt.Stem(w)
	f := forms[st]
	if f == nil {
		if len(forms) >= maxForms {
			return
		}
		f = map[string]int{}
		forms[st] = f
	}
	if len(f) < 8 || f[w] > 0 {
		f[w]++
	}
}

// maxForms bounds the stems whose forms are kept, of verbs and of
// objects each.
const maxForms = 1 << 16

// baseForm is a phrase as a key names it: its verb and particle in the
// form the tenant writes them as a verb in base form ("store" for "I've
// stored" and "try storing", where agents wrote "store it"), the verb
// failing that losing its inflection by English spelling rules; its
// object as written. Not the object's words in the form written most
// often with their stem: a stem joins words of different meanings
// ("settings" and "set", "sort code" and "sorted", "email" and
// "emailed"), and named so "go into your phone's Settings" became
// go_phone_set.
func (m *Model) baseForm(p attempt.Phrase) attempt.Phrase {
	vs := strings.Fields(p.Verb)
	for i, w := range vs {
		if f := mostWritten(m.verbForms, w); f != "" {
			vs[i] = f
		} else if i == 0 {
			vs[i] = Uninflect(w)
		}
	}
	return attempt.Phrase{Verb: strings.Join(vs, " "), Object: p.Object, Base: true, State: p.State}
}

// mostWritten is the form of w's stem written most often in forms (the
// first in order among equals), or "".
func mostWritten(forms map[string]map[string]int, w string) string {
	best, n := "", 0
	for f, c := range forms[attempt.Stem(w)] {
		if c > n || c == n && f < best {
			best, n = f, c
		}
	}
	return best
}

// Uninflect returns the base form of a verb written in the past or
// progressive: "ordered" → "order", "stopped" → "stop", "updating" →
// "update", "tried" → "try", and the irregular "sent" → "send".
func Uninflect(w string) string {
	if b, ok := attempt.IrregularBase(w); ok {
		return b
	}
	b := uninflected(w)
	if attempt.Stem(b) == attempt.Stem(w) {
		return b
	}
	if n := len(b); n >= 2 && b[n-1] == b[n-2] && attempt.Stem(b[:n-1]) == attempt.Stem(w) {
		return b // "added": the stemmer drops the "d" of "add" in "added" only
	}
	return w // "proceed" is no past tense
}

// twoVowels are the endings after which a second vowel means no
// silent "e" ("clear", "pour", "greet", "look", "fail"; but "declare",
// "secure", "delete", "invoke", "file").
var twoVowels = map[string]bool{"et": true, "ut": true, "ar": true, "ur": true, "ul": true, "ak": true, "ik": true, "ok": true, "ip": true, "yp": true, "il": true, "ir": true}

func uninflected(w string) string {
	var stem string
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		stem = w[:len(w)-2]
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		stem = w[:len(w)-3]
	default:
		return w
	}
	n := len(stem)
	if n >= 4 && stem[n-1] == stem[n-2] && !strings.ContainsRune("lsz", rune(stem[n-1])) {
		return stem[:n-1] // "stopped", "logged"; "installed" keeps its "ll", "added" its "dd"
	}
	if k := n - 4; k >= 0 && strings.HasSuffix(stem, "or") && !phrase.IsVowel(stem[k]) && !phrase.IsVowel(stem[k+1]) && attempt.Stem(stem+"e") == attempt.Stem(w) {
		return stem + "e" // "storing", "ignored", "restoring"; not "monitoring"
	}
	for _, end := range []string{"at", "iz", "bl", "pl", "dl", "tl", "c", "g", "v", "z", "u", "ul", "ur", "as", "is", "os", "us", "ov", "et", "ar", "ut", "ak", "ik", "ok", "ip", "yp", "il", "ir", "rs", "ns"} {
		if !strings.HasSuffix(stem, end) || attempt.Stem(stem+"e") != attempt.Stem(w) {
			continue
		}
		if k := len(stem) - len(end) - 1; k >= 0 && twoVowels[end] && phrase.IsVowel(stem[k]) {
			return stem // two vowels: "clearing", "pouring", "greeting" take no "e"
		}
		return stem + "e" // "updated", "enabling", "replaced", "changing"
	}
	return stem
}
