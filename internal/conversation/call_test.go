package conversation

import (
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// A call longer than the conversation caps keeps its first turns up to
// them, whichever cap is met first.
func TestCapCall(t *testing.T) {
	msg := func(n int) fathom.Message {
		return fathom.Message{Role: fathom.RoleUser, Content: strings.Repeat("x", n)}
	}
	calls := []fathom.Message{msg(10), msg(10), msg(10), msg(10)}
	cases := []struct {
		name     string
		maxMsgs  int
		maxBytes int64
		want     int
	}{
		{"within both", 10, 1000, 4},
		{"message cap", 3, 1000, 3},
		{"byte cap", 10, 25, 2},
		{"byte cap exactly", 10, 30, 3},
	}
	for _, c := range cases {
		s := NewService(Deps{}, Config{MaxConversationMessages: c.maxMsgs, MaxConversationBytes: c.maxBytes})
		if got := len(s.capCall(calls)); got != c.want {
			t.Errorf("%s: kept %d messages, want %d", c.name, got, c.want)
		}
	}
}
