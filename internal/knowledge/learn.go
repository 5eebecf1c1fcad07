package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
)

// describe writes a solution's description from its first action phrase.
func describe(key, action string) string {
	s := strings.TrimSpace(action)
	if s == "" {
		s = strings.ReplaceAll(key, "_", " ")
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// prerequisites are what the assistant asked for just before an attempt:
// the information the fix needed ("card number", "transaction date").
func prerequisites(msgs []fathom.Message, turn int) []string {
	var asks []string
	for i := turn - 1; i >= 0 && i >= turn-3; i-- {
		m := msgs[i]
		if m.Role == fathom.RoleAssistant && strings.Contains(m.Content, "?") {
			asks = append(asks, m.Content)
		}
	}
	return phrase.Symptoms(asks, 2)
}

// confirmations are how the user said an attempt worked, kept short: they
// become the solution's success indicators.
func confirmations(msgs []fathom.Message, turn int) []string {
	for i := turn + 1; i < len(msgs); i++ {
		if msgs[i].Role != fathom.RoleUser {
			continue
		}
		s := strings.ToLower(strings.TrimSpace(msgs[i].Content))
		s = strings.TrimRight(s, ".!?")
		if s == "" || utf8.RuneCountInString(s) > 60 {
			return nil
		}
		return []string{s}
	}
	return nil
}
