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
		d := storedIDs(ids, e.Analyze(c, msgs, now))
		if drafts = append(drafts, d); len(drafts) == 20 {
			e.Apply(1, drafts)
			drafts = nil
		}
	}
	e.Apply(1, drafts)
	e.Settle(1)

	keyOf := func(conversationID int64, turn int) string { return attemptKey(t, e, conversationID, turn) }
	order, request := keyOf(1, 1), keyOf(2, 1)
	if order != request {
		t.Errorf("ordered and requested a card: %q and %q, want one solution", order, request)
	}
	freeze, check := keyOf(1, 3), keyOf(2, 5)
	if freeze == order || check == order || freeze == check {
		t.Errorf("actions tried together merged: card %q, freeze %q, check %q", order, freeze, check)
	}
}

// TestUsageGroupParts: a usage group is made afresh at each consolidation,
// so two phrasings grouped while never tried together part once the
// conversations try them one after the other, and the earlier
// conversations' attempts count under their own solutions again.
func TestUsageGroupParts(t *testing.T) {
	e := New(issuetype.Config{})
	now := time.Now()
	ids := map[string]int64{} // what the store does: one id per key
	order, request := "I have ordered a replacement card for you.", "I've requested a new card for you."
	track := func(from, n int, proposals func(i int) []string) {
		var drafts []*Draft
		for i := from; i < from+n; i++ {
			c := &fathom.Conversation{ID: int64(i + 1), TenantID: 1, Status: fathom.StatusOpen}
			msgs := []fathom.Message{{Role: fathom.RoleUser, Content: "I lost my card yesterday and need a new one", CreatedAt: now}}
			for _, p := range proposals(i) {
				msgs = append(msgs,
					fathom.Message{Seq: len(msgs), Role: fathom.RoleAssistant, Content: p, CreatedAt: now},
					fathom.Message{Seq: len(msgs) + 1, Role: fathom.RoleUser, Content: "Done, but that didn't help.", CreatedAt: now})
			}
			d := storedIDs(ids, e.Analyze(c, msgs, now))
			if drafts = append(drafts, d); len(drafts) == 20 {
				e.Apply(1, drafts)
				drafts = nil
			}
		}
		e.Apply(1, drafts)
		e.Settle(1)
	}
	keyOf := func(conversationID int64, turn int) string { return attemptKey(t, e, conversationID, turn) }
	track(0, 120, func(i int) []string {
		first := order
		if i%2 == 1 {
			first = request
		}
		return []string{first, "Please freeze your card in the app.", "Please check the expiry date of your old card."}
	})
	if a, b := keyOf(1, 1), keyOf(2, 1); a != b {
		t.Fatalf("never tried together: %q and %q, want one solution", a, b)
	}
	track(120, 240, func(int) []string {
		return []string{order, request, "Please freeze your card in the app."}
	})
	if a, b := keyOf(1, 1), keyOf(2, 1); a == b {
		t.Errorf("tried one after the other in 240 conversations: still one solution %q", a)
	}
	if a, b := keyOf(121, 1), keyOf(121, 3); a == b {
		t.Errorf("one conversation's two attempts: one solution %q", a)
	}
}

// storedIDs gives d's solutions and attempts the ids a store would: one
// per key, in ids.
func storedIDs(ids map[string]int64, d *Draft) *Draft {
	for j, tpl := range d.templates {
		if ids[tpl.Key] == 0 {
			ids[tpl.Key] = int64(len(ids) + 1)
		}
		s := *tpl
		s.ID = ids[tpl.Key]
		d.templates[j], d.Analysis.Attempts[j].SolutionID = &s, s.ID
	}
	return d
}

// attemptKey is the key of the solution of tenant 1's conversation's
// attempt on turn.
func attemptKey(t *testing.T, e *Engine, conversationID int64, turn int) string {
	t.Helper()
	_, attempts := e.Conversation(1, conversationID)
	for _, a := range attempts {
		if a.Turn == turn {
			return a.Solution.Key
		}
	}
	t.Fatalf("conversation %d: no attempt on turn %d", conversationID, turn)
	return ""
}
