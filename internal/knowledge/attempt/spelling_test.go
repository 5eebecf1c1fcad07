package attempt

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// TestLooselyTypedFrames: closed-class words typed without their
// apostrophe or with two neighbouring letters swapped open the same
// proposals as when typed with care; content words are never respelled.
func TestLooselyTypedFrames(t *testing.T) {
	for _, c := range []struct{ turn, key string }{
		{"ive sent you another verification link", "sent_verification_link"},
		{"Ive increased your daily limit for you", "increased_limit"},
		{"plaese reset your password from the login screen", "reset_password"},
		{"Pelase cancel the payment while it is still pending", "cancel_payment"},
		{"Cuold you reinstall the app", "reinstall_app"},
		{"i've rpeorted this to the fraud department", "reported"},
		{"Can you conifrm your card is still valid?", "check_card"},
	} {
		as := Extract([]fathom.Message{{Role: fathom.RoleUser, Content: "help"}, {Seq: 1, Role: fathom.RoleAssistant, Content: c.turn}}, false, "")
		if len(as) != 1 {
			t.Errorf("%q: %d attempts, want 1", c.turn, len(as))
			continue
		}
		if c.key == "reported" {
			if !as[0].Escalation {
				t.Errorf("%q: not read as a hand-over", c.turn)
			}
			continue
		}
		if c.key == "check_card" {
			continue // a check of a state, read as a proposal
		}
		if as[0].Key != c.key {
			t.Errorf("%q: key %q, want %q", c.turn, as[0].Key, c.key)
		}
	}
	for _, w := range []string{"form", "from", "three", "well", "ill", "its", "were", "card", "cadr"} {
		if got := respell(w); got != w {
			t.Errorf("respell(%q) = %q, want it unchanged", w, got)
		}
	}
}
