package conversation

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/retrieval"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

// Embedder turns texts into L2-normalised vectors of one space
// (provider.Static and provider.Client implement it).
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
	// Name identifies the space: vectors of different names never mix.
	Name() string
	// Local reports whether Embed runs in the process, cheaply enough for
	// a track's path; a remote embedder is called in the background, and
	// on a similarity's path within Config.EmbeddingsTimeout.
	Local() bool
}

// Retrieval modes of a similarity answer.
const (
	// RetrievalLexical: no embedder is configured; BM25 and the issue-type
	// model rank alone.
	RetrievalLexical = "lexical"
	// RetrievalHybrid: the query's embedding joined the ranking.
	RetrievalHybrid = "hybrid"
	// RetrievalLexicalFallback: an embedder is configured but did not
	// answer in time; the answer is lexical.
	RetrievalLexicalFallback = "lexical_fallback"
)

// The vectors of a conversation are the embedding of its index text
// (IndexText), kept per tenant in memory (search.Vectors, int8) and not
// stored: a start embeds every conversation again (backfill), in the
// background, while similarity answers with what is embedded so far. With
// a local model a track embeds its conversation itself, in microseconds;
// with a remote provider tracks only queue the text, and a background
// loop embeds in batches, waiting and trying again while the provider is
// down, so that a track never waits on the network.
type vectors struct {
	emb     Embedder
	sets    *search.VectorCatalog
	timeout time.Duration

	mu      sync.Mutex
	pending map[vecKey]string // remote: texts waiting for their vectors
	wake    chan struct{}

	// down is set while the provider fails (one incident, logged once
	// when it starts and once when it ends); meanwhile similarity asks
	// it for a query's vector at most once per probeEvery (probe holds
	// the last time, in ns), and answers lexically at once otherwise.
	down  atomic.Bool
	probe atomic.Int64
}

// probeEvery is how often, during an incident, a similarity query tries
// the provider again.
const probeEvery = 10 * time.Second

type vecKey struct{ tenantID, id int64 }

// backfillPage is how many conversations the backfill reads and embeds
// at once.
const backfillPage = 256

func newVectors(emb Embedder, timeout time.Duration) *vectors {
	if timeout <= 0 {
		timeout = time.Second
	}
	return &vectors{emb: emb, sets: search.NewVectorCatalog(), timeout: timeout,
		pending: map[vecKey]string{}, wake: make(chan struct{}, 1)}
}

// embedIndexed gives a conversation just indexed its vector: at once with
// a local model, through the background loop with a remote one.
func (s *Service) embedIndexed(tenantID, id int64, text string) {
	v := s.vec
	if v == nil {
		return
	}
	if v.emb.Local() {
		if vecs, err := v.emb.Embed(context.Background(), []string{text}); err == nil {
			s.putVector(tenantID, id, vecs[0])
		}
		return
	}
	v.mu.Lock()
	v.pending[vecKey{tenantID, id}] = text
	v.mu.Unlock()
	select {
	case v.wake <- struct{}{}:
	default:
	}
}

// putVector stores id's vector unless the conversation left the index
// meanwhile (deleted while its text was being embedded).
func (s *Service) putVector(tenantID, id int64, vec []float32) {
	if _, ok := s.index.For(tenantID).Tag(id); ok {
		s.vec.sets.For(tenantID).Upsert(id, vec)
		if _, still := s.index.For(tenantID).Tag(id); !still {
			s.vec.sets.For(tenantID).Delete(id) // deleted between the check and the upsert
		}
	}
}

// dropVector forgets a deleted conversation's vector.
func (s *Service) dropVector(tenantID, id int64) {
	if s.vec != nil {
		s.vec.sets.For(tenantID).Delete(id)
		s.vec.mu.Lock()
		delete(s.vec.pending, vecKey{tenantID, id})
		s.vec.mu.Unlock()
	}
}

// RunEmbeddings embeds, until ctx ends, every conversation in the index
// that has no vector yet (the backfill, at start), then what tracks queue
// for a remote provider. It returns at once without an embedder.
func (s *Service) RunEmbeddings(ctx context.Context) {
	if s.vec == nil {
		return
	}
	start := time.Now()
	n, err := s.backfill(ctx)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		s.logger.Warn("embeddings backfill stopped", "embedded", n, "err", err)
	} else {
		s.logger.Info("embeddings backfill done", "model", s.vec.emb.Name(), "embedded", n,
			"duration", time.Since(start).Round(time.Millisecond))
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.vec.wake:
		}
		s.drainPending(ctx)
	}
}

