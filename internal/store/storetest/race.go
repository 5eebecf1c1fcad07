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

// The races below are the read-then-write patterns of the services, run by
// several writers at once. An engine that serialises writes passes them
// trivially; one whose transactions run side by side (several servers on
// one database) passes them only with the right locks. Each writer records
// what its function saw in a variable it owns, set afresh on every run: an
// engine may run a function again after a conflict.

// racers is how many writers each race starts.
const racers = 8

// rendezvousQuiet is how long a rendezvous waits for another writer
// before it opens without them.
const rendezvousQuiet = 250 * time.Millisecond

// rendezvous holds writers at the point where the race matters (after
// their read, before their write) until all of them are there, so that on
// an engine whose transactions run side by side they all read before any
// writes. It opens early when no writer has arrived for rendezvousQuiet:
// on an engine that runs writers one at a time, or whose locks keep the
// later ones from getting there, the first waits that long and the rest
// pass. The quiet period starts again at each arrival, because writers
// that must first open a connection arrive spread out.
type rendezvous struct {
	n       int // writers expected
	mu      sync.Mutex
	arrived int
	last    time.Time
	open    chan struct{}
	once    sync.Once
}

func newRendezvous(n int) *rendezvous { return &rendezvous{n: n, open: make(chan struct{})} }

func (r *rendezvous) release() { r.once.Do(func() { close(r.open) }) }

func (r *rendezvous) wait() {
	r.mu.Lock()
	r.last = time.Now()
	if r.arrived++; r.arrived == r.n {
		r.release()
	}
	r.mu.Unlock()
	tick := time.NewTicker(rendezvousQuiet / 10)
	defer tick.Stop()
	for {
		select {
		case <-r.open:
			return
		case <-tick.C:
			r.mu.Lock()
			quiet := time.Since(r.last) >= rendezvousQuiet
			r.mu.Unlock()
			if quiet {
				r.release()
			}
		}
	}
}

// race runs fn(i, meet) for every writer at once and fails the test with
// the writers' errors; fn calls meet where the writers should meet. A
// first round of empty transactions that meet opens the connections the
// writers will use, so that they reach the race together.
func race(t *testing.T, st store.Store, fn func(i int, meet func()) error) {
	t.Helper()
	warmUp(t, st, racers)
	r := newRendezvous(racers)
	run(t, racers, func(i int) error { return fn(i, r.wait) })
}

// warmUp runs n empty transactions that meet, which opens the connections
// n writers will use.
func warmUp(t *testing.T, st store.Store, n int) {
	t.Helper()
	warm := newRendezvous(n)
	run(t, n, func(int) error {
		return st.Write(context.Background(), func(store.Tx) error { warm.wait(); return nil })
	})
}

// run runs fn(i) for n writers at once and fails the test with their
// errors.
func run(t *testing.T, n int, fn func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = fn(i)
		}()
	}
	close(start)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// testRaceAnalysisPending: of writers racing to mark the tenant, exactly
// one learns that the flag was clear (and enqueues the one analysis job).
func testRaceAnalysisPending(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "rp")
	wasClear := make([]bool, racers)
	race(t, st, func(i int, meet func()) error {
		return st.Write(ctx, func(tx store.Tx) (err error) {
			if _, err := tx.TenantGet(ctx, tn.ID); err != nil {
				return err
			}
			meet()
			wasClear[i], err = tx.TenantMarkAnalysisPending(ctx, tn.ID)
			return err
		})
	})
	if n := count(wasClear); n != 1 {
		t.Fatalf("%d writers found the pending flag clear, want exactly 1", n)
	}
}

