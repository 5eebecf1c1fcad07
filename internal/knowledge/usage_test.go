package knowledge

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

// TestOneActionOneSolution: the engine feeds the solutions' use into the
// learner, so two phrasings of one action with different verbs, never
// tried together, end as one solution, and the conversations' attempts
// count under it; the other actions tried with them stay apart.
func TestOneActionOneSolution(t *testing.T) {
	e := New(issuetype.Config{})
	now := time.Now()
	ids := map[string]int64{} // what the store does: one id per key
	var drafts []*Draft
	for i := range 120 {
		first := "I have ordered a replacement card for you."
		if i%2 == 1 {
			first = "I've requested a new card for you."
		}
		c := &fathom.Conversation{ID: int64(i + 1), TenantID: 1, Status: fathom.StatusOpen}
		msgs := []fathom.Message{
			{Role: fathom.RoleUser, Content: "I lost my card yesterday and need a new one"},
			{Seq: 1, Role: fathom.RoleAssistant, Content: first},
			{Seq: 2, Role: fathom.RoleUser, Content: "It still hasn't arrived, no luck."},
			{Seq: 3, Role: fathom.RoleAssistant, Content: "Please freeze your card in the app."},
			{Seq: 4, Role: fathom.RoleUser, Content: "Done, but that didn't help."},
			{Seq: 5, Role: fathom.RoleAssistant, Content: "Please check the expiry date of your old card."},
			{Seq: 6, Role: fathom.RoleUser, Content: "That worked, thank you!"},
		}
		for j := range msgs {
			msgs[j].CreatedAt = now
		}
		d := e.Analyze(c, msgs, now)
		for j, tpl := range d.templates {
			if ids[tpl.Key] == 0 {
				ids[tpl.Key] = int64(len(ids) + 1)
			}
			s := *tpl
			s.ID = ids[tpl.Key]
			d.templates[j], d.Analysis.Attempts[j].SolutionID = &s, s.ID
		}
		if drafts = append(drafts, d); len(drafts) == 20 {
			e.Apply(1, drafts)
			drafts = nil
		}
	}
	e.Apply(1, drafts)
	e.Settle(1)

	keyOf := func(conversationID int64, turn int) string {
		_, attempts := e.Conversation(1, conversationID)
		for _, a := range attempts {
			if a.Turn == turn {
				return a.Solution.Key
			}
		}
		t.Fatalf("conversation %d: no attempt on turn %d", conversationID, turn)
		return ""
	}
	order, request := keyOf(1, 1), keyOf(2, 1)
	if order != request {
		t.Errorf("ordered and requested a card: %q and %q, want one solution", order, request)
	}
	freeze, check := keyOf(1, 3), keyOf(2, 5)
	if freeze == order || check == order || freeze == check {
		t.Errorf("actions tried together merged: card %q, freeze %q, check %q", order, freeze, check)
	}
}
