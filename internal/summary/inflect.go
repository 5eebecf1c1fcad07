package summary

import "strings"

// Verbs said in the -ing or -s form ("would you mind updating the list",
// "Raj will be sending it", "next step: Raj updates the list") are put
// back in the base form for an imperative description. English spelling
// rules, not a lexicon: a doubled final consonant was added ("running"),
// a silent e was dropped ("updating", "making", "handling"). The rules
// guess; a wrong guess leaves a word a letter off ("visite" is avoided,
// "monitore" too, but "creat" would be wrong, so "-ate" takes its e).

const vowels = "aeiou"

func isVowel(b byte) bool { return strings.IndexByte(vowels, b) >= 0 }

// baseOfGerund is the base form of an -ing word ("updating" → "update",
// "running" → "run", "sending" → "send"), or the word when it is not one.
func baseOfGerund(w string) string {
	if !gerund(w) {
		return w
	}
	b := strings.TrimSuffix(w, "ing")
	n := len(b)
	if n < 2 {
		return w
	}
	last, prev := b[n-1], b[n-2]
	// A doubled consonant was added: "running", "planning", "submitting";
	// not in "calling", "passing", "adding".
	if last == prev && strings.IndexByte("bdgmnprt", last) >= 0 && !(n == 3 && isVowel(b[0])) {
		return b[:n-1]
	}
	if isVowel(last) || last == 'w' || last == 'x' || last == 'y' {
		return b // "seeing", "reviewing", "fixing", "paying"
	}
	if n == 2 {
		return b + "e" // "using"
	}
	// Endings that always had an e: "-ate", "-ute", "-ure", "-ize", "-ise",
	// "-ide", "-ude", "-ive", "-ove", "-ce", "-ge", "-dge" and a consonant
	// before l ("handle", "schedule" is "-ul").
	switch {
	case last == 'v', last == 'z', last == 'c':
		return b + "e"
	case strings.HasSuffix(b, "at"), strings.HasSuffix(b, "ut"), strings.HasSuffix(b, "ur"), strings.HasSuffix(b, "ar"),
		strings.HasSuffix(b, "is"), strings.HasSuffix(b, "ys"), strings.HasSuffix(b, "id"), strings.HasSuffix(b, "ud"),
		strings.HasSuffix(b, "ul"), strings.HasSuffix(b, "dg"), strings.HasSuffix(b, "rs"), strings.HasSuffix(b, "ns"),
		strings.HasSuffix(b, "ps"), strings.HasSuffix(b, "ls"):
		return b + "e"
	case last == 'l' && !isVowel(prev) && prev != 'l':
		return b + "e" // "handle", "settle"
	case last == 'g' && isVowel(prev) && n >= 5:
		return b + "e" // "manage", "engage", "change" (not "bring": ng)
	case last == 'g' && prev == 'n' && n >= 5 && (b[n-3] == 'a' || b[n-3] == 'e'):
		return b + "e" // "change", "arrange", "challenge"
	}
	// One vowel before one final consonant: a one-syllable word kept its
	// e ("make", "write", "share"; the doubled ones were caught above);
	// a longer one did not ("visit", "open", "deliver", "monitor").
	if !isVowel(last) && isVowel(prev) && !isVowel(b[n-3]) && syllables(b) == 1 {
		return b + "e"
	}
	return b
}

// syllables counts a word's vowel groups.
func syllables(w string) int {
	n, in := 0, false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i])
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

// baseOfThird is the base form of a third-person -s verb ("updates" →
// "update", "fixes" → "fix", "copies" → "copy"), or the word.
func baseOfThird(w string) string {
	switch {
	case len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us"):
		return w
	case strings.HasSuffix(w, "ies"):
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "oes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "xes"),
		strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "zes") && !strings.HasSuffix(w, "izes"):
		return strings.TrimSuffix(w, "es")
	}
	return strings.TrimSuffix(w, "s")
}

// withBase is words with the word at i in its base form by base, its
// capitalisation and punctuation kept.
func withBase(words []string, i int, base func(string) string) []string {
	out := append([]string(nil), words...)
	w := out[i]
	core := strings.TrimRight(w, ",.?!;:")
	b := base(strings.ToLower(core))
	if b == strings.ToLower(core) {
		return out
	}
	if core != "" && core[0] >= 'A' && core[0] <= 'Z' {
		b = strings.ToUpper(b[:1]) + b[1:]
	}
	out[i] = b + w[len(core):]
	return out
}
