package knowledge

import (
	"fmt"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/assoc"
	"github.com/fathom-oss/fathom/internal/knowledge/assoc/assoctest"
	"github.com/fathom-oss/fathom/internal/knowledge/retrieval"
)

// associationOpenings are a tenant's conversations (enough for the engine
// to consolidate its issue types) where "drops" and "disconnecting" never
// meet in one conversation, but describe the same issue: the same devices,
// the same times, the same fix tried.
func associationOpenings() []string {
	out := assoctest.Wordings()
	for _, what := range []string{"invoice", "subscription", "monthly bill", "annual plan", "credit card statement", "renewal", "family plan", "upgrade", "add-on"} {
		for _, how := range []string{"I was charged twice for my %s", "please refund the double charge on my %s", "why is my %s billed two times", "the %s payment was taken twice this month", "duplicate charge on the %s, I want my money back", "my bank shows two payments for the %s"} {
			out = append(out, fmt.Sprintf(how, what))
		}
	}
	for _, what := range []string{"email", "phone app", "website", "desktop client", "tablet", "admin console", "smart tv", "router settings page", "billing portal"} {
		for _, how := range []string{"I forgot my password for the %s", "the password reset link for the %s expired", "cannot log in to the %s, password rejected", "locked out of the %s after a wrong password", "how do I change my password on the %s", "the %s says my password is incorrect"} {
			out = append(out, fmt.Sprintf(how, what))
		}
	}
	return out
}

// TestLearnedAssociationsFindParaphrase: a message that shares no content
// word with a past conversation finds it once the tenant's conversations
// link their words, and only then.
func TestLearnedAssociationsFindParaphrase(t *testing.T) {
	openings := append(associationOpenings(), "my laptop keeps disconnecting from the router constantly")
	target := int64(len(openings))
	e, ix := similarTenant(t, openings...)
	const query = "signal drops all the time" // no word of the target's
	found := func() bool {
		got := e.Similar(1, SimilarParams{Index: ix, Message: query, Limit: len(openings), MinSimilarity: 0.1})
		return slices.ContainsFunc(got.Matches, func(h retrieval.Hit) bool { return h.ID == target })
	}
	if found() {
		t.Fatalf("%q found conversation %d before any association was learned", query, target)
	}
	if !e.LearnAssociations(1, ix) {
		t.Fatal("associations not learned")
	}
	if e.LearnAssociations(1, ix) {
		t.Error("associations learned again although the types did not change")
	}
	if nb := e.Associations(1).Neighbours("drop"); !slices.ContainsFunc(nb, func(n assoc.Neighbour) bool { return n.Term == "disconnect" }) {
		t.Errorf("drop's neighbours %v lack disconnect", nb)
	}
	if !found() {
		t.Errorf("%q did not find conversation %d with the learned associations", query, target)
	}
}
