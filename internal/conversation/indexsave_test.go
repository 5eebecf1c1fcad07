package conversation

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

func TestSavedIndexSQLite(t *testing.T) {
	t.Parallel()
	exerciseSavedIndex(t, sqlitetest.Open(t, t.TempDir()))
}

func TestSavedIndexPostgres(t *testing.T) {
	t.Parallel()
	exerciseSavedIndex(t, pgtest.Open(t))
}

// exerciseSavedIndex: a server analyses (and so saves its index), then
// acknowledges writes it never saves (a new conversation, new notes on
// one, a delete) and stops as if killed. The next start loads the saved
// documents, reads from their text only the conversations that changed,
// and answers as an index built from every text would.
func exerciseSavedIndex(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn := newTenant(t, st)
	first := newServer(t, st, "")
	for i := range 12 {
		trackTopic(t, first, tn, fmt.Sprint("c", i), i)
	}
	analyze(t, first, tn)
	saved := 0
	if err := st.SearchChunkScan(ctx, 0, func(int64, []byte) error { saved++; return nil }); err != nil || saved == 0 {
		t.Fatalf("no chunk saved after analysis (%v)", err)
	}

	// Acknowledged, not analysed, never saved: the server is killed here.
	trackTopic(t, first, tn, "late", 1)
	_, err := first.Track(ctx, tn, TrackParams{ConversationID: "late2", Messages: []MessageInput{
		{Role: fathom.RoleUser, Content: "A zebrafish ate my boarding pass"}}})
	if err != nil {
		t.Fatal(err)
	}
	notes := "the unicorn voucher was applied by hand"
	if _, err := first.Resolve(ctx, tn, ResolveParams{ConversationID: "c2", ResolutionNotes: &notes}); err != nil {
		t.Fatal(err)
	}
	if err := first.Delete(ctx, tn, "c4"); err != nil {
		t.Fatal(err)
	}

	// What a start reads from text: only what changed since the save.
	var read []string
	probe := bareServer(st, Config{})
	if _, err := probe.loadIndex(ctx, func(c *fathom.Conversation, _ []fathom.Message) { read = append(read, c.ExternalID) }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(read)
	if want := []string{"c2", "late", "late2"}; !slices.Equal(read, want) {
		t.Errorf("the start read %v from text, want %v", read, want)
	}

	second := newServer(t, st, "")
	got := second.index.For(tn)
	if got.Len() != 13 {
		t.Errorf("the restarted index holds %d conversations, want 13", got.Len())
	}
	// The reference: every conversation's text indexed afresh.
	want := search.NewIndex()
	var after int64
	for {
		n := 0
		err := st.ConversationScan(ctx, &store.ConversationScanParams{AfterID: after, Limit: 100}, func(c *fathom.Conversation, msgs []fathom.Message) error {
			want.Upsert(c.ID, IndexText(c, msgs))
			after, n = c.ID, n+1
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	queries := []string{"zebrafish boarding pass", "unicorn voucher", "card payment declined", "charged twice subscription", "password", "package tracking"}
	for _, tp := range topics {
		queries = append(queries, tp.user)
	}
	for _, q := range queries {
		g, gn := got.Search(q, 20, 0)
		w, wn := want.Search(q, 20, 0)
		if !slices.Equal(g, w) || gn != wn {
			t.Errorf("%q after the restart: %v (%d), from every text: %v (%d)", q, g, gn, w, wn)
		}
	}
	if hits, _ := got.Search("zebrafish", 5, 0); len(hits) != 1 {
		t.Errorf("the conversation written after the save is not found: %v", hits)
	}

	// The start saved again what it read from text (in the background in
	// the server; here by hand), and analysis saves what it indexes (the
	// start queued again what the unsaved model lacked, a new version of
	// each): a third start reads nothing.
	analyze(t, second, tn)
	if err := second.SaveIndex(ctx); err != nil {
		t.Fatal(err)
	}
	read = nil
	third := bareServer(st, Config{})
	if _, err := third.loadIndex(ctx, func(c *fathom.Conversation, _ []fathom.Message) { read = append(read, c.ExternalID) }); err != nil {
		t.Fatal(err)
	}
	if len(read) != 0 {
		t.Errorf("after a save, a start still read %v from text", read)
	}
}
