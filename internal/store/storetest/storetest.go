// Package storetest is the storage conformance suite: every store.Store
// implementation must pass Exercise. Engines run it from their own tests
// with a fresh, migrated, empty database per call of open.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Exercise runs the suite. open returns a new empty, migrated store.
func Exercise(t *testing.T, open func(t *testing.T) store.Store) {
	t.Run("TenantsUsersKeys", func(t *testing.T) { t.Parallel(); testTenants(t, open(t)) })
	t.Run("ConversationsAndMessages", func(t *testing.T) { t.Parallel(); testConversations(t, open(t)) })
	t.Run("DirtyAndVersion", func(t *testing.T) { t.Parallel(); testDirty(t, open(t)) })
	t.Run("ConversationBacklog", func(t *testing.T) { t.Parallel(); testConversationBacklog(t, open(t)) })
	t.Run("Scan", func(t *testing.T) { t.Parallel(); testScan(t, open(t)) })
	t.Run("Idempotency", func(t *testing.T) { t.Parallel(); testIdempotency(t, open(t)) })
	t.Run("Usage", func(t *testing.T) { t.Parallel(); testUsage(t, open(t)) })
	t.Run("WriteRollsBackOnError", func(t *testing.T) { t.Parallel(); testRollback(t, open(t)) })
	t.Run("ConcurrentWritesAreIsolated", func(t *testing.T) { t.Parallel(); testConcurrentWrites(t, open(t)) })
	t.Run("ConcurrentMarkAnalysisPending", func(t *testing.T) { t.Parallel(); testRaceAnalysisPending(t, open(t)) })
	t.Run("ConcurrentClearAnalysisPending", func(t *testing.T) { t.Parallel(); testRaceClearPending(t, open(t)) })
	t.Run("ConcurrentUsageAdd", func(t *testing.T) { t.Parallel(); testRaceUsage(t, open(t)) })
	t.Run("ConcurrentTrackOfNewConversation", func(t *testing.T) { t.Parallel(); testRaceConversation(t, open(t)) })
	t.Run("ConcurrentIdempotencyKey", func(t *testing.T) { t.Parallel(); testRaceIdempotency(t, open(t)) })
	t.Run("ConcurrentTenantAndUserCreate", func(t *testing.T) { t.Parallel(); testRaceTenantUser(t, open(t)) })
	t.Run("ConcurrentSolutionUpsert", func(t *testing.T) { t.Parallel(); testRaceSolution(t, open(t)) })
	t.Run("ConcurrentFeedbackUpsert", func(t *testing.T) { t.Parallel(); testRaceFeedback(t, open(t)) })
	t.Run("AfterCommit", func(t *testing.T) { t.Parallel(); testAfterCommit(t, open(t)) })
	t.Run("Knowledge", func(t *testing.T) { t.Parallel(); testKnowledge(t, open(t)) })
	t.Run("AnalysisBatch", func(t *testing.T) { t.Parallel(); testAnalysisBatch(t, open(t)) })
	t.Run("KnowledgeChunks", func(t *testing.T) { t.Parallel(); testKnowledgeChunks(t, open(t)) })
	t.Run("Snapshot", func(t *testing.T) { t.Parallel(); testSnapshot(t, open(t)) })
	t.Run("SearchChunks", func(t *testing.T) { t.Parallel(); testSearchChunks(t, open(t)) })
	t.Run("VectorChunks", func(t *testing.T) { t.Parallel(); testVectorChunks(t, open(t)) })
	t.Run("Workspace", func(t *testing.T) { t.Parallel(); testWorkspace(t, open(t)) })
	t.Run("MeetingTypes", func(t *testing.T) { t.Parallel(); testMeetingTypes(t, open(t)) })
	t.Run("ConcurrentMeetingTypeEnsure", func(t *testing.T) { t.Parallel(); testRaceMeetingType(t, open(t)) })
	t.Run("WorkspacePeople", func(t *testing.T) { t.Parallel(); testWorkspacePeople(t, open(t)) })
	t.Run("MeetingCreateGet", func(t *testing.T) { t.Parallel(); testMeetingCreateGet(t, open(t)) })
	t.Run("MeetingList", func(t *testing.T) { t.Parallel(); testMeetingList(t, open(t)) })
	t.Run("MeetingVisibility", func(t *testing.T) { t.Parallel(); testMeetingVisibility(t, open(t)) })
	t.Run("MeetingSearch", func(t *testing.T) { t.Parallel(); testMeetingSearch(t, open(t)) })
	t.Run("MeetingDelete", func(t *testing.T) { t.Parallel(); testMeetingDelete(t, open(t)) })
	t.Run("SupportCallRules", func(t *testing.T) { t.Parallel(); testSupportCallRules(t, open(t)) })
	t.Run("MeetingReadyIDs", func(t *testing.T) { t.Parallel(); testMeetingReadyIDs(t, open(t)) })
	t.Run("MeetingAnalytics", func(t *testing.T) { t.Parallel(); testMeetingAnalytics(t, open(t)) })
	t.Run("MeetingSearchAcrossTurns", func(t *testing.T) { t.Parallel(); testMeetingSearchAcrossTurns(t, open(t)) })
	t.Run("Webhooks", func(t *testing.T) { t.Parallel(); testWebhooks(t, open(t)) })
	t.Run("Deliveries", func(t *testing.T) { t.Parallel(); testDeliveries(t, open(t)) })
	t.Run("Media", func(t *testing.T) { t.Parallel(); testMedia(t, open(t)) })
	t.Run("ConcurrentMediaReplace", func(t *testing.T) { t.Parallel(); testRaceMedia(t, open(t)) })
	t.Run("OAuth", func(t *testing.T) { t.Parallel(); testOAuth(t, open(t)) })
	t.Run("WebSessions", func(t *testing.T) { t.Parallel(); testWebSessions(t, open(t)) })
	t.Run("Gateway", func(t *testing.T) { t.Parallel(); testGateway(t, open(t)) })
	t.Run("ReadThenUpdate", func(t *testing.T) { t.Parallel(); testReadThenUpdate(t, open) })
	t.Run("Feedback", func(t *testing.T) { t.Parallel(); testFeedback(t, open(t)) })
	ExerciseChanges(t, open)
}

