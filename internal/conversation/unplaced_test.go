package conversation

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// A server killed (SIGKILL) between two model saves leaves the placements
// of its last rounds out of the saved model: their analyses are stored and
// in the feed, so every server counts them, but no model holds them (no
// neighbour search finds them) until a restart analyses them again. The
// server that takes the tenant's analysis over places them itself, when a
// write brings a job or, with nothing written, when the periodic sweep
// (AnalysisResume) does.

func TestKilledBetweenSavesPostgres(t *testing.T) {
	t.Parallel()
	for _, byWrite := range []bool{false, true} {
		t.Run(fmt.Sprint("write=", byWrite), func(t *testing.T) {
			t.Parallel()
			exerciseKilledBetweenSaves(t, pgtest.Open(t), byWrite)
		})
	}
}

func TestKilledBetweenSavesSQLite(t *testing.T) {
	t.Parallel()
	exerciseKilledBetweenSaves(t, sqlitetest.Open(t, t.TempDir()), false)
}

func exerciseKilledBetweenSaves(t *testing.T, st store.Store, byWrite bool) {
	ctx := context.Background()
	tn := newTenant(t, st)
	a, b := newServer(t, st, "a"), newServer(t, st, "b")
	trackTopics(t, a, tn, "c", 30)
	analyze(t, a, tn) // and saved
	catchUp(t, a, b)

	// a's next job analyses ten more conversations, as AnalyzeTenant's
	// first round does, and a is killed before its model save: it never
	// saves, nor gives its lease up.
	trackTopics(t, a, tn, "d", 10)
	if _, err := a.takeLease(ctx, tn); err != nil {
		t.Fatal(err)
	}
	if err := st.Write(ctx, func(tx store.Tx) error { return tx.TenantClearAnalysisPending(ctx, tn) }); err != nil {
		t.Fatal(err)
	}
	dirty, err := st.ConversationListDirty(ctx, tn, analysisBatch)
	if err != nil || len(dirty) != 10 {
		t.Fatalf("%d conversations waiting, want 10 (err %v)", len(dirty), err)
	}
	placed, err := a.placeChunk(ctx, tn, dirty, false, &workClock{})
	if err != nil {
		t.Fatal(err)
	}
	kept, _, _, err := a.writeChunk(ctx, tn, placed).wait()
	if err != nil {
		t.Fatal(err)
	}
	a.know.Apply(tn, kept)

	// b counts them from the feed, under the types a stored, but its
	// model (a's last save) lacks them.
	catchUp(t, b)
	lost := make([]int64, len(dirty))
	for i, c := range dirty {
		lost[i] = c.ID
	}
	if missing := b.know.Model(tn).Lacking(lost); len(missing) != len(lost) {
		t.Fatalf("b's model holds %d of the conversations a analysed after its save, want none", len(lost)-len(missing))
	}

	jobs := b.queue.(*countingQueue).n
	if byWrite {
		trackTopic(t, b, tn, "e-0", 0)
	} else if err := b.AnalysisResume(ctx); err != nil {
		t.Fatal(err)
	}
	if b.queue.(*countingQueue).n == jobs {
		t.Fatal("no analysis job enqueued for the conversations the saved model lacks")
	}
	clock := time.Now().Add(analysisLease + time.Second) // a's lease lapsed
	b.now = func() time.Time { return clock }
	analyze(t, b, tn)
	if missing := b.know.Model(tn).Lacking(lost); len(missing) > 0 {
		t.Fatalf("after taking over, b's model lacks %d of the %d conversations a analysed after its save", len(missing), len(lost))
	}

	// What b saved holds them: a server started now finds nothing to
	// analyse again, and answers as b does.
	c := newServer(t, st, "c")
	if n, err := st.ConversationCountDirty(ctx); err != nil || n != 0 {
		t.Fatalf("a start found %d conversations missing from the saved model (err %v), want 0", n, err)
	}
	catchUp(t, b)
	sameView(t, "after the takeover", viewOf(t, b, tn), viewOf(t, c, tn))
}
