package textproc

import (
	"sync"
	"sync/atomic"
)

// The memo of word analyses is bounded because conversation text carries an
// unbounded tail of typos, names and ids: 128k entries is a few MB and covers
// any realistic working vocabulary. It is sharded so that a merge (below)
// copies at most 8k entries, keeping the rare slow lookup under a millisecond.
const (
	memoShards   = 16
	memoCapacity = 1 << 17
	shardCap     = memoCapacity / memoShards
)

// memoShard caches analyse for some words. Reads are the tokeniser's hot
// path and run on every core during bulk loads, so they must not write shared
// memory (as even RWMutex.RLock does): hits are served lock-free from an
// immutable map, and misses go to a small mutex-guarded map that is
// periodically merged into a new immutable one. This is sync.Map's design
// without boxing keys in `any`, which would allocate on every lookup.
type memoShard struct {
	frozen atomic.Pointer[map[string]analysis]

	mu     sync.Mutex
	recent map[string]analysis // analyses not yet in frozen
	slow   int                 // slow-path lookups since the last merge
	_      [64]byte            // keep shards' mutexes off shared cache lines
}

var memo = func() *[memoShards]memoShard {
	var m [memoShards]memoShard
	for i := range m {
		m[i].frozen.Store(&map[string]analysis{})
		m[i].recent = map[string]analysis{}
	}
	return &m
}()

// lookup returns the analysis of the lower-cased word w, computing and
// remembering it on a miss. w may be scratch memory: map lookups with
// string(w) do not allocate, and a miss stores a copy so cached keys never
// pin the caller's text.
func lookup(w []byte) analysis {
	// A cheap shard choice: it only needs to spread words, not resist attack.
	s := &memo[(uint(len(w))*7+uint(w[0])+uint(w[len(w)-1])*31)%memoShards]
	if a, ok := (*s.frozen.Load())[string(w)]; ok {
		return a
	}
	return s.lookupSlow(w)
}

func (s *memoShard) lookupSlow(w []byte) analysis {
	s.mu.Lock()
	a, ok := s.recent[string(w)]
	s.mu.Unlock()
	if !ok {
		key := string(w)
		a = analyse(key) // outside the lock: stemming is the slow part
		s.mu.Lock()
		s.recent[key] = a
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.slow++
	// Merging copies the frozen map, so it waits until enough slow lookups
	// have happened to pay for it: at most about four copied entries each.
	if frozen := *s.frozen.Load(); s.slow > 64+(len(frozen)+len(s.recent))/4 {
		s.merge(frozen)
	}
	s.mu.Unlock()
	return a
}

// merge publishes frozen ∪ recent as the new frozen map, evicting arbitrary
// old entries (map iteration order is random) to stay within shardCap. For
// Zipf-distributed words random eviction is nearly as good as LRU and needs
// no recency bookkeeping on the read path. s.mu must be held.
func (s *memoShard) merge(frozen map[string]analysis) {
	keep := len(frozen)
	if len(frozen)+len(s.recent) > shardCap {
		// Evict down to three quarters so merges stay amortised when full.
		keep = max(0, shardCap*3/4-len(s.recent))
	}
	next := make(map[string]analysis, keep+len(s.recent))
	for k, v := range frozen {
		if len(next) >= keep {
			break
		}
		next[k] = v
	}
	for k, v := range s.recent {
		next[k] = v
	}
	s.frozen.Store(&next)
	s.recent = map[string]analysis{}
	s.slow = 0
}
