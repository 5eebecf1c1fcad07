package knowledge

import (
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestSymptomsOfConversation(t *testing.T) {
	u := func(s string) fathom.Message { return fathom.Message{Role: fathom.RoleUser, Content: s} }
	a := func(s string) fathom.Message { return fathom.Message{Role: fathom.RoleAssistant, Content: s} }
	cases := []struct {
		name          string
		msgs          []fathom.Message
		firstProposal int
		want          string
	}{
		{"opening only", []fathom.Message{u("My card payment was declined."), a("Please contact your bank."), u("Still declined at the shop counter.")}, 1,
			"[card payment declined]"},
		{"details asked before the proposal", []fathom.Message{u("I need to return an item."), a("May I have your name?"), u("Crystal Minh"),
			a("Why are you returning it?"), u("I got the wrong size."), a("Let me send you a return label.")}, 5,
			"[return item wrong size]"},
		{"no proposal: every opening turn, reactions give nothing", []fathom.Message{u("The app keeps crashing on start."), a("Hmm."), u("still not working")}, 3,
			"[app keeps crashing]"},
	}
	for _, tc := range cases {
		if got := fmt.Sprint(Symptoms(tc.msgs, tc.firstProposal, 3)); got != tc.want {
			t.Errorf("%s: Symptoms = %s, want %s", tc.name, got, tc.want)
		}
	}
}
