package conversation

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// A tracked conversation is found by similarity as soon as the track is
// acknowledged, before any analysis; and what the track indexed is what
// an index read from the database holds, through resends, appends of
// either role, openings longer than what a track reads of them, and
// reopening.
func TestTrackedSearchableBeforeAnalysis(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := sqlitetest.Open(t, t.TempDir())
	tn := newTenant(t, st)
	s := newServer(t, st, "")
	track := func(id string, msgs ...MessageInput) {
		t.Helper()
		if _, err := s.Track(ctx, tn, TrackParams{ConversationID: id, Messages: msgs}); err != nil {
			t.Fatal(err)
		}
	}
	user := func(text string) MessageInput { return MessageInput{Role: fathom.RoleUser, Content: text} }
	agent := func(text string) MessageInput { return MessageInput{Role: fathom.RoleAssistant, Content: text} }

	track("new", user("my parcel zorblat never arrived"), agent("I will check with the carrier."))
	if !lists(t, s, tn, "parcel zorblat never arrived", "new") {
		t.Fatal("a tracked conversation is not found before its analysis")
	}

	// Appends one message at a time: the opening grows with user turns
	// until the first answer, and later turns do not change it.
	track("steps", user("the invoice quixlet is wrong"))
	track("steps", user("it shows last month's plan"))
	if !lists(t, s, tn, "plan shown on the quixlet invoice", "steps") {
		t.Fatal("a user turn appended to an open opening is not found")
	}
	track("steps", agent("I have corrected the invoice."))
	track("steps", user("thanks, the quixlet invoice is fine now"))

	// An opening longer than a track reads of it.
	for i := 0; i < openingRead+5; i += 10 {
		var turns []MessageInput
		for j := i; j < i+10; j++ {
			turns = append(turns, user(fmt.Sprintf("still waiting on refund number %d", j)))
		}
		track("long", turns...)
	}
	track("long", user("the refund brimble was never paid"))
	if !lists(t, s, tn, "refund brimble never paid", "long") {
		t.Fatal("a user turn appended after a long opening is not found")
	}
	track("long", agent("Sorry, I am looking into it."), user("any news on the brimble refund?"))

	// A resend of the history with new messages, and a reopen.
	track("resend", user("the app logs me out"), agent("Please update the app."))
	if _, err := s.Resolve(ctx, tn, ResolveParams{ConversationID: "resend", ResolutionNotes: ptr("updated the app")}); err != nil {
		t.Fatal(err)
	}
	track("resend", user("the app logs me out"), agent("Please update the app."), user("it logs me out again after the update"))
	// Only an agent's turn: the text cannot change.
	track("agentonly", agent("Hello, how can I help?"))
	track("agentonly", agent("Are you still there?"))

	// The index the tracks built answers as one read from the database.
	fromStore := newServer(t, st, "")
	sameSearches(t, s, fromStore, tn, "parcel never arrived", "quixlet invoice wrong plan", "thanks fine now",
		"refund never paid brimble", "still waiting on refund number 3", "any news", "logs me out update", "app logs me out again",
		"updated the app", "are you still there")

	// Analysis leaves the tracked text as it is and indexes what changed
	// since (the resolve's notes).
	if _, err := s.Resolve(ctx, tn, ResolveParams{ConversationID: "new", ResolutionNotes: ptr("carrier found the zorblat parcel")}); err != nil {
		t.Fatal(err)
	}
	if err := s.AnalyzeTenant(ctx, tn); err != nil {
		t.Fatal(err)
	}
	if !lists(t, s, tn, "carrier found the parcel", "new") {
		t.Fatal("resolution notes not indexed by analysis")
	}
	if _, err := fromStore.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	sameSearches(t, s, fromStore, tn, "parcel never arrived", "carrier found the parcel", "quixlet invoice wrong plan", "app logs me out again")
}

// Followers index a conversation tracked on another server from the
// change feed alone, before any analysis, and drop a deleted one.
func TestTrackedFollowedSQLite(t *testing.T) {
	t.Parallel()
	exerciseTrackedFollowed(t, sqlitetest.Open(t, t.TempDir()))
}

func TestTrackedFollowedPostgres(t *testing.T) {
	t.Parallel()
	exerciseTrackedFollowed(t, pgtest.Open(t))
}

func exerciseTrackedFollowed(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn := newTenant(t, st)
	a, b := newServer(t, st, "a"), newServer(t, st, "b")
	trackTopics(t, a, tn, "t", 10)
	if err := b.catchUpIndex(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if !lists(t, b, tn, fmt.Sprintf("%s (order %d)", topics[i%len(topics)].user, i), fmt.Sprintf("t-%d", i)) {
			t.Fatalf("t-%d, tracked on a and not analysed, not found on b", i)
		}
	}
	sameIndex(t, a, b, tn)
	if err := a.Delete(ctx, tn, "t-3"); err != nil {
		t.Fatal(err)
	}
	if err := b.catchUpIndex(ctx); err != nil {
		t.Fatal(err)
	}
	sameIndex(t, a, b, tn)
	// Analysis on a, then the whole feed on b: the same answers.
	analyze(t, a, tn)
	catchUp(t, a, b)
	sameView(t, "after analysis", viewOf(t, a, tn), viewOf(t, b, tn))
}

// lists reports whether similarity for message lists conversation id.
func lists(t *testing.T, s *Service, tenantID int64, message, id string) bool {
	t.Helper()
	limit := 10
	res, err := s.Similar(context.Background(), tenantID, SimilarParams{Message: message, Limit: &limit})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Conversations {
		if c.Conversation.ExternalID == id {
			return true
		}
	}
	return false
}

// sameSearches checks that two services' indexes rank the tenant's
// conversations alike for each query.
func sameSearches(t *testing.T, a, b *Service, tenantID int64, queries ...string) {
	t.Helper()
	sameIndex(t, a, b, tenantID)
	for _, q := range queries {
		ha, _ := a.index.For(tenantID).Search(q, 20, 0)
		hb, _ := b.index.For(tenantID).Search(q, 20, 0)
		if !slices.Equal(ha, hb) {
			t.Fatalf("%q: the tracked index finds %v, the index read from the database %v", q, ha, hb)
		}
	}
}

func ptr[T any](v T) *T { return &v }
