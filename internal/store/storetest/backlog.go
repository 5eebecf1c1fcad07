package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// testConversationBacklog checks the analysis backlog across tenants: the
// waiting conversations, their unseen messages and the oldest last change.
func testConversationBacklog(t *testing.T, st store.Store) {
	ctx := context.Background()
	if b := must(st.ConversationBacklog(ctx)); b.Conversations != 0 || b.Messages != 0 || !b.OldestChange.IsZero() {
		t.Fatalf("empty store's backlog = %+v, want zero", b)
	}
	a, _ := seedTenant(t, st, "backlog-a")
	b, _ := seedTenant(t, st, "backlog-b")
	// conv sets a conversation's message count and last change; analysed
	// marks it analysed up to its current count.
	conv := func(tenantID int64, id string, messages int, changed time.Time, analysed bool) *fathom.Conversation {
		var c *fathom.Conversation
		write(t, st, func(tx store.Tx) (err error) {
			if c, err = tx.ConversationGetByExternalID(ctx, tenantID, id); err != nil {
				if c, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tenantID, ExternalID: id, CreatedAt: now}); err != nil {
					return err
				}
			}
			c.MessageCount, c.UpdatedAt = messages, changed
			if err := tx.ConversationUpdate(ctx, c); err != nil {
				return err
			}
			if !analysed {
				return nil
			}
			ok, err := tx.ConversationMarkAnalyzed(ctx, c.ID, c.Version, messages)
			if err == nil && !ok {
				err = fmt.Errorf("conversation %s not marked analysed", id)
			}
			return err
		})
		return c
	}
	conv(a.ID, "waits", 3, now.Add(time.Minute), false)  // 3 unseen
	conv(b.ID, "grew", 2, now.Add(-time.Hour), true)     // seen up to 2...
	conv(b.ID, "grew", 5, now.Add(2*time.Minute), false) // ...3 unseen since
	conv(b.ID, "done", 4, now.Add(-2*time.Hour), true)   // analysed: not waiting
	got := must(st.ConversationBacklog(ctx))
	if got.Conversations != 2 || got.Messages != 6 || !got.OldestChange.Equal(now.Add(time.Minute)) {
		t.Fatalf("backlog = %+v, want 2 conversations, 6 messages, oldest change %v", got, now.Add(time.Minute))
	}
	if got.OldestChange.Location() != time.UTC {
		t.Fatalf("OldestChange read back in %v, want UTC", got.OldestChange.Location())
	}
}
