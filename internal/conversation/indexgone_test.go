package conversation

import (
	"context"
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// lateStore holds back, while held, what the transactions it runs register
// to run after their commit, until release: a goroutine that commits and
// is then descheduled before its after-commit work.
type lateStore struct {
	store.Store
	mu      sync.Mutex
	holding bool
	late    []func()
}

func (l *lateStore) Write(ctx context.Context, fn func(store.Tx) error) error {
	return l.Store.Write(ctx, func(tx store.Tx) error { return fn(&lateTx{Tx: tx, l: l}) })
}

// hold makes the after-commit work of the transactions that commit from
// now on wait; stop ends that, keeping what waits; release runs it.
func (l *lateStore) hold() { l.mu.Lock(); l.holding = true; l.mu.Unlock() }

func (l *lateStore) stop() { l.mu.Lock(); l.holding = false; l.mu.Unlock() }

func (l *lateStore) release() {
	l.stop()
	l.mu.Lock()
	late := l.late
	l.late = nil
	l.mu.Unlock()
	for _, f := range late {
		f()
	}
}

type lateTx struct {
	store.Tx
	l *lateStore
}

func (t *lateTx) AfterCommit(f func()) {
	t.Tx.AfterCommit(func() {
		t.l.mu.Lock()
		if t.l.holding {
			t.l.late = append(t.l.late, f)
			t.l.mu.Unlock()
			return
		}
		t.l.mu.Unlock()
		f()
	})
}

// A track whose index update lands after a delete of its conversation,
// made on the same server or on another whose change is applied first,
// leaves nothing in the index: it used to leave the deleted conversation
// there until a restart.
func TestTrackIndexedAfterDeletePostgres(t *testing.T) {
	t.Parallel()
	exerciseTrackIndexedAfterDelete(t, pgtest.Open(t), true)
}

// On SQLite, one server alone (a second is refused).
func TestTrackIndexedAfterDeleteSQLite(t *testing.T) {
	t.Parallel()
	exerciseTrackIndexedAfterDelete(t, sqlitetest.Open(t, t.TempDir()), false)
}

func exerciseTrackIndexedAfterDelete(t *testing.T, st store.Store, shared bool) {
	ctx := context.Background()
	tn := newTenant(t, st)
	late := &lateStore{Store: st}
	a, b := newServer(t, late, "a"), newServer(t, st, "b")
	idOf := func(externalID string) int64 {
		t.Helper()
		c, err := st.ConversationGetByExternalID(ctx, tn, externalID)
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	holds := func(s *Service, id int64) bool {
		_, ok := s.index.For(tn).Tag(id)
		return ok
	}

	// Deleted on the same server.
	trackTopic(t, a, tn, "here", 1)
	here := idOf("here")
	if !holds(a, here) {
		t.Fatal("a tracked conversation is not in the index")
	}
	late.hold()
	trackTopic(t, a, tn, "here", 2) // its index update is late...
	late.stop()
	if err := a.Delete(ctx, tn, "here"); err != nil { // ...the delete's is not
		t.Fatal(err)
	}
	late.release()
	if holds(a, here) {
		t.Error("the index of the server that deleted a conversation holds it after a late track")
	}

	// Tracked again under the same external id, it is a new conversation,
	// of a new id (SQLite gave the deleted one's again, whose tombstone
	// then kept it out when both were created in the same millisecond),
	// and indexed.
	trackTopic(t, a, tn, "here", 5)
	if again := idOf("here"); again == here || !holds(a, again) {
		t.Errorf("a conversation tracked again after its delete (id %d, was %d) is not in the index", again, here)
	}
	if !shared {
		return
	}

	// Deleted on another server, whose change the first applies before
	// its own track's update lands.
	late.hold()
	trackTopic(t, a, tn, "there", 4)
	late.stop()
	there := idOf("there")
	if err := b.Delete(ctx, tn, "there"); err != nil {
		t.Fatal(err)
	}
	catchUp(t, a)
	late.release()
	if holds(a, there) {
		t.Error("a server's index holds a conversation deleted on another after a late track")
	}
	if holds(b, there) {
		t.Error("the index of the server that deleted a conversation holds it")
	}
}