var now = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

// must returns v, or panics on err: a conformance failure stops the run
// with a stack that shows the call.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("storetest: unexpected error: %v", err))
	}
	return v
}

func write(t *testing.T, st store.Store, fn func(tx store.Tx) error) {
	t.Helper()
	if err := st.Write(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// seedTenant creates a tenant with one user.
func seedTenant(t *testing.T, st store.Store, name string) (*fathom.Tenant, *fathom.User) {
	t.Helper()
	ctx := context.Background()
	var tn *fathom.Tenant
	var u *fathom.User
	write(t, st, func(tx store.Tx) (err error) {
		if tn, err = tx.TenantCreate(ctx, &store.TenantCreateParams{Name: name, CreatedAt: now}); err != nil {
			return err
		}
		u, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "a@" + name + ".test", CreatedAt: now})
		return err
	})
	return tn, u
}

func testTenants(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "acme")
	got := must(st.TenantGetByName(ctx, "acme"))
	if got.ID != tn.ID || !got.CreatedAt.Equal(now) {
		t.Fatalf("TenantGetByName = %+v, want id %d created %v", got, tn.ID, now)
	}
	if got.CreatedAt.Location() != time.UTC {
		t.Fatalf("CreatedAt read back in %v, want UTC (times reach API responses)", got.CreatedAt.Location())
	}
	if _, err := st.TenantGet(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("TenantGet(missing) err = %v, want ErrNotFound", err)
	}
	err := st.Write(ctx, func(tx store.Tx) error {
		_, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "acme", CreatedAt: now})
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate tenant err = %v, want ErrDuplicate", err)
	}
	write(t, st, func(tx store.Tx) error {
		return tx.TenantSetQuota(ctx, tn.ID, fathom.Quota{Requests: 5, Tokens: 6, Retrievals: 7})
	})
	if q := must(st.TenantGet(ctx, tn.ID)).Quota; q != (fathom.Quota{Requests: 5, Tokens: 6, Retrievals: 7}) {
		t.Fatalf("quota = %+v", q)
	}
	if got := must(st.UserGetByEmail(ctx, tn.ID, u.Email)); got.ID != u.ID {
		t.Fatalf("UserGetByEmail = %+v", got)
	}
	var key *fathom.APIKey
	write(t, st, func(tx store.Tx) (err error) {
		key, err = tx.APIKeyCreate(ctx, &store.APIKeyCreateParams{TenantID: tn.ID, UserID: u.ID, Name: "ci",
			Prefix: "fth_abcd", Hash: "h1", CreatedAt: now})
		return err
	})
	if key.UserEmail != u.Email || key.TenantName != "acme" {
		t.Fatalf("created key = %+v", key)
	}
	k := must(st.APIKeyGetByHash(ctx, "h1"))
	if k.ID != key.ID || k.RevokedAt != nil {
		t.Fatalf("APIKeyGetByHash = %+v", k)
	}
	if n := must(st.APIKeyCount(ctx)); n != 1 {
		t.Fatalf("APIKeyCount = %d", n)
	}
	write(t, st, func(tx store.Tx) error { return tx.APIKeyRevoke(ctx, key.ID, now) })
	if k := must(st.APIKeyGetByHash(ctx, "h1")); k.RevokedAt == nil {
		t.Fatal("revoked key has no RevokedAt")
	}
	err = st.Write(ctx, func(tx store.Tx) error { return tx.APIKeyRevoke(ctx, key.ID, now) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second revoke err = %v, want ErrNotFound", err)
	}
	if keys := must(st.APIKeyList(ctx)); len(keys) != 1 {
		t.Fatalf("APIKeyList = %d keys", len(keys))
	}
}

