package attempt

import (
	"reflect"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/outcome"
)

// FuzzExtract feeds arbitrary assistant and user text: whatever it is,
// attempts point at assistant turns in order, keys are snake_case, terms
// sorted and unique, outcomes valid with confidences in [0, 1],
// and the result deterministic.
func FuzzExtract(f *testing.F) {
	f.Add("Can you check if your card is expired?", "still declined", "I've ordered you a new card.", "that worked", true, "escalated")
	f.Add("Give your bank a call.", "no luck", "Your card has been frozen.", "thanks", false, "")
	f.Add("\xff: , . ; then then", "", "Give it a a a", "no no no", false, "")
	f.Add("I i i've have you tried", "?", "re-set re re", "not sure if", true, "could not fix")
	f.Fuzz(func(t *testing.T, a1, u1, a2, u2 string, resolved bool, notes string) {
		msgs := []fathom.Message{
			{Seq: 0, Role: fathom.RoleUser, Content: "help"},
			{Seq: 1, Role: fathom.RoleAssistant, Content: a1},
			{Seq: 2, Role: fathom.RoleUser, Content: u1},
			{Seq: 3, Role: fathom.RoleAssistant, Content: a2},
			{Seq: 4, Role: fathom.RoleUser, Content: u2},
		}
		as := Extract(msgs, resolved, notes)
		for i, a := range as {
			if a.Turn != 1 && a.Turn != 3 || i > 0 && a.Turn <= as[i-1].Turn {
				t.Fatalf("attempt %d at turn %d", i, a.Turn)
			}
			switch a.Outcome {
			case outcome.Success, outcome.Failure, outcome.Pending, outcome.Unknown:
			default:
				t.Fatalf("outcome %q", a.Outcome)
			}
			if !(a.Confidence >= 0 && a.Confidence <= 1) {
				t.Fatalf("confidence %v", a.Confidence)
			}
			for _, c := range a.Key {
				if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c > 127) {
					t.Fatalf("key %q", a.Key)
				}
			}
			if !slices.IsSorted(a.Terms) || len(slices.Compact(slices.Clone(a.Terms))) != len(a.Terms) {
				t.Fatalf("terms %q", a.Terms)
			}
		}
		if again := Extract(msgs, resolved, notes); !reflect.DeepEqual(as, again) {
			t.Fatalf("not deterministic")
		}
	})
}
