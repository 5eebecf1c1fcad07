package conversation

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// TestAnalysisOrderIgnoresWriteOrder: two tenants get the same
// conversations, created in the same order, but the rest of each
// conversation and its resolve arrive in opposite orders before the
// analysis runs. Analysis reads the waiting conversations in id order, so
// both learn the same issue types and solutions and answer alike; read by
// their last write (as before), the two learned in opposite orders.
func TestAnalysisOrderIgnoresWriteOrder(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		s := bareServer(st, Config{AnalysisDuty: 1})
		const n = 60
		var views []any
		for _, reverse := range []bool{false, true} {
			var tn int64
			err := st.Write(ctx, func(tx store.Tx) error {
				created, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: fmt.Sprint("order-", reverse), CreatedAt: time.Now()})
				tn = created.ID
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			for i := range n {
				tp := topics[i%len(topics)]
				track(t, s, tn, i, MessageInput{Role: fathom.RoleUser, Content: fmt.Sprintf("%s (order %d)", tp.user, i)})
			}
			order := make([]int, n)
			for i := range order {
				order[i] = i
			}
			if reverse {
				slices.Reverse(order)
			}
			for _, i := range order {
				tp := topics[i%len(topics)]
				reply := tp.reply
				if i%4 == 1 {
					reply = "No, that did not help"
				}
				track(t, s, tn, i, MessageInput{Role: fathom.RoleAssistant, Content: tp.agent}, MessageInput{Role: fathom.RoleUser, Content: reply})
				if i%3 == 0 {
					if _, err := s.Resolve(ctx, tn, ResolveParams{ConversationID: fmt.Sprint("c-", i)}); err != nil {
						t.Fatal(err)
					}
				}
			}
			for {
				if err := s.AnalyzeTenant(ctx, tn); err != nil {
					t.Fatal(err)
				}
				if idle, err := s.AnalysisIdle(ctx); err != nil {
					t.Fatal(err)
				} else if idle {
					break
				}
			}
			views = append(views, withoutStamps(t, viewOf(t, s, tn)))
		}
		if a, b := rounded(t, views[0]), rounded(t, views[1]); string(a) != string(b) {
			t.Fatalf("later writes in opposite orders, different knowledge:\n%s\n---\n%s", a, b)
		}
	})
}

// withoutStamps is v as JSON values without what differs between two
// tenants given the same conversations: times (and the minutes to
// resolve, measured by the clock) and row ids.
func withoutStamps(t *testing.T, v view) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	var strip func(any)
	strip = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			for k, v := range x {
				if strings.HasSuffix(k, "At") || strings.HasSuffix(k, "ID") || strings.HasPrefix(k, "Minutes") {
					delete(x, k)
					continue
				}
				strip(v)
			}
		case []any:
			for _, v := range x {
				strip(v)
			}
		}
	}
	strip(out)
	return out
}

func track(t *testing.T, s *Service, tenantID int64, i int, msgs ...MessageInput) {
	t.Helper()
	if _, err := s.Track(context.Background(), tenantID, TrackParams{ConversationID: fmt.Sprint("c-", i), Messages: msgs}); err != nil {
		t.Fatal(err)
	}
}