func testConversations(t *testing.T, st store.Store) {
	ctx := context.Background()
	a, _ := seedTenant(t, st, "a")
	b, _ := seedTenant(t, st, "b")
	var c *fathom.Conversation
	write(t, st, func(tx store.Tx) (err error) {
		c, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: a.ID, ExternalID: "conv-1", UserID: "u", CreatedAt: now})
		if err != nil {
			return err
		}
		msgs := []fathom.Message{{Seq: 0, Role: fathom.RoleUser, Content: "hello", CreatedAt: now},
			{Seq: 1, Role: fathom.RoleAssistant, Content: "hi ✓", CreatedAt: now}}
		if err := tx.MessageInsertMany(ctx, c.ID, msgs); err != nil {
			return err
		}
		c.MessageCount = 2
		return tx.ConversationUpdate(ctx, c)
	})
	// Same external id in another tenant is another conversation.
	write(t, st, func(tx store.Tx) error {
		_, err := tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: b.ID, ExternalID: "conv-1", CreatedAt: now})
		return err
	})
	err := st.Write(ctx, func(tx store.Tx) error {
		_, err := tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: a.ID, ExternalID: "conv-1", CreatedAt: now})
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate conversation err = %v", err)
	}
	got := must(st.ConversationGetByExternalID(ctx, a.ID, "conv-1"))
	if got.ID != c.ID || got.MessageCount != 2 || got.Status != fathom.StatusOpen || got.Version != 2 {
		t.Fatalf("conversation = %+v", got)
	}
	if _, err := st.ConversationGetByExternalID(ctx, b.ID, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing conversation err = %v", err)
	}
	msgs := must(st.MessageList(ctx, c.ID, 0, 0))
	if len(msgs) != 2 || msgs[1].Content != "hi ✓" || msgs[1].Role != fathom.RoleAssistant {
		t.Fatalf("messages = %+v", msgs)
	}
	if tail := must(st.MessageList(ctx, c.ID, 1, 1)); len(tail) != 1 || tail[0].Seq != 1 {
		t.Fatalf("MessageList(from 1) = %+v", tail)
	}
	// Bytes, not characters: "✓" is three.
	if n := must(st.MessageBytes(ctx, c.ID)); n != int64(len("hello")+len("hi ✓")) {
		t.Fatalf("MessageBytes = %d, want %d", n, len("hello")+len("hi ✓"))
	}
	if n := must(st.MessageBytes(ctx, c.ID+1000)); n != 0 {
		t.Fatalf("MessageBytes of no conversation = %d, want 0", n)
	}
	err = st.Write(ctx, func(tx store.Tx) error {
		return tx.MessageInsertMany(ctx, c.ID, []fathom.Message{{Seq: 1, Role: fathom.RoleUser, Content: "dup", CreatedAt: now}})
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate seq err = %v", err)
	}
	// Tenant scoping of list by ids.
	if l := must(st.ConversationListByIDs(ctx, b.ID, []int64{c.ID})); len(l) != 0 {
		t.Fatalf("ListByIDs crossed tenants: %+v", l)
	}
	resolvedAt := now.Add(time.Minute)
	got.Status, got.ResolvedAt, got.ResolutionNotes = fathom.StatusResolved, &resolvedAt, "fixed"
	write(t, st, func(tx store.Tx) error { return tx.ConversationUpdate(ctx, got) })
	l := must(st.ConversationListByIDs(ctx, a.ID, []int64{c.ID}))
	if len(l) != 1 || l[0].Status != fathom.StatusResolved || l[0].ResolvedAt == nil || !l[0].ResolvedAt.Equal(resolvedAt) {
		t.Fatalf("after resolve = %+v", l)
	}
	write(t, st, func(tx store.Tx) error { return tx.ConversationDelete(ctx, c.ID) })
	if _, err := st.ConversationGetByExternalID(ctx, a.ID, "conv-1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleted conversation still there: %v", err)
	}
	if msgs := must(st.MessageList(ctx, c.ID, 0, 0)); len(msgs) != 0 {
		t.Fatalf("messages of a deleted conversation remain: %+v", msgs)
	}
	err = st.Write(ctx, func(tx store.Tx) error { return tx.ConversationDelete(ctx, c.ID) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second delete err = %v, want ErrNotFound", err)
	}
	// An id is never given again, even that of the newest conversation
	// once deleted: what follows conversations by id (the search index,
	// the change feed) tells them apart by it.
	create := func(externalID string) (c *fathom.Conversation) {
		write(t, st, func(tx store.Tx) (err error) {
			c, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: a.ID, ExternalID: externalID, CreatedAt: now})
			return err
		})
		return c
	}
	newest := create("newest")
	write(t, st, func(tx store.Tx) error { return tx.ConversationDelete(ctx, newest.ID) })
	if next := create("next"); next.ID <= newest.ID {
		t.Fatalf("the conversation created after the newest was deleted got id %d, the deleted one had %d", next.ID, newest.ID)
	}
}