// testRaceClearPending: a write that finds the analysis flag set enqueues
// nothing, relying on the analysis that will clear the flag to read its
// change. So an analysis that clears the flag while the write is in flight
// must then read the write's change, or the write must have found the flag
// clear: otherwise the change waits for the tenant's next write.
func testRaceClearPending(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "rcp")
	var c *fathom.Conversation
	write(t, st, func(tx store.Tx) (err error) {
		if c, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: "x", CreatedAt: now}); err != nil {
			return err
		}
		if _, err := tx.ConversationMarkAnalyzed(ctx, c.ID, c.Version, 0); err != nil {
			return err
		}
		_, err = tx.TenantMarkAnalysisPending(ctx, tn.ID)
		return err
	})
	warmUp(t, st, 2)
	meet := newRendezvous(2)
	read := make(chan struct{}) // the analysis has read the dirty conversations
	var wasClear, seen bool
	var writeErr, clearErr error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // the write
		defer wg.Done()
		writeErr = st.Write(ctx, func(tx store.Tx) (err error) {
			cur, err := tx.ConversationGetByExternalID(ctx, tn.ID, "x")
			if err != nil {
				return err
			}
			cur.UpdatedAt = now.Add(time.Second)
			if err := tx.ConversationUpdate(ctx, cur); err != nil {
				return err
			}
			if wasClear, err = tx.TenantMarkAnalysisPending(ctx, tn.ID); err != nil {
				return err
			}
			meet.wait()
			// Stay uncommitted while the analysis clears and reads, unless
			// the engine makes the clear wait for this write.
			timer := time.NewTimer(rendezvousQuiet)
			defer timer.Stop()
			select {
			case <-read:
			case <-timer.C:
			}
			return nil
		})
	}()
	go func() { // the analysis
		defer wg.Done()
		defer close(read)
		meet.wait()
		if clearErr = st.Write(ctx, func(tx store.Tx) error { return tx.TenantClearAnalysisPending(ctx, tn.ID) }); clearErr != nil {
			return
		}
		var dirty []*fathom.Conversation
		dirty, clearErr = st.ConversationListDirty(ctx, tn.ID, 10)
		seen = len(dirty) == 1
	}()
	wg.Wait()
	if err := errors.Join(writeErr, clearErr); err != nil {
		t.Fatal(err)
	}
	if !wasClear && !seen {
		t.Fatal("the write found the flag set, and the analysis that cleared it did not see the write's change")
	}
}

// testRaceUsage: concurrent flushes of usage add up.
func testRaceUsage(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "ru")
	race(t, st, func(_ int, meet func()) error {
		return st.Write(ctx, func(tx store.Tx) error {
			meet()
			return tx.UsageAdd(ctx, &store.UsageAddParams{TenantID: tn.ID, Period: "2026-11", Requests: 1, Tokens: 2, Retrievals: 3})
		})
	})
	u := must(st.UsageGet(ctx, tn.ID, "2026-11"))
	if u.Requests != racers || u.Tokens != 2*racers || u.Retrievals != 3*racers {
		t.Fatalf("usage = %+v, want %d requests, %d tokens, %d retrievals", u, racers, 2*racers, 3*racers)
	}
}

// testRaceConversation: writers tracking one new conversation at once (the
// track pattern: get or create, append at the message count read, update)
// all succeed, on one conversation, and no message or count is lost.
func testRaceConversation(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "rc")
	race(t, st, func(i int, meet func()) error {
		return st.Write(ctx, func(tx store.Tx) error {
			c, err := tx.ConversationGetByExternalID(ctx, tn.ID, "shared")
			meet()
			if errors.Is(err, store.ErrNotFound) {
				c, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: "shared", CreatedAt: now})
			}
			if err != nil {
				return fmt.Errorf("writer %d: get or create: %w", i, err)
			}
			msg := fathom.Message{Seq: c.MessageCount, Role: fathom.RoleUser, Content: fmt.Sprint("from ", i), CreatedAt: now}
			if err := tx.MessageInsertMany(ctx, c.ID, []fathom.Message{msg}); err != nil {
				return fmt.Errorf("writer %d: append at %d: %w", i, msg.Seq, err)
			}
			c.MessageCount++
			return tx.ConversationUpdate(ctx, c)
		})
	})
	c := must(st.ConversationGetByExternalID(ctx, tn.ID, "shared"))
	msgs := must(st.MessageList(ctx, c.ID, 0, 0))
	seen := map[string]bool{}
	for i, m := range msgs {
		if m.Seq != i {
			t.Fatalf("message %d has seq %d", i, m.Seq)
		}
		seen[m.Content] = true
	}
	if c.MessageCount != racers || len(msgs) != racers || len(seen) != racers || c.Version != racers+1 {
		t.Fatalf("count %d, version %d, %d messages from %d writers; want %d of each (version %d)",
			c.MessageCount, c.Version, len(msgs), len(seen), racers, racers+1)
	}
}

