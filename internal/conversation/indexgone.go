package conversation

import (
	"slices"
	"sync"
	"time"
)

// An index update is applied after the commit that made it (a track's
// AfterCommit, a round of analysis, another server's change read back by
// the index follower), and nothing orders it after the commit of a delete
// of the same conversation: a track that committed just before a delete
// could reach the index just after it, and the index then held the deleted
// conversation until the next restart. Answers were right (every hit is
// read back from the database), but the entry leaked. So a delete leaves a
// tombstone, and an update of a conversation that has one is dropped; the
// check and the update, the tombstone and the delete, are each made under
// one lock, so whichever comes second sees the first. A tombstone is kept
// for tombstoneTTL, far longer than an update takes to follow its commit.
// Neither engine gives a conversation's id again once it is deleted, so
// the id alone names the conversation a tombstone keeps out.

// tombstoneTTL is how long a deleted conversation's tombstone is kept.
const tombstoneTTL = 10 * time.Minute

// goneStripes spreads the tombstones over locks, so that index updates of
// different conversations seldom wait on each other.
const goneStripes = 64

// gone holds the tombstones of conversations deleted lately.
type gone struct {
	stripes [goneStripes]goneStripe
}

type goneKey struct{ tenantID, id int64 }

type goneStripe struct {
	mu   sync.Mutex
	at   map[goneKey]time.Time // when each was deleted
	fifo []goneKey             // in the order added, for pruning
}

func (g *gone) stripe(id int64) *goneStripe {
	return &g.stripes[uint64(id)%goneStripes]
}

// bury records that the conversation was deleted at now and, under the
// same lock, runs remove (its removal from the index).
func (g *gone) bury(tenantID, id int64, now time.Time, remove func()) {
	st := g.stripe(id)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.prune(now)
	if st.at == nil {
		st.at = map[goneKey]time.Time{}
	}
	k := goneKey{tenantID, id}
	if _, ok := st.at[k]; ok {
		// Moved to the end of the queue: pruned when the last one expires.
		st.fifo = slices.DeleteFunc(st.fifo, func(x goneKey) bool { return x == k })
	}
	st.fifo = append(st.fifo, k)
	st.at[k] = now
	remove()
}

// unlessBuried runs update of the conversation unless it has a tombstone,
// under the lock bury takes, and reports whether it ran.
func (g *gone) unlessBuried(tenantID, id int64, update func()) bool {
	st := g.stripe(id)
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.at[goneKey{tenantID, id}]; ok {
		return false
	}
	update()
	return true
}

// prune drops the tombstones older than tombstoneTTL; st.mu is held.
func (st *goneStripe) prune(now time.Time) {
	n := 0
	for _, k := range st.fifo {
		if now.Sub(st.at[k]) < tombstoneTTL {
			break
		}
		delete(st.at, k)
		n++
	}
	if n > 0 {
		st.fifo = append(st.fifo[:0], st.fifo[n:]...)
	}
}