func testDirty(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "d")
	var c *fathom.Conversation
	write(t, st, func(tx store.Tx) (err error) {
		c, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: "x", CreatedAt: now})
		return err
	})
	dirty := must(st.ConversationListDirty(ctx, tn.ID, 10))
	if n := must(st.ConversationCountDirty(ctx)); n != 1 || len(dirty) != 1 {
		t.Fatalf("new conversation not dirty: %d", len(dirty))
	}
	v := dirty[0].Version
	write(t, st, func(tx store.Tx) error { return tx.ConversationUpdate(ctx, c) }) // version moves on
	write(t, st, func(tx store.Tx) error {
		ok, err := tx.ConversationMarkAnalyzed(ctx, c.ID, v, 1)
		if ok {
			return fmt.Errorf("stale version %d cleared the dirty flag", v)
		}
		return err
	})
	write(t, st, func(tx store.Tx) error {
		ok, err := tx.ConversationMarkAnalyzed(ctx, c.ID, c.Version, 3)
		if !ok {
			return fmt.Errorf("current version %d did not clear the flag", c.Version)
		}
		return err
	})
	if dirty := must(st.ConversationListDirty(ctx, tn.ID, 10)); len(dirty) != 0 || must(st.ConversationCountDirty(ctx)) != 0 {
		t.Fatalf("still dirty: %+v", dirty)
	}
	if got := must(st.ConversationGetByExternalID(ctx, tn.ID, "x")); got.AnalyzedCount != 3 {
		t.Fatalf("AnalyzedCount = %d, want 3", got.AnalyzedCount)
	}
	write(t, st, func(tx store.Tx) error { return tx.ConversationMarkDirty(ctx, []int64{c.ID}) })
	if dirty := must(st.ConversationListDirty(ctx, tn.ID, 10)); len(dirty) != 1 || dirty[0].Version <= c.Version {
		t.Fatalf("MarkDirty: %+v", dirty)
	}
	// Id order, whatever was written last: a later write to the first
	// conversation does not put it behind the second.
	var c2 *fathom.Conversation
	write(t, st, func(tx store.Tx) (err error) {
		c2, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: "y", CreatedAt: now})
		return err
	})
	c.UpdatedAt = now.Add(time.Hour)
	write(t, st, func(tx store.Tx) error { return tx.ConversationUpdate(ctx, c) })
	if dirty := must(st.ConversationListDirty(ctx, tn.ID, 10)); len(dirty) != 2 || dirty[0].ID != c.ID || dirty[1].ID != c2.ID {
		t.Fatalf("dirty not in id order: %+v", dirty)
	}
	write(t, st, func(tx store.Tx) error { return tx.ConversationDelete(ctx, c2.ID) })
	var first, second bool
	write(t, st, func(tx store.Tx) (err error) {
		if first, err = tx.TenantMarkAnalysisPending(ctx, tn.ID); err != nil {
			return err
		}
		second, err = tx.TenantMarkAnalysisPending(ctx, tn.ID)
		return err
	})
	if !first || second {
		t.Fatalf("mark pending = %v then %v, want true then false", first, second)
	}
	write(t, st, func(tx store.Tx) error { return tx.TenantClearAnalysisPending(ctx, tn.ID) })
	write(t, st, func(tx store.Tx) (err error) { first, err = tx.TenantMarkAnalysisPending(ctx, tn.ID); return err })
	if !first {
		t.Fatal("mark after clear did not report clear")
	}
}

