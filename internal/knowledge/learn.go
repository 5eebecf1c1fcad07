package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
)

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
