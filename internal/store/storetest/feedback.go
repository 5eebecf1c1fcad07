package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func testFeedback(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "fb")
	other, _ := seedTenant(t, st, "fb2")
	var c1, c2, foreign *fathom.Conversation
	write(t, st, func(tx store.Tx) (err error) {
		if c1, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: "fb-1", CreatedAt: now}); err != nil {
			return err
		}
		if c2, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: "fb-2", CreatedAt: now}); err != nil {
			return err
		}
		foreign, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: other.ID, ExternalID: "fb-1", CreatedAt: now})
		return err
	})
	upsert := func(p store.FeedbackUpsertParams) bool {
		t.Helper()
		var changed bool
		write(t, st, func(tx store.Tx) (err error) { changed, err = tx.FeedbackUpsert(ctx, &p); return err })
		return changed
	}
	list := func(tenantID int64, ids ...int64) []*fathom.Feedback {
		t.Helper()
		return must(st.FeedbackList(ctx, &store.FeedbackListParams{TenantID: tenantID, ConversationIDs: ids}))
	}
	later := now.Add(time.Minute)

	steps := []struct {
		name    string
		p       store.FeedbackUpsertParams
		changed bool
	}{
		{"first word", store.FeedbackUpsertParams{TenantID: tn.ID, ConversationID: c1.ID, Action: "reset_password", Outcome: fathom.OutcomeSuccess, Note: "worked", At: now}, true},
		{"same again", store.FeedbackUpsertParams{TenantID: tn.ID, ConversationID: c1.ID, Action: "reset_password", Outcome: fathom.OutcomeSuccess, Note: "worked", At: later}, false},
		{"same, other case", store.FeedbackUpsertParams{TenantID: tn.ID, ConversationID: c1.ID, Action: "Reset_Password", Outcome: fathom.OutcomeSuccess, Note: "worked", At: later}, false},
		{"another action", store.FeedbackUpsertParams{TenantID: tn.ID, ConversationID: c1.ID, Action: "contact the bank", Outcome: fathom.OutcomeFailure, At: now.Add(30 * time.Second)}, true},
		{"another conversation", store.FeedbackUpsertParams{TenantID: tn.ID, ConversationID: c2.ID, Action: "reset_password", Outcome: fathom.OutcomeFailure, At: now}, true},
		{"another tenant", store.FeedbackUpsertParams{TenantID: other.ID, ConversationID: foreign.ID, Action: "reset_password", Outcome: fathom.OutcomeFailure, At: now}, true},
	}
	for _, s := range steps {
		if got := upsert(s.p); got != s.changed {
			t.Fatalf("%s: changed = %v, want %v", s.name, got, s.changed)
		}
	}
	got := list(tn.ID, c1.ID, c2.ID, foreign.ID)
	if len(got) != 3 {
		t.Fatalf("FeedbackList = %d rows, want 3 (the other tenant's left out)", len(got))
	}
	first := got[0]
	if first.ConversationID != c1.ID || first.Action != "reset_password" || first.Outcome != fathom.OutcomeSuccess || first.Note != "worked" ||
		!first.CreatedAt.Equal(now) || !first.UpdatedAt.Equal(now) {
		t.Fatalf("first row = %+v: an unchanged word must not move UpdatedAt", first)
	}
	if got[1].Action != "contact the bank" || got[2].ConversationID != c2.ID {
		t.Fatalf("order = %+v, %+v: want by conversation, then oldest change", got[1], got[2])
	}

	// A later, different word on the same action replaces the earlier one
	// and becomes the latest.
	if !upsert(store.FeedbackUpsertParams{TenantID: tn.ID, ConversationID: c1.ID, Action: "RESET_PASSWORD", Outcome: fathom.OutcomeFailure, At: later}) {
		t.Fatal("a changed outcome reported no change")
	}
	got = list(tn.ID, c1.ID)
	if len(got) != 2 || got[1].Action != "RESET_PASSWORD" || got[1].Outcome != fathom.OutcomeFailure || got[1].Note != "" ||
		!got[1].CreatedAt.Equal(now) || !got[1].UpdatedAt.Equal(later) {
		t.Fatalf("after replacing: %+v", got)
	}
	if n := list(tn.ID); len(n) != 0 {
		t.Fatalf("FeedbackList of no conversations = %+v", n)
	}

	// Deleting the conversation deletes its feedback.
	write(t, st, func(tx store.Tx) error { return tx.ConversationDelete(ctx, c1.ID) })
	if got := list(tn.ID, c1.ID, c2.ID); len(got) != 1 || got[0].ConversationID != c2.ID {
		t.Fatalf("after deleting the conversation: %+v", got)
	}
}