func testScan(t *testing.T, st store.Store) {
	ctx := context.Background()
	a, _ := seedTenant(t, st, "sa")
	b, _ := seedTenant(t, st, "sb")
	for i := range 5 {
		tenantID := a.ID
		if i%2 == 1 {
			tenantID = b.ID
		}
		write(t, st, func(tx store.Tx) error {
			c, err := tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tenantID, ExternalID: fmt.Sprint(i), CreatedAt: now})
			if err != nil {
				return err
			}
			return tx.MessageInsertMany(ctx, c.ID, []fathom.Message{{Seq: 0, Role: fathom.RoleUser, Content: fmt.Sprint("m", i), CreatedAt: now}})
		})
	}
	var seen []string
	var after int64
	for {
		n := 0
		err := st.ConversationScan(ctx, &store.ConversationScanParams{AfterID: after, Limit: 2}, func(c *fathom.Conversation, msgs []fathom.Message) error {
			if len(msgs) != 1 || msgs[0].Content != "m"+c.ExternalID {
				return fmt.Errorf("conversation %s got messages %+v", c.ExternalID, msgs)
			}
			seen, after, n = append(seen, c.ExternalID), c.ID, n+1
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	if fmt.Sprint(seen) != "[0 1 2 3 4]" {
		t.Fatalf("scan saw %v", seen)
	}
	n := 0
	err := st.ConversationScan(ctx, &store.ConversationScanParams{TenantID: b.ID, Limit: 10}, func(*fathom.Conversation, []fathom.Message) error { n++; return nil })
	if err != nil || n != 2 {
		t.Fatalf("tenant scan = %d, %v", n, err)
	}
}

func testIdempotency(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "i")
	rec := &store.IdempotencyRecord{TenantID: tn.ID, Scope: "track", Key: "k1", Fingerprint: "f", Response: []byte(`{"a":1}`), CreatedAt: now}
	write(t, st, func(tx store.Tx) error { return tx.IdempotencyInsert(ctx, rec) })
	got := must(st.IdempotencyGet(ctx, tn.ID, "track", "k1"))
	if string(got.Response) != `{"a":1}` || got.Fingerprint != "f" {
		t.Fatalf("IdempotencyGet = %+v", got)
	}
	if _, err := st.IdempotencyGet(ctx, tn.ID, "resolve", "k1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("other scope err = %v", err)
	}
	write(t, st, func(tx store.Tx) error {
		n, err := tx.IdempotencyDeleteBefore(ctx, now.Add(time.Second))
		if n != 1 {
			return fmt.Errorf("deleted %d, want 1", n)
		}
		return err
	})
	if _, err := st.IdempotencyGet(ctx, tn.ID, "track", "k1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("after purge err = %v", err)
	}
}

func testUsage(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "u")
	if _, err := st.UsageGet(ctx, tn.ID, "2026-11"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("empty usage err = %v", err)
	}
	for range 2 {
		write(t, st, func(tx store.Tx) error {
			return tx.UsageAdd(ctx, &store.UsageAddParams{TenantID: tn.ID, Period: "2026-11", Requests: 3, Tokens: 10, Retrievals: 1})
		})
	}
	u := must(st.UsageGet(ctx, tn.ID, "2026-11"))
	if u.Requests != 6 || u.Tokens != 20 || u.Retrievals != 2 {
		t.Fatalf("usage = %+v", u)
	}
}

