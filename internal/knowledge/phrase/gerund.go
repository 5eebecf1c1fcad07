package phrase

import "strings"

// stressedPrefixes are the unstressed prefixes after which a verb's last
// syllable carries the stress and doubles its consonant like a one-syllable
// verb: "reset" → "resetting", "submit" → "submitting", "transfer" →
// "transferring". English morphology, no vocabulary.
var stressedPrefixes = []string{"re", "sub", "com", "con", "per", "pre", "for", "be", "up", "un", "trans", "ad"}

// Gerund returns the -ing form of an English verb in its base form:
// "update" → "updating", "log" → "logging", "reset" → "resetting",
// "contact" → "contacting", "try" → "trying".
func Gerund(verb string) string {
	v := strings.ToLower(verb)
	switch {
	case v == "":
		return ""
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "ee") || strings.HasSuffix(v, "ye") || strings.HasSuffix(v, "oe"):
		return v + "ing"
	case strings.HasSuffix(v, "e") && len(v) > 2:
		return v[:len(v)-1] + "ing"
	case doublesFinal(v):
		return v + v[len(v)-1:] + "ing"
	}
	return v + "ing"
}

// doublesFinal reports whether v ends in one stressed consonant-vowel-
// consonant syllable: a one-syllable verb ("stop", "log") or one after an
// unstressed prefix ("reset", "submit").
func doublesFinal(v string) bool {
	if cvc(v) && syllables(v) == 1 {
		return true
	}
	for _, p := range stressedPrefixes {
		if rest, ok := strings.CutPrefix(v, p); ok && len(rest) >= 3 && doublesFinal(rest) {
			return true
		}
	}
	return false
}

// IsVowel reports whether b is one of a, e, i, o, u.
func IsVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// cvc reports whether v ends consonant, vowel, consonant (not w, x or y).
func cvc(v string) bool {
	n := len(v)
	if n < 3 {
		return false
	}
	c1, vw, c2 := v[n-3], v[n-2], v[n-1]
	return !IsVowel(c1) && IsVowel(vw) && !IsVowel(c2) && strings.IndexByte("wxy", c2) < 0 && c2 >= 'a' && c2 <= 'z'
}

// syllables counts vowel groups.
func syllables(v string) int {
	n, prev := 0, false
	for i := 0; i < len(v); i++ {
		cur := IsVowel(v[i]) || v[i] == 'y' && i > 0
		if cur && !prev {
			n++
		}
		prev = cur
	}
	return n
}

// Doing turns a verb–object phrase into what doing it is called, for
// sentences about what was tried: "contact bank" → "contacting the bank",
// "reset password" → "resetting the password", "restart" → "restarting".
func Doing(verbObject string) string {
	ws := strings.Fields(verbObject)
	if len(ws) == 0 {
		return ""
	}
	out := Gerund(ws[0])
	if len(ws) > 1 {
		if determiners[ws[1]] || classify(ws[1]).cls != content {
			out += " " + strings.Join(ws[1:], " ")
		} else {
			out += " the " + strings.Join(ws[1:], " ")
		}
	}
	return out
}
