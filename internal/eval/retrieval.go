package eval

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/search"
)

// RetrievalMetrics score ranked lists by the intent of each hit.
type RetrievalMetrics struct {
	Queries int
	Top1    float64 // the best hit has the query's intent
	P5, P10 float64 // share of the top 5 / 10 with the query's intent (missing hits count as wrong)
	MRR     float64 // mean of 1/rank of the first hit with the query's intent, within the top 10
}

func (m RetrievalMetrics) String() string {
	return fmt.Sprintf("top-1 %.3f  P@5 %.3f  P@10 %.3f  MRR %.3f  (%d queries)", m.Top1, m.P5, m.P10, m.MRR, m.Queries)
}

// Add accumulates one query's ranked intents (best first); Finish turns
// the sums into means.
func (m *RetrievalMetrics) Add(want string, got []string) { m.add(want, got) }

// Finish turns the sums of Add into means, once.
func (m *RetrievalMetrics) Finish() { m.finish() }

// add accumulates one query's ranked intents.
func (m *RetrievalMetrics) add(want string, got []string) {
	m.Queries++
	hits5, hits10 := 0, 0
	rr := 0.0
	for i, g := range got {
		if i >= 10 {
			break
		}
		if g != want {
			continue
		}
		if i < 5 {
			hits5++
		}
		hits10++
		if rr == 0 {
			rr = 1 / float64(i+1)
		}
	}
	if len(got) > 0 && got[0] == want {
		m.Top1++
	}
	m.P5 += float64(hits5) / 5
	m.P10 += float64(hits10) / 10
	m.MRR += rr
}

func (m *RetrievalMetrics) finish() {
	n := float64(max(1, m.Queries))
	m.Top1, m.P5, m.P10, m.MRR = m.Top1/n, m.P5/n, m.P10/n, m.MRR/n
}

// TrainID is the conversation id of the i-th training example.
func TrainID(i int) string { return fmt.Sprintf("b77-train-%05d", i) }

// Load tracks and resolves each training example as a one-turn
// conversation, with concurrency workers.
func Load(ctx context.Context, c *client.Client, train []Example, concurrency int) error {
	return parallel(ctx, len(train), concurrency, func(ctx context.Context, i int) error {
		id := TrainID(i)
		if _, err := c.Track(ctx, client.TrackRequest{ConversationID: id,
			Messages: []client.Message{{Role: "user", Content: train[i].Text}}}); err != nil {
			return err
		}
		_, err := c.Resolve(ctx, client.ResolveRequest{ConversationID: id})
		return err
	})
}

// Retrieval asks similarity for every test example and scores the hits.
func Retrieval(ctx context.Context, c *client.Client, train, test []Example, concurrency int) (RetrievalMetrics, error) {
	intentOf := make(map[string]string, len(train))
	for i, ex := range train {
		intentOf[TrainID(i)] = ex.Intent
	}
	ranked := make([][]string, len(test))
	err := parallel(ctx, len(test), concurrency, func(ctx context.Context, i int) error {
		res, err := c.Similarity(ctx, client.SimilarityRequest{Message: test[i].Text, Limit: 10})
		if err != nil {
			return err
		}
		for _, h := range res.Conversations {
			ranked[i] = append(ranked[i], intentOf[h.ConversationID])
		}
		return nil
	})
	var m RetrievalMetrics
	for i, ex := range test {
		m.add(ex.Intent, ranked[i])
	}
	m.finish()
	return m, err
}

// BaselineBM25 is plain BM25 over the same texts, in process, with the same
// tokenisation and relevance threshold as the server's index.
func BaselineBM25(train, test []Example, minSimilarity float64) RetrievalMetrics {
	ix := search.NewIndex()
	for i, ex := range train {
		ix.Upsert(int64(i), ex.Text)
	}
	var m RetrievalMetrics
	for _, ex := range test {
		hits, _ := ix.Search(ex.Text, 10, minSimilarity)
		got := make([]string, len(hits))
		for j, h := range hits {
			got[j] = train[h.ID].Intent
		}
		m.add(ex.Intent, got)
	}
	m.finish()
	return m
}

// parallel runs fn(i) for i in [0, n) on workers goroutines and returns the
// first error.
func parallel(ctx context.Context, n, workers int, fn func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := fn(ctx, i); err != nil {
					cancel(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return context.Cause(ctx)
}
