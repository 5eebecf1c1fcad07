package conversation

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// Two "servers" on one database, each with its own search index and
// knowledge engine, as two `fathom serve` processes would be.

func TestServersShareSQLite(t *testing.T) {
	t.Parallel()
	exerciseServers(t, sqlitetest.Open(t, t.TempDir()))
}

func TestServersSharePostgres(t *testing.T) {
	t.Parallel()
	exerciseServers(t, pgtest.Open(t))
}

// newServer returns a service named name on st, its feed opened and its
// state loaded as at start-up.
// Its model is saved after every round of analysis, as when
// ModelSaveEvery has passed (newServerWith takes a config).
func newServer(t testing.TB, st store.Store, name string) *Service {
	t.Helper()
	return newServerWith(t, st, Config{Server: name, FeedGapWait: time.Second, ModelSaveEvery: time.Nanosecond})
}

func newServerWith(t testing.TB, st store.Store, cfg Config) *Service {
	t.Helper()
	ctx := context.Background()
	s := bareServer(st, cfg)
	if err := s.OpenFeed(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.recoverStore(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// bareServer returns a service on st with its own index and knowledge
// engine, nothing opened or loaded.
func bareServer(st store.Store, cfg Config) *Service {
	return NewService(Deps{Store: st, Queue: &countingQueue{}, Index: search.NewCatalog(), Knowledge: knowledge.New(issuetype.Config{})}, cfg)
}

// newTenant creates the tenant "acme" on st and returns its id.
func newTenant(t testing.TB, st store.Store) int64 {
	t.Helper()
	ctx := context.Background()
	var tn int64
	err := st.Write(ctx, func(tx store.Tx) error {
		created, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "acme", CreatedAt: time.Now()})
		if err == nil {
			tn = created.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

// topics are the issues of the synthetic conversations: what the user
// says, what the agent proposes, and how the user answers.
var topics = []struct{ user, agent, reply string }{
	{"My card payment is being declined at checkout", "Please check that your card has not expired.", "That fixed it, thanks"},
	{"I forgot my password and cannot log in", "Click forgot password on the sign-in page to reset it.", "It worked, I am in"},
	{"The app crashes when I open the settings page", "Please reinstall the app from the store.", "Still crashing, no luck"},
	{"I was charged twice for my subscription this month", "I have refunded the duplicate charge to your card.", "Great, thank you"},
	{"My package has not arrived and tracking shows no update", "I have opened an investigation with the carrier.", "Thanks for checking"},
}

// recoverStore is the start's recovery (RecoverBesideIndex) without the
// search index: the knowledge loaded and the analyses requeued, no term
// associations learned.
func (s *Service) recoverStore(ctx context.Context) error {
	if _, err := s.recoverKnowledge(ctx, nil); err != nil {
		return err
	}
	return s.requeue(ctx)
}

// trackTopics tracks n conversations, prefix-0 to prefix-(n-1), the i-th
// on topic i (see trackTopic).
func trackTopics(t testing.TB, s *Service, tenantID int64, prefix string, n int) {
	t.Helper()
	for i := range n {
		trackTopic(t, s, tenantID, fmt.Sprintf("%s-%d", prefix, i), i)
	}
}

// trackTopic tracks conversation id on topic n (of topics), resolving
// every third.
func trackTopic(t testing.TB, s *Service, tenantID int64, id string, n int) {
	t.Helper()
	tp := topics[n%len(topics)]
	_, err := s.Track(context.Background(), tenantID, TrackParams{ConversationID: id, Messages: []MessageInput{
		{Role: fathom.RoleUser, Content: fmt.Sprintf("%s (order %d)", tp.user, n)},
		{Role: fathom.RoleAssistant, Content: tp.agent},
		{Role: fathom.RoleUser, Content: tp.reply}}})
	if err != nil {
		t.Fatal(err)
	}
	if n%3 == 0 {
		if _, err := s.Resolve(context.Background(), tenantID, ResolveParams{ConversationID: id}); err != nil {
			t.Fatal(err)
		}
	}
}

// view is what a server answers about a tenant, for comparison.
type view struct {
	Types   []*knowledge.IssueType
	Matches [][]any
	Rec     []*knowledge.Recommendation
}

func viewOf(t *testing.T, s *Service, tenantID int64) view {
	t.Helper()
	v := view{Types: s.IssueTypes(context.Background(), tenantID)}
	for _, tp := range topics {
		res, err := s.Similar(context.Background(), tenantID, SimilarParams{Message: tp.user})
		if err != nil {
			t.Fatal(err)
		}
		var m []any
		for _, c := range res.Conversations {
			name := ""
			if c.IssueType != nil {
				name = c.IssueType.Name
			}
			m = append(m, c.Conversation.ExternalID, c.Similarity, name)
		}
		v.Matches = append(v.Matches, m)
		v.Rec = append(v.Rec, res.Recommendation)
	}
	return v
}

func sameView(t *testing.T, what string, a, b view) {
	t.Helper()
	ja, jb := rounded(t, a), rounded(t, b)
	if string(ja) == string(jb) {
		return
	}
	la, lb := strings.Split(string(ja), "\n"), strings.Split(string(jb), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			lo := max(0, i-8)
			t.Fatalf("%s: the servers answer differently at line %d:\n%s\n---\n%s", what, i,
				strings.Join(la[lo:min(len(la), i+3)], "\n"), strings.Join(lb[lo:min(len(lb), i+3)], "\n"))
		}
	}
	t.Fatalf("%s: the servers answer differently (%d and %d lines)", what, len(la), len(lb))
}

// rounded is v as indented JSON with every number rounded to 9
// significant digits: sums taken in map order differ in their last bits.
func rounded(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var x any
	if err := json.Unmarshal(raw, &x); err != nil {
		t.Fatal(err)
	}
	var round func(any) any
	round = func(x any) any {
		switch x := x.(type) {
		case float64:
			f, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 9, 64), 64)
			return f
		case []any:
			for i := range x {
				x[i] = round(x[i])
			}
		case map[string]any:
			for k := range x {
				x[k] = round(x[k])
			}
		}
		return x
	}
	out, err := json.MarshalIndent(round(x), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func catchUp(t *testing.T, servers ...*Service) {
	t.Helper()
	for _, s := range servers {
		if err := s.CatchUp(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func analyze(t *testing.T, s *Service, tenantID int64) {
	t.Helper()
	if err := s.AnalyzeTenant(context.Background(), tenantID); err != nil {
		t.Fatal(err)
	}
}

func exerciseServers(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn := newTenant(t, st)
	a, b := newServer(t, st, "a"), newServer(t, st, "b")

	// Writes through a, analysed by a: b finds them and types them alike.
	trackTopics(t, a, tn, "a", 120)
	analyze(t, a, tn)
	// Each server loads the saved model with its model follower, the
	// analysing one too once its analysis ended (modelfollow.go).
	catchUp(t, a, b)
	va := viewOf(t, a, tn)
	if len(va.Types) == 0 || len(va.Matches[0]) == 0 {
		t.Fatalf("the analysing server learned nothing: %+v", va)
	}
	sameView(t, "b and a fresh start", viewOf(t, newServer(t, st, "x"), tn), viewOf(t, b, tn))
	sameView(t, "after a analysed", va, viewOf(t, b, tn))

	// Writes through b, analysed by b (after a released the tenant):
	// a follows.
	for i := range 150 {
		trackTopic(t, b, tn, fmt.Sprintf("b-%d", i), i+1)
	}
	analyze(t, b, tn)
	catchUp(t, a, b)
	sameView(t, "after b analysed", viewOf(t, b, tn), viewOf(t, a, tn))

	// One server at a time analyses a tenant.
	release, err := a.takeLease(ctx, tn)
	if err != nil {
		t.Fatal(err)
	}
	trackTopic(t, b, tn, "busy", 2)
	if err := b.AnalyzeTenant(ctx, tn); !IsBusy(err) {
		t.Fatalf("b analysed while a held the lease: err = %v", err)
	}
	// Nor do two jobs of one server: one would reload the model under
	// the other.
	if err := a.AnalyzeTenant(ctx, tn); !IsBusy(err) {
		t.Fatalf("a second job of a analysed the tenant at once: err = %v", err)
	}
	release()
	analyze(t, b, tn)

	// A delete through a reaches b.
	if err := a.Delete(ctx, tn, "a-0"); err != nil {
		t.Fatal(err)
	}
	catchUp(t, a, b)
	sameView(t, "after a delete", viewOf(t, a, tn), viewOf(t, b, tn))
	sameIndex(t, a, b, tn)

	// A follower restarted meanwhile loads what was saved and then
	// follows from there.
	c := newServer(t, st, "c")
	sameView(t, "restarted", viewOf(t, a, tn), viewOf(t, c, tn))
	trackTopics(t, a, tn, "late", 40)
	analyze(t, a, tn)
	catchUp(t, a, b, c)
	va = viewOf(t, a, tn)
	sameView(t, "b after late writes", va, viewOf(t, b, tn))
	sameView(t, "c after late writes", va, viewOf(t, c, tn))

	// A follower whose cursor fell behind what was pruned reloads.
	trackTopics(t, a, tn, "gone", 30)
	analyze(t, a, tn)
	catchUp(t, b) // b reads the feed; c, stopped, does not
	if err := st.Write(ctx, func(tx store.Tx) error {
		_, err := tx.ChangeDeleteBefore(ctx, time.Now().Add(time.Hour))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	trackTopic(t, a, tn, "after-prune", 1)
	analyze(t, a, tn)
	for _, f := range []*feed{&c.feed, &c.indexFeed, &c.modelFeed} {
		f.mu.Lock()
		f.lastOK = time.Now().Add(-time.Minute)
		f.mu.Unlock()
	}
	catchUp(t, a, b, c)
	va = viewOf(t, a, tn)
	sameView(t, "b after pruning", va, viewOf(t, b, tn))
	sameView(t, "c after pruning", va, viewOf(t, c, tn))
	sameIndex(t, a, c, tn)
}

func sameIndex(t *testing.T, a, b *Service, tenantID int64) {
	t.Helper()
	if na, nb := a.index.For(tenantID).Len(), b.index.For(tenantID).Len(); na != nb {
		t.Fatalf("indexes hold %d and %d conversations", na, nb)
	}
}

// TestFollowInBackground: a follower tailing the feed on its own finds
// each write through the other server once it is analysed, without being
// asked to catch up. How soon is a figure of BenchmarkCrossServerLag; the
// minute here only keeps a broken follower from hanging the test.
func TestFollowInBackground(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := sqlitetest.Open(t, t.TempDir())
	tn := newTenant(t, st)
	a, b := newServer(t, st, "a"), newServer(t, st, "b")
	b.feed.wake = make(chan struct{}, 1)
	followCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, s := range []*Service{a, b} { // a loads its own saves back
		wg.Add(1)
		go func() { defer wg.Done(); s.Follow(followCtx) }()
	}
	t.Cleanup(func() { stop(); wg.Wait() })

	const writes = 20
	var giveUp <-chan time.Time
	for i := range writes {
		trackTopic(t, a, tn, fmt.Sprintf("c-%d", i), i)
		analyze(t, a, tn) // what the job does, on whichever server takes it
		giveUp = time.After(time.Minute)
		for b.index.For(tn).Len() != i+1 {
			select {
			case <-b.feed.wake:
			case <-giveUp:
				t.Fatalf("write %d never applied by the follower", i)
			}
		}
	}
	// The index and the knowledge are followed on cursors of their own:
	// the answers agree once both have applied the last write.
	for {
		va, vb := viewOf(t, a, tn), viewOf(t, b, tn)
		if string(rounded(t, va)) == string(rounded(t, vb)) {
			return
		}
		select {
		case <-b.feed.wake:
		case <-time.After(50 * time.Millisecond): // the knowledge's reader may not wake it
		case <-giveUp:
			sameView(t, "after background following", va, vb)
		}
	}
}

// TestFeedLateCommitPostgres: a change whose id was taken before another's
// but which commits after it is still applied by a follower that already
// read the later one.
func TestFeedLateCommitPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := pgtest.Open(t)
	tn := newTenant(t, st)
	a, b := newServer(t, st, "a"), newServer(t, st, "b")
	trackTopics(t, a, tn, "c", 4)
	analyze(t, a, tn)
	catchUp(t, b)
	if n := b.index.For(tn).Len(); n != 4 {
		t.Fatalf("follower indexed %d conversations, want 4", n)
	}
	// Server a deletes c-0 in a transaction that takes its change's id and
	// then waits; meanwhile it deletes c-1, which commits first.
	held, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		attempt := 0
		done <- st.Write(ctx, func(tx store.Tx) error {
			c, err := tx.ConversationGetByExternalID(ctx, tn, "c-0")
			if err != nil {
				return err
			}
			if err := tx.ConversationDelete(ctx, c.ID); err != nil {
				return err
			}
			if err := a.appendChange(ctx, tx, tn, store.ChangeDelete, c.ID); err != nil {
				return err
			}
			if attempt++; attempt == 1 {
				close(held)
				<-release
			}
			return nil
		})
	}()
	<-held
	if err := a.Delete(ctx, tn, "c-1"); err != nil {
		t.Fatal(err)
	}
	catchUp(t, b)
	if n := b.index.For(tn).Len(); n != 3 {
		t.Fatalf("after the later delete the follower holds %d, want 3", n)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	catchUp(t, b)
	if n := b.index.For(tn).Len(); n != 2 {
		t.Fatalf("after the late commit the follower holds %d, want 2: the earlier id was skipped", n)
	}
}

// TestLeaseTakeover: a server killed while analysing a tenant leaves its
// lease behind; another server's jobs are refused until it lapses, then one
// takes the tenant over, applies what the dead server saved, and analyses
// what it left dirty.
func TestLeaseTakeover(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := sqlitetest.Open(t, t.TempDir())
	tn := newTenant(t, st)
	a, b := newServer(t, st, "a"), newServer(t, st, "b")
	trackTopics(t, a, tn, "c", 30)
	analyze(t, a, tn)
	// a takes the lease for its next job and dies: it never releases it.
	if _, err := a.takeLease(ctx, tn); err != nil {
		t.Fatal(err)
	}
	trackTopics(t, b, tn, "d", 10)
	if err := b.AnalyzeTenant(ctx, tn); !IsBusy(err) {
		t.Fatalf("b analysed under a live lease: err = %v", err)
	}
	clock := time.Now().Add(analysisLease + time.Second)
	b.now = func() time.Time { return clock }
	analyze(t, b, tn)
	if n := b.index.For(tn).Len(); n != 40 {
		t.Fatalf("after taking over b indexed %d conversations, want 40", n)
	}
	c := newServer(t, st, "c") // a restarted: it loads what b saved
	catchUp(t, b)              // b loads its own save back, as its model follower does
	sameView(t, "after the takeover", viewOf(t, b, tn), viewOf(t, c, tn))
}

// TestFeedStartsAtFirstChange: a server starting on a feed pruned empty
// does not wait on the ids pruned before it started as if they were gaps.
func TestFeedStartsAtFirstChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := sqlitetest.Open(t, t.TempDir())
	var tn int64
	err := st.Write(ctx, func(tx store.Tx) error {
		t, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "acme", CreatedAt: time.Now()})
		if err != nil {
			return err
		}
		tn = t.ID
		for range 50 {
			if err := tx.ChangeAppend(ctx, &store.Change{TenantID: tn, Kind: store.ChangeModel, Server: "gone", CreatedAt: time.Now().Add(-2 * time.Hour)}); err != nil {
				return err
			}
		}
		_, err = tx.ChangeDeleteBefore(ctx, time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	a, b := newServer(t, st, "a"), newServer(t, st, "b")
	trackTopic(t, a, tn, "c-1", 1)
	analyze(t, a, tn)
	catchUp(t, b)
	last, err := st.ChangeList(ctx, 0, 100)
	if err != nil || len(last) == 0 {
		t.Fatalf("feed: %v %v", last, err)
	}
	b.feed.mu.Lock()
	defer b.feed.mu.Unlock()
	if want := last[len(last)-1].ID; b.feed.cursor != want || len(b.feed.gaps) != 0 {
		t.Fatalf("cursor %d with %d gaps, want %d and none: the pruned ids were taken for gaps", b.feed.cursor, len(b.feed.gaps), want)
	}
}
