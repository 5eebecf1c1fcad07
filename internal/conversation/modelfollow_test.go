package conversation

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
)

// slowLoads is a store on which, while held, every snapshot read (a load
// of a saved model) waits until released: a follower loading the model of
// a tenant large enough that the load takes longer than any bound on the
// lag.
type slowLoads struct {
	store.Store
	held    atomic.Bool
	entered chan struct{} // a load began waiting
	release chan struct{} // closed: loads go on
}

func newSlowLoads(st store.Store) *slowLoads {
	return &slowLoads{Store: st, entered: make(chan struct{}, 16), release: make(chan struct{})}
}

func (s *slowLoads) Snapshot(ctx context.Context, fn func(store.Reader) error) error {
	if s.held.Load() {
		s.entered <- struct{}{}
		select {
		case <-s.release:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return s.Store.Snapshot(ctx, fn)
}

// TestIssueTypeBeforeModelLoadPostgres: three servers on one PostgreSQL
// database; a conversation tracked and analysed through one is counted in
// its issue type by the two others within three reads of their knowledge
// follower after its analysis was stored, while each is in the middle of
// loading a model the analysing server saved before (held here for as long
// as the test runs). That holds for a conversation that joins a type the
// followers know and for one that founds a type (named from the names saved
// with the model, not from the model). With the model loaded on the same
// cursor as the counting, as before, the counting waited for the load.
func TestIssueTypeBeforeModelLoadPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := pgtest.Open(t)
	tn := newTenant(t, st)
	// a saves its model every ModelSaveEvery (the default), and the names
	// of new types after each round.
	a := newServerWith(t, st, Config{Server: "a", FeedGapWait: time.Second})
	trackTopics(t, a, tn, "seed", 60)
	analyze(t, a, tn)
	slowB, slowC := newSlowLoads(st), newSlowLoads(st)
	b, c := newServer(t, slowB, "b"), newServer(t, slowC, "c")
	catchUp(t, a, b, c)

	followers := []*Service{b, c}
	for _, f := range followers {
		f.feed.wake = make(chan struct{}, 1)
	}
	bg, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, s := range []*Service{a, b, c} {
		wg.Add(1)
		go func() { defer wg.Done(); s.Follow(bg) }()
	}
	t.Cleanup(func() {
		close(slowB.release)
		close(slowC.release)
		stop()
		wg.Wait()
	})

	// A round of analysis saves a model, and both followers start loading
	// it: the loads do not end while the test runs.
	slowB.held.Store(true)
	slowC.held.Store(true)
	trackTopics(t, a, tn, "before", 10)
	analyze(t, a, tn)
	for _, s := range []*slowLoads{slowB, slowC} {
		select {
		case <-s.entered:
		case <-time.After(30 * time.Second):
			t.Fatal("a follower never began loading the saved model")
		}
	}

	// The probes: one of a known issue, one in words no conversation has.
	trackTopic(t, a, tn, "probe-known", 1)
	_, err := a.Track(ctx, tn, TrackParams{ConversationID: "probe-new", Messages: []MessageInput{
		{Role: fathom.RoleUser, Content: "Zebra quilt xylophone wobbles under marzipan lanterns"},
		{Role: fathom.RoleAssistant, Content: "Please tighten the lantern hinge."},
		{Role: fathom.RoleUser, Content: "That fixed it, thanks"}}})
	if err != nil {
		t.Fatal(err)
	}
	analyze(t, a, tn)
	for _, id := range []string{"probe-known", "probe-new"} {
		conv, err := st.ConversationGetByExternalID(ctx, tn, id)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := a.know.Conversation(tn, conv.ID)
		if want == nil {
			t.Fatalf("%s: the analysing server holds no issue type for it", id)
		}
		if id == "probe-new" && want.Occurrences != 1 {
			t.Fatalf("probe-new joined a type of %d conversations; it must found one", want.Occurrences)
		}
		for i, f := range followers {
			got := countedWithin(f, tn, conv.ID, 3)
			if got == nil {
				t.Fatalf("%s: follower %d did not count it in an issue type within 3 reads of the feed while loading a model", id, i+1)
			}
			if got.Name != want.Name {
				t.Fatalf("%s: follower %d counts it in %q, the analysing server in %q", id, i+1, got.Name, want.Name)
			}
		}
	}
	if n := len(slowB.entered) + len(slowC.entered); n != 0 {
		t.Logf("%d more loads began meanwhile", n)
	}
}

// countedWithin returns the issue type f counts the conversation in,
// waiting for at most reads passes of its knowledge follower; nil if none.
func countedWithin(f *Service, tenantID, conversationID int64, reads int) *struct{ Name string } {
	for range reads + 1 {
		if it, _ := f.know.Conversation(tenantID, conversationID); it != nil {
			return &struct{ Name string }{it.Name}
		}
		select {
		case <-f.feed.wake:
		case <-time.After(10 * time.Second): // a follower that never reads again
			return nil
		}
	}
	if it, _ := f.know.Conversation(tenantID, conversationID); it != nil {
		return &struct{ Name string }{it.Name}
	}
	return nil
}