// testRaceIdempotency: requests with one Idempotency-Key at once do the
// work once; the others replay it.
func testRaceIdempotency(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "ri")
	did := make([]bool, racers)
	race(t, st, func(i int, meet func()) error {
		return st.Write(ctx, func(tx store.Tx) error {
			did[i] = false
			_, err := tx.IdempotencyGet(ctx, tn.ID, "track", "k")
			meet()
			if err == nil || !errors.Is(err, store.ErrNotFound) {
				return err // replayed, or failed
			}
			did[i] = true
			if err := tx.UsageAdd(ctx, &store.UsageAddParams{TenantID: tn.ID, Period: "2026-11", Requests: 1}); err != nil {
				return err
			}
			return tx.IdempotencyInsert(ctx, &store.IdempotencyRecord{TenantID: tn.ID, Scope: "track", Key: "k",
				Fingerprint: "f", Response: []byte(fmt.Sprint(i)), CreatedAt: now})
		})
	})
	if n, u := count(did), must(st.UsageGet(ctx, tn.ID, "2026-11")); n != 1 || u.Requests != 1 {
		t.Fatalf("%d writers did the work (usage %d), want 1", n, u.Requests)
	}
}

// testRaceTenantUser: keys created at once for a new tenant and user (the
// get-or-create of tenant.Service.CreateKey) share one tenant and user.
func testRaceTenantUser(t *testing.T, st store.Store) {
	ctx := context.Background()
	race(t, st, func(i int, meet func()) error {
		return st.Write(ctx, func(tx store.Tx) error {
			tn, err := tx.TenantGetByName(ctx, "shared")
			meet()
			if errors.Is(err, store.ErrNotFound) {
				tn, err = tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "shared", CreatedAt: now})
			}
			if err != nil {
				return fmt.Errorf("writer %d: tenant: %w", i, err)
			}
			u, err := tx.UserGetByEmail(ctx, tn.ID, "ops@shared.test")
			if errors.Is(err, store.ErrNotFound) {
				u, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "ops@shared.test", CreatedAt: now})
			}
			if err != nil {
				return fmt.Errorf("writer %d: user: %w", i, err)
			}
			_, err = tx.APIKeyCreate(ctx, &store.APIKeyCreateParams{TenantID: tn.ID, UserID: u.ID,
				Prefix: "fth_race", Hash: fmt.Sprint("race-", i), CreatedAt: now})
			return err
		})
	})
	keys := must(st.APIKeyList(ctx))
	if len(keys) != racers || len(must(st.TenantList(ctx))) != 1 {
		t.Fatalf("%d keys, %d tenants; want %d keys of one tenant", len(keys), len(must(st.TenantList(ctx))), racers)
	}
	for _, k := range keys {
		if k.UserID != keys[0].UserID {
			t.Fatalf("keys of users %d and %d, want one user", keys[0].UserID, k.UserID)
		}
	}
}

// testRaceSolution: analyses learning the same solution at once (on
// several servers) get the same row.
func testRaceSolution(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "rs")
	ids := make([]int64, racers)
	race(t, st, func(i int, meet func()) error {
		return st.Write(ctx, func(tx store.Tx) error {
			meet()
			s, err := tx.SolutionUpsert(ctx, &fathom.Solution{TenantID: tn.ID, Key: "restart_router", Description: fmt.Sprint("writer ", i), CreatedAt: now})
			if err != nil {
				return err
			}
			ids[i] = s.ID
			return nil
		})
	})
	list := must(st.SolutionList(ctx, tn.ID))
	for _, id := range ids {
		if len(list) != 1 || id != list[0].ID {
			t.Fatalf("writers got solution ids %v, stored %d solutions; want one", ids, len(list))
		}
	}
}

// testRaceFeedback: the same word given at once changes the feedback once.
func testRaceFeedback(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "rf")
	var c *fathom.Conversation
	write(t, st, func(tx store.Tx) (err error) {
		c, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: "rf-1", CreatedAt: now})
		return err
	})
	changed := make([]bool, racers)
	race(t, st, func(i int, meet func()) error {
		return st.Write(ctx, func(tx store.Tx) (err error) {
			meet()
			changed[i], err = tx.FeedbackUpsert(ctx, &store.FeedbackUpsertParams{TenantID: tn.ID, ConversationID: c.ID,
				Action: "restart the router", Outcome: fathom.OutcomeSuccess, At: now})
			return err
		})
	})
	if n := count(changed); n != 1 {
		t.Fatalf("%d writers changed the feedback, want 1", n)
	}
}

func count(l []bool) int {
	n := 0
	for _, b := range l {
		if b {
			n++
		}
	}
	return n
}
