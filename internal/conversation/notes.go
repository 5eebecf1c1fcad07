package conversation

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// GenerateNotes writes resolution notes from the messages alone: what the
// user reported first, and the last thing the assistant did or proposed,
// which is what a resolved conversation most often ended on.
func GenerateNotes(msgs []fathom.Message) string {
	var issue, last string
	for _, m := range msgs {
		if m.Role == fathom.RoleUser && issue == "" {
			issue = m.Content
		}
		if m.Role == fathom.RoleAssistant {
			last = m.Content
		}
	}
	var b strings.Builder
	if issue != "" {
		fmt.Fprintf(&b, "Issue: %s", sentence(issue))
	}
	if last != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "Resolved after: %s", sentence(last))
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	fmt.Fprintf(&b, "(%d messages.)", len(msgs))
	return b.String()
}

// sentence trims text to one line of at most 200 characters ending in a
// full stop.
func sentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	if utf8.RuneCountInString(s) > 200 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:197])) + "..."
	}
	return s
}
