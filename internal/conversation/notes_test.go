package conversation

import (
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// conv builds a conversation from alternating turns, the user first.
func conv(turns ...string) []fathom.Message {
	msgs := make([]fathom.Message, len(turns))
	for i, t := range turns {
		role := fathom.RoleUser
		if i%2 == 1 {
			role = fathom.RoleAssistant
		}
		msgs[i] = fathom.Message{Seq: i, Role: role, Content: t}
	}
	return msgs
}

func TestGenerateNotes(t *testing.T) {
	cases := []struct {
		name string
		msgs []fathom.Message
		want []string // in this order; the fix is named by its solution key, whose exact words solution learning decides
	}{
		{"cause, a failure, then the fix", conv(
			"My card payment was declined at the supermarket.",
			"Sorry about that. Please contact your bank to check for a block.",
			"I called them, they say everything is fine. Still declined.",
			"I can see that your card had expired. Please update your card details in the app.",
			"That worked, thank you!"),
			[]string{"Card expired; updating ", " fixed it after contacting ", " did not."}},
		{"symptom and a fix", conv(
			"The password reset email never came.",
			"Please check your spam folder.",
			"Found it there, thanks!"),
			[]string{"Password reset email never came; checking ", " fixed it."}},
		{"the agent's own act, in the past", conv(
			"I forgot my password and cannot log in.",
			"I have sent you a password reset link.",
			"Got it, I'm in now."),
			[]string{"Forgot password; sending ", " fixed it."}},
		{"the agent's own act, regular past", conv(
			"I was charged twice for the same order.",
			"I have refunded the second charge.",
			"Great, I can see it, thanks."),
			[]string{"", "efunding ", " fixed it."}}, // "Refunding …": the verb in its base form, not "refundeding"
		{"a request put as a gerund", conv(
			"My card payment was declined at the supermarket.",
			"Would you mind updating your card details in the app?",
			"That worked, thank you!"),
			[]string{"", "updating ", " fixed it."}}, // not "updatinging"
		{"a result stated as a state", conv(
			"My card was damaged and does not work.",
			"A replacement card is on its way to you.",
			"Great, thank you, that sorts it."),
			[]string{"", "the replacement card on way fixed it."}},
		{"nothing recognised", conv("hello?", "Hi! How can I help?", "never mind"),
			[]string{"Reported: \"hello?\". No fix was recorded."}},
		{"no messages", nil, []string{"Resolved; the conversation holds no messages."}},
	}
	for _, tc := range cases {
		got := GenerateNotes(tc.msgs)
		rest, ok := strings.CutPrefix(got, tc.want[0])
		for _, w := range tc.want[1:] {
			var found bool
			if _, rest, found = strings.Cut(rest, w); !found {
				ok = false
			}
		}
		if !ok || len(tc.want) > 1 && !strings.HasSuffix(got, tc.want[len(tc.want)-1]) || len(tc.want) == 1 && got != tc.want[0] {
			t.Errorf("%s:\n got  %q\n want %q", tc.name, got, strings.Join(tc.want, "…"))
		}
	}
}

func TestList(t *testing.T) {
	for _, tc := range []struct {
		xs   []string
		want string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
		{[]string{"a", "b", "c", "d", "e"}, "a, b, c and 2 more"},
	} {
		if got := list(tc.xs); got != tc.want {
			t.Errorf("list(%q) = %q, want %q", tc.xs, got, tc.want)
		}
	}
}

// FuzzGenerateNotes checks that notes are one non-empty line ending in a
// full stop, whatever the turns say.
func FuzzGenerateNotes(f *testing.F) {
	f.Add("My card was declined|Please contact your bank.|still declined|Your card had expired, please update it|worked")
	f.Add("|||")
	f.Add("hello?")
	f.Fuzz(func(t *testing.T, s string) {
		got := GenerateNotes(conv(strings.Split(s, "|")...))
		if got == "" || strings.ContainsAny(got, "\n\r") || !strings.HasSuffix(got, ".") {
			t.Fatalf("notes %q from %q", got, s)
		}
	})
}
