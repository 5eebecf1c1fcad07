package knowledge

import (
	"sync"
	"testing"
)

// TestConsolidationLetsReadersIn checks that while a consolidation
// re-weighs and partitions the types' graph, its slow part, the tenant's
// lock is free for readers (a similarity request waits for it); that
// readers running then race with nothing (under -race); and that the
// tenant answers as a whole afterwards.
func TestConsolidationLetsReadersIn(t *testing.T) {
	var calls, readable int
	stop := make(chan struct{})
	var readers sync.WaitGroup
	partitioning = func(k *tenantKnowledge) {
		calls++
		if k.mu.TryRLock() {
			readable++
			k.mu.RUnlock()
		}
		readers.Add(1)
		go func() { // reads as a similarity request does, until the test ends
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				k.mu.RLock()
				for id := range k.types {
					k.recommend(id, nil)
					break
				}
				k.mu.RUnlock()
				k.model.Predict("charged twice for my subscription plan")
			}
		}()
	}
	defer func() { partitioning = nil }()
	e, ix := trainIssues(t, routineIssues, 40, 0, 5)
	close(stop)
	readers.Wait()
	if calls == 0 {
		t.Fatal("no consolidation ran: the test does not test anything")
	}
	if readable != calls {
		t.Fatalf("the tenant's lock was free for readers in %d of %d partitions", readable, calls)
	}
	res := e.Similar(1, SimilarParams{Index: ix, Message: "charged twice for my subscription plan", Limit: 5, MinSimilarity: 0.1})
	if len(res.Matches) == 0 || res.Recommendation == nil || len(res.Recommendation.Actions) == 0 {
		t.Fatalf("after the consolidations: %d matches, recommendation %+v", len(res.Matches), res.Recommendation)
	}
}
