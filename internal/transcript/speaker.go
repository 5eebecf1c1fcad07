package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// notSpeakers are labels that end in a colon in transcripts without being
// anyone's name.
var notSpeakers = map[string]bool{
	"action item": true, "action items": true, "note": true, "notes": true, "todo": true,
	"to do": true, "next steps": true, "next step": true, "decision": true, "agenda": true,
	"summary": true, "update": true, "reminder": true, "warning": true, "ps": true,
	"subject": true, "re": true, "fyi": true, "tldr": true, "edit": true, "http": true, "https": true,
}

// nameConnectors are lower-case words allowed inside a name.
var nameConnectors = map[string]bool{
	"de": true, "da": true, "di": true, "del": true, "van": true, "von": true, "der": true,
	"la": true, "le": true, "du": true, "bin": true, "al": true, "y": true, "and": true, "&": true,
}

// splitSpeaker splits "Alice: text" into its speaker and text. ok is false
// when s does not start with something that looks like a name and a colon.
func splitSpeaker(s string) (speaker, text string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 60 || (i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t') {
		return "", "", false
	}
	name := strings.TrimSpace(s[:i])
	if !looksLikeName(name) {
		return "", "", false
	}
	return name, strings.TrimSpace(s[i+1:]), true
}

// looksLikeName reports whether s can be a speaker's display name: one to
// five words, the first capitalised and the rest capitalised, numbers or
// name connectors ("Maria de la Cruz", "Speaker 1", "SPEAKER_00",
// "Adrian (Acme)"), with no sentence punctuation. It is deliberately strict:
// a continuation line such as "The plan is: ship Friday" must stay text.
func looksLikeName(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 60 || notSpeakers[strings.ToLower(s)] {
		return false
	}
	base := s
	if i := strings.IndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		base = strings.TrimSpace(s[:i]) // "(Company)" may hold anything
	}
	if strings.ContainsAny(base, "?!,;:\"()[]{}<>/\\=+*#@") {
		return false
	}
	words := strings.Fields(base)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
		case i > 0 && unicode.IsDigit(r):
		case i > 0 && nameConnectors[w]:
		default:
			return false
		}
	}
	return true
}

// stripCompany removes a trailing "(Company)" from a display name, as
// Fathom's text export writes "@0:07 - Speaker Name (Company)".
func stripCompany(s string) string {
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		return strings.TrimSpace(s[:i])
	}
	return s
}
