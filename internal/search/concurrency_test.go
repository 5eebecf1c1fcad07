package search

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// TestConcurrentSearchAndUpsert is meant for -race: searches run while
// documents are upserted and deleted (forcing compactions), and every result
// must still be well-formed.
func TestConcurrentSearchAndUpsert(t *testing.T) {
	c := NewCatalog()
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 7))
			ix := c.For(1)
			for i := range 2000 {
				id := int64(r.IntN(500))
				if i%4 == 0 {
					ix.Delete(id)
				} else {
					ix.Upsert(id, randomText(r))
				}
			}
		})
	}
	for s := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(s), 9))
			for range 500 {
				hits, total := c.For(1).Search(randomText(r), 5, 0.05)
				if len(hits) > 5 || total < len(hits) {
					t.Errorf("malformed result: %d hits, total %d", len(hits), total)
				}
				for i, h := range hits {
					if h.Similarity < 0.05 || h.Similarity > 1 || i > 0 && h.Score > hits[i-1].Score {
						t.Errorf("malformed hit %+v in %+v", h, hits)
					}
				}
				_ = c.For(1).Len()
			}
		})
	}
	wg.Wait()
	checkInvariants(t, c.For(1))
}