func testRollback(t *testing.T, st store.Store) {
	ctx := context.Background()
	boom := errors.New("boom")
	err := st.Write(ctx, func(tx store.Tx) error {
		if _, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "ghost", CreatedAt: now}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if _, err := st.TenantGetByName(ctx, "ghost"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("rolled-back tenant is visible: %v", err)
	}
}

// testConcurrentWrites checks that writers sharing a commit stay isolated:
// the failures undo only their own work.
func testConcurrentWrites(t *testing.T, st store.Store) {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = st.Write(ctx, func(tx store.Tx) error {
				if _, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: fmt.Sprint("t", i), CreatedAt: now}); err != nil {
					return err
				}
				if i%4 == 0 {
					return errors.New("odd one out")
				}
				return nil
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		_, getErr := st.TenantGetByName(ctx, fmt.Sprint("t", i))
		switch {
		case i%4 == 0 && (err == nil || !errors.Is(getErr, store.ErrNotFound)):
			t.Errorf("writer %d should have failed alone: err=%v get=%v", i, err, getErr)
		case i%4 != 0 && (err != nil || getErr != nil):
			t.Errorf("writer %d should have committed: err=%v get=%v", i, err, getErr)
		}
	}
}

func testAfterCommit(t *testing.T, st store.Store) {
	ctx := context.Background()
	ran := 0
	write(t, st, func(tx store.Tx) error { tx.AfterCommit(func() { ran++ }); return nil })
	_ = st.Write(ctx, func(tx store.Tx) error { tx.AfterCommit(func() { ran += 10 }); return errors.New("no") })
	if ran != 1 {
		t.Fatalf("after-commit ran %d, want 1 (only for the committed write)", ran)
	}
}
