package conversation

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

// committedQueue counts the analysis jobs enqueued by committed writes: a
// write's function may run again after a conflict, and only the committed
// run's job exists.
type committedQueue struct{ n atomic.Int32 }

func (q *committedQueue) EnqueueAnalysisTx(_ context.Context, tx store.Tx, _ int64) error {
	tx.AfterCommit(func() { q.n.Add(1) })
	return nil
}

// TestTrackConcurrently: tracks of one new conversation sent at once (as
// by several servers behind a load balancer) all succeed on one
// conversation, lose no message, and enqueue one analysis; requests with
// one Idempotency-Key at once append once and replay the rest.
func TestTrackConcurrently(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, db store.Store) {
		ctx := context.Background()
		tn := newTenant(t, db)
		q := &committedQueue{}
		s := NewService(Deps{Store: db, Queue: q, Index: search.NewCatalog()}, Config{})
		const n = 8
		results := make([]*TrackResult, n)
		all := func(p func(i int) TrackParams) {
			t.Helper()
			var wg sync.WaitGroup
			errs := make([]error, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results[i], errs[i] = s.Track(ctx, tn, p(i))
				}()
			}
			wg.Wait()
			if err := errors.Join(errs...); err != nil {
				t.Fatal(err)
			}
		}

		all(func(i int) TrackParams {
			return TrackParams{ConversationID: "shared", Messages: []MessageInput{{Role: fathom.RoleUser, Content: fmt.Sprint("message ", i)}}}
		})
		c, err := db.ConversationGetByExternalID(ctx, tn, "shared")
		if err != nil {
			t.Fatal(err)
		}
		if msgs, _ := db.MessageList(ctx, c.ID, 0, 0); c.MessageCount != n || len(msgs) != n {
			t.Fatalf("message count %d, %d messages stored; want %d", c.MessageCount, len(msgs), n)
		}
		if got := q.n.Load(); got != 1 {
			t.Fatalf("%d analysis jobs enqueued, want 1", got)
		}

		all(func(int) TrackParams {
			return TrackParams{ConversationID: "keyed", IdempotencyKey: "k1",
				Messages: []MessageInput{{Role: fathom.RoleUser, Content: "my card was declined"}}}
		})
		fresh := 0
		for _, r := range results {
			if !r.Replayed {
				fresh++
			}
			if r.MessagesAppended != 1 {
				t.Fatalf("result %+v: every answer must be the first one's", r)
			}
		}
		c, err = db.ConversationGetByExternalID(ctx, tn, "keyed")
		if err != nil || fresh != 1 || c.MessageCount != 1 {
			t.Fatalf("%d requests ran afresh, conversation %+v (%v); want 1 and 1 message", fresh, c, err)
		}
	})
}