// backfill embeds, page by page in id order, the conversations of every
// tenant that are in the index without a vector. A page the provider
// cannot embed is tried again after a wait, until ctx ends.
func (s *Service) backfill(ctx context.Context) (int, error) {
	var after int64
	total := 0
	for {
		var keys []vecKey
		var texts []string
		got := 0
		err := s.store.ConversationScan(ctx, &store.ConversationScanParams{AfterID: after, Limit: backfillPage},
			func(c *fathom.Conversation, msgs []fathom.Message) error {
				after, got = c.ID, got+1
				if _, indexed := s.index.For(c.TenantID).Tag(c.ID); !indexed || s.vec.sets.For(c.TenantID).Has(c.ID) {
					return nil
				}
				keys = append(keys, vecKey{c.TenantID, c.ID})
				texts = append(texts, IndexText(c, msgs))
				return nil
			})
		if err != nil {
			return total, err
		}
		if got == 0 {
			return total, nil
		}
		if err := s.embedRetrying(ctx, keys, texts); err != nil {
			return total, err
		}
		total += len(keys)
		if total > 0 && total%(backfillPage*40) < len(keys) {
			s.logger.Info("embeddings backfill", "embedded", total, "after", after)
		}
	}
}

// drainPending embeds the texts tracks queued, in batches.
func (s *Service) drainPending(ctx context.Context) {
	for ctx.Err() == nil {
		v := s.vec
		v.mu.Lock()
		var keys []vecKey
		var texts []string
		for k, t := range v.pending {
			keys, texts = append(keys, k), append(texts, t)
			delete(v.pending, k)
			if len(keys) == backfillPage {
				break
			}
		}
		v.mu.Unlock()
		if len(keys) == 0 {
			return
		}
		if err := s.embedRetrying(ctx, keys, texts); err != nil {
			return // ctx ended
		}
	}
}

// embedRetrying embeds texts and stores their vectors, waiting and trying
// again while the provider fails; only ctx's end stops it.
func (s *Service) embedRetrying(ctx context.Context, keys []vecKey, texts []string) error {
	if len(keys) == 0 {
		return nil
	}
	wait := time.Second
	for {
		vecs, err := s.vec.emb.Embed(ctx, texts)
		if err == nil {
			s.providerUp()
			for i, k := range keys {
				s.putVector(k.tenantID, k.id, vecs[i])
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.providerDown(err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, time.Minute)
	}
}

// providerDown logs the start of an incident, once.
func (s *Service) providerDown(err error) {
	if s.vec.down.CompareAndSwap(false, true) {
		s.vec.probe.Store(time.Now().UnixNano())
		s.logger.Warn("embeddings provider failing: similarity answers lexically and vectors wait until it is back",
			"model", s.vec.emb.Name(), "err", err)
	}
}

// providerUp logs the end of an incident, once.
func (s *Service) providerUp() {
	if s.vec.down.CompareAndSwap(true, false) {
		s.logger.Info("embeddings provider back", "model", s.vec.emb.Name())
	}
}

// queryDense embeds a similarity query within the embeddings timeout; a
// nil Scorer means the answer is lexical, and mode says why.
func (s *Service) queryDense(ctx context.Context, tenantID int64, message string) (retrieval.Scorer, string) {
	if s.vec == nil {
		return nil, RetrievalLexical
	}
	set := s.vec.sets.For(tenantID)
	if set.Len() == 0 {
		// Nothing embedded yet for this tenant: no call to make.
		return nil, RetrievalLexicalFallback
	}
	if s.vec.down.Load() {
		last := s.vec.probe.Load()
		now := time.Now().UnixNano()
		if now-last < int64(probeEvery) || !s.vec.probe.CompareAndSwap(last, now) {
			return nil, RetrievalLexicalFallback
		}
	}
	ctx, cancel := context.WithTimeout(ctx, s.vec.timeout)
	defer cancel()
	vecs, err := s.vec.emb.Embed(ctx, []string{message})
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.providerDown(err)
		}
		return nil, RetrievalLexicalFallback
	}
	s.providerUp()
	return retrieval.Dense{Vectors: set, Vec: vecs[0]}, RetrievalHybrid
}
