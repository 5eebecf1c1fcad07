package conversation

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"maps"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/retrieval"
	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

// Embedder turns texts into L2-normalised vectors of one space
// (provider.Static and provider.Client implement it); a remote one is
// called on a similarity's path within Config.EmbeddingsTimeout.
type Embedder = provider.Embedder

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

// The vector of a conversation is the embedding of its index text
// (IndexText), tagged with a hash of that text, kept per tenant in memory
// (search.Vectors, int8) and saved in chunks of conversation ids like the
// search index (store.VectorChunkTx), each chunk marked with the model's
// name (Embedder.Name): a start loads the chunks of the configured model
// only, so two models' vectors never mix, and a model change re-embeds
// everything. With a local model a track embeds its conversation itself,
// in microseconds; with a remote provider tracks only queue the text, and
// a background loop embeds in batches, waiting and trying again while the
// provider is down, so that a track never waits on the network. At start
// the same loop loads the saved vectors and enqueues the backfill, a job
// per tenant run by one server (vectorjob.go), which compares every
// conversation's stamp with its vector's and reads only the others
// (vectorbackfill.go), embedding those whose text's hash no vector
// matches: new ones, those changed since the save, all of them after a
// model change; then it gives the issue-type model the vectors it lacks.
// The other servers on the database load the chunks it saves. The
// issue-type model gets each conversation's vector with its analysis, or
// when the vector comes if that is later (putVector).
type vectors struct {
	emb     Embedder
	sets    *search.VectorCatalog
	timeout time.Duration

	// loaded is closed once the start has loaded the saved vectors (the
	// backfill job waits for it).
	loaded chan struct{}

	mu      sync.Mutex
	pending map[vecKey]vecText // remote: texts waiting for their vectors
	wake    chan struct{}
	// saved tracks the chunks of vectors changed since they were saved,
	// and touched their ids (on a shared database a save merges them
	// into the saved chunk: vectorshare.go).
	saved   indexSaver
	touched map[chunkKey]map[int64]bool
	// awaited holds, on a shared database with a remote provider, the
	// texts another server tracked, whose vectors that server embeds and
	// saves, since when they are awaited.
	awaited map[vecKey]awaitedText

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

// vecText is a text to embed: what its vector will be tagged with (its
// hash, textTag) and stamped with (the stamp of the conversation it was
// read from, stampTag).
type vecText struct {
	text       string
	tag, stamp uint32
}

// embedJob is one conversation's text to embed.
type embedJob struct {
	key vecKey
	vecText
}

// backfillPage is how many conversations the backfill reads and embeds
// at once.
const backfillPage = 256

func newVectors(emb Embedder, timeout time.Duration) *vectors {
	if timeout <= 0 {
		timeout = time.Second
	}
	return &vectors{emb: emb, sets: search.NewVectorCatalog(), timeout: timeout, loaded: make(chan struct{}),
		pending: map[vecKey]vecText{}, wake: make(chan struct{}, 1), touched: map[chunkKey]map[int64]bool{},
		awaited: map[vecKey]awaitedText{}}
}

// touch marks id's vector as changed since the last save.
func (v *vectors) touch(tenantID, id int64) {
	v.saved.mark(tenantID, id)
	k := chunkKey{tenantID, id / indexChunkWidth}
	v.mu.Lock()
	if v.touched[k] == nil {
		v.touched[k] = map[int64]bool{}
	}
	v.touched[k][id] = true
	v.mu.Unlock()
}

// textTag is what a vector is tagged with: a hash of the text it embeds,
// so that a text unchanged is not embedded again.
func textTag(text string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(text))
	return h.Sum32()
}

// current reports whether id has a vector of the text tagged tag.
func (v *vectors) current(tenantID, id int64, tag uint32) bool {
	got, ok := v.sets.For(tenantID).Tag(id)
	return ok && got == tag
}

// embedIndexed gives a conversation just indexed, at the stamp stamp, its
// vector, unless it has one of the same text (then only the stamp is
// recorded): at once with a local model, through the background loop with
// a remote one. tracked says this server's track wrote the text; on a
// shared database a remote provider's vector of a text another server
// wrote is awaited from that server instead (vectorshare.go).
func (s *Service) embedIndexed(tenantID, id int64, stamp uint32, text string, tracked bool) {
	v := s.vec
	if v == nil {
		return
	}
	tag := textTag(text)
	if v.current(tenantID, id, tag) {
		s.restamp(tenantID, id, tag, stamp)
		v.settle(vecKey{tenantID, id}, tag)
		return
	}
	if !v.emb.Local() && s.Shared() {
		if !tracked {
			v.await(vecKey{tenantID, id}, vecText{text, tag, stamp}, s.now())
			return
		}
		v.settle(vecKey{tenantID, id}, 0)
	}
	if v.emb.Local() {
		if vecs, err := v.emb.Embed(context.Background(), []string{text}); err == nil {
			s.putVector(tenantID, id, tag, stamp, vecs[0])
		}
		return
	}
	v.mu.Lock()
	v.pending[vecKey{tenantID, id}] = vecText{text, tag, stamp}
	v.mu.Unlock()
	select {
	case v.wake <- struct{}{}:
	default:
	}
}

// restamp records that id's vector, of the text tagged tag, is that of
// the conversation at stamp too, to be saved with its chunk.
func (s *Service) restamp(tenantID, id int64, tag, stamp uint32) {
	if s.vec.sets.For(tenantID).SetStamp(id, tag, stamp) {
		s.vec.touch(tenantID, id)
	}
}

// putVector keeps id's vector, of the conversation's text at stamp, to be
// saved with its chunk, unless the conversation left the index meanwhile
// (deleted while its text was being embedded), and gives it to the
// issue-type model if the model holds the conversation without one (it
// was analysed before its vector came). A vector of another dimension
// than the tenant's others (the provider's model changed under the same
// name) empties the tenant's set: the next start's backfill embeds the
// rest in the new space.
func (s *Service) putVector(tenantID, id int64, tag, stamp uint32, vec []float32) {
	if _, ok := s.index.For(tenantID).Tag(id); !ok {
		return
	}
	set := s.vec.sets.For(tenantID)
	if !set.UpsertStamped(id, tag, stamp, vec) {
		s.logger.Warn("embeddings: the provider's vectors changed dimension; the tenant's vectors are dropped and embedded again by a backfill",
			"tenant", tenantID, "model", s.vec.emb.Name(), "dimension", len(vec))
		s.markVectorsReset(tenantID, set)
		set.UpsertStamped(id, tag, stamp, vec)
		s.enqueueBackfill(context.Background(), tenantID)
	}
	if _, still := s.index.For(tenantID).Tag(id); !still {
		set.Delete(id) // deleted between the check and the upsert
	} else if s.cfg.IssueTypesByMeaning {
		s.know.AttachVector(tenantID, id, vec)
	}
	s.vec.settle(vecKey{tenantID, id}, tag)
	s.vec.touch(tenantID, id)
}

// denseOf is the vector of the conversation's current text for its
// analysis, nil when there is none (no embedder, or not embedded yet: the
// vector is given to the model when it comes, see putVector).
func (s *Service) denseOf(c *fathom.Conversation, msgs []fathom.Message) []float32 {
	if s.vec == nil || !s.cfg.IssueTypesByMeaning {
		return nil
	}
	v, tag, ok := s.vec.sets.For(c.TenantID).Vector(c.ID)
	if !ok || tag != textTag(IndexText(c, msgs)) {
		return nil
	}
	return v
}

// embedProposals hands the engine a local emb to give the proposals it
// learns solutions from their vectors, when SolutionMeaningWeight asks
// for them. A remote embedder is not handed in: analysis would wait on
// the network for every proposal.
func (s *Service) embedProposals(emb Embedder) {
	if s.cfg.SolutionMeaningWeight <= 0 || !emb.Local() {
		return
	}
	s.know.SolutionsByMeaning(s.cfg.SolutionMeaningWeight, func(texts []string) [][]float32 {
		vecs, err := emb.Embed(context.Background(), texts)
		if err != nil {
			return nil
		}
		return vecs
	})
}

// attachLoaded gives the issue-type model the vectors of the
// conversations it holds without one: analysed before their vectors came
// and saved so, or loaded from a model saved before it held vectors. Only
// a vector of the conversation's current text is given (its stamp is the
// index's).
func (s *Service) attachLoaded() int {
	if !s.cfg.IssueTypesByMeaning {
		return 0
	}
	n := 0
	for _, tenantID := range s.know.Tenants() {
		n += s.attachCurrent(tenantID, s.vec.sets.For(tenantID).IDs())
	}
	return n
}

// attachCurrent gives the issue-type model the vectors, among those of
// ids, of conversations it holds without one, where the vector is of the
// conversation's current text (its stamp is the index's tag), and
// returns how many it gave.
func (s *Service) attachCurrent(tenantID int64, ids []int64) int {
	set, model, ix := s.vec.sets.For(tenantID), s.know.Model(tenantID), s.index.For(tenantID)
	n := 0
	for _, id := range ids {
		if _, held := model.TypeOf(id); !held || model.HasDense(id) {
			continue
		}
		if st, ok := set.Stamp(id); !ok || st == 0 {
			continue
		} else if tag, ok := ix.Tag(id); !ok || tag != st {
			continue
		}
		if v, _, ok := set.Vector(id); ok && s.know.AttachVector(tenantID, id, v) {
			n++
		}
	}
	return n
}

// markVectorsReset empties a tenant's set and marks all its chunks, so the
// next save deletes what was saved of the old dimension.
func (s *Service) markVectorsReset(tenantID int64, set *search.Vectors) {
	for _, id := range set.Reset() {
		s.vec.touch(tenantID, id)
	}
}

// dropVector forgets a deleted conversation's vector.
func (s *Service) dropVector(tenantID, id int64) {
	if s.vec != nil {
		s.vec.sets.For(tenantID).Delete(id)
		s.vec.touch(tenantID, id)
		s.vec.mu.Lock()
		delete(s.vec.pending, vecKey{tenantID, id})
		delete(s.vec.awaited, vecKey{tenantID, id})
		s.vec.mu.Unlock()
	}
}

// RunEmbeddings loads the saved vectors, has every conversation in the
// index that has no vector of its text embedded (the backfill: enqueued
// as a job per tenant with Deps.Backfills, run here at start without),
// then embeds, until ctx ends, what tracks queue for a remote provider.
// It returns at once without an embedder.
func (s *Service) RunEmbeddings(ctx context.Context) {
	if s.vec == nil {
		return
	}
	start := time.Now()
	loaded, err := s.loadVectors(ctx)
	close(s.vec.loaded)
	switch {
	case err != nil && ctx.Err() == nil:
		s.logger.Warn("embeddings: saved vectors not loaded; embedding again", "err", err)
	case err == nil:
		s.logger.Info("embeddings: saved vectors loaded", "model", s.vec.emb.Name(), "vectors", loaded,
			"duration", time.Since(start).Round(time.Millisecond))
	}
	if s.backfills != nil {
		if n := s.attachLoaded(); n > 0 {
			s.logger.Info("embeddings: saved vectors given to the issue-type model", "conversations", n)
		}
		enqueued := make(chan struct{})
		go func() { defer close(enqueued); s.enqueueBackfills(ctx) }()
		defer func() { <-enqueued }()
		s.embedQueued(ctx)
		return
	}
	read, n, err := s.backfill(ctx)
	if err == nil {
		// After the backfill, so that every vector given is of its
		// conversation's current text.
		if n := s.attachLoaded(); n > 0 {
			s.logger.Info("embeddings: saved vectors given to the issue-type model", "conversations", n)
		}
	}
	if serr := s.SaveVectors(context.WithoutCancel(ctx)); serr != nil {
		s.logger.Warn("embeddings: vectors not saved", "err", serr)
	}
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		s.logger.Warn("embeddings backfill stopped", "embedded", n, "err", err)
	} else {
		s.logger.Info("embeddings backfill done", "model", s.vec.emb.Name(), "read", read, "embedded", n,
			"duration", time.Since(start).Round(time.Millisecond))
	}
	s.embedQueued(ctx)
}

// embedQueued embeds what tracks queue for a remote provider, until ctx
// ends; on a shared database it also hands over, past
// Config.EmbeddingsHandoff, the texts whose vectors another server did
// not save (handOver).
func (s *Service) embedQueued(ctx context.Context) {
	var check <-chan time.Time
	if s.Shared() && !s.vec.emb.Local() {
		t := time.NewTicker(max(s.cfg.EmbeddingsHandoff/4, 10*time.Millisecond))
		defer t.Stop()
		check = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.vec.wake:
		case <-check:
			s.handOver(ctx)
			continue
		}
		s.drainPending(ctx)
		if err := s.SaveVectors(ctx); err != nil && ctx.Err() == nil {
			s.logger.Warn("embeddings: vectors not saved", "err", err)
		}
	}
}

// loadVectors loads the saved vectors of the configured model whose
// conversations are in the index; the backfill checks them against the
// conversations' text.
func (s *Service) loadVectors(ctx context.Context) (int, error) {
	total := 0
	err := s.store.VectorChunkScan(ctx, s.vec.emb.Name(), func(tenantID, chunk int64, data []byte) error {
		ix := s.index.For(tenantID)
		n, err := s.vec.sets.For(tenantID).LoadRange(data, chunk*indexChunkWidth, func(id int64, _ uint32) bool {
			_, ok := ix.Tag(id)
			return ok && id/indexChunkWidth == chunk
		})
		if err != nil {
			s.logger.Warn("embeddings: a saved chunk of vectors does not load; embedding its conversations again",
				"tenant", tenantID, "chunk", chunk, "err", err)
		}
		total += n
		return nil
	})
	return total, err
}

// SaveVectors writes the chunks of vectors changed since the last save,
// in the configured model's space. A chunk it could not write is kept for
// the next. Without an embedder it does nothing.
func (s *Service) SaveVectors(ctx context.Context) error {
	if s.vec == nil {
		return nil
	}
	v := s.vec
	// The ids each chunk's bytes were taken with: on a shared database
	// only theirs replace the saved chunk's (mergeChunk).
	taken := map[chunkKey]map[int64]bool{}
	err := s.saveChunks(ctx, &v.saved, func(k chunkKey) []byte {
		v.mu.Lock()
		taken[k] = v.touched[k]
		delete(v.touched, k)
		v.mu.Unlock()
		return v.sets.For(k.tenantID).AppendRange(nil, k.chunk*indexChunkWidth, (k.chunk+1)*indexChunkWidth)
	}, func(tx store.Tx, k chunkKey, data []byte, at time.Time) error {
		if s.Shared() {
			var err error
			if data, err = s.mergeChunk(ctx, tx, k, data, taken[k]); err != nil {
				return err
			}
		}
		if err := tx.VectorChunkPut(ctx, &store.VectorChunkPutParams{TenantID: k.tenantID, Chunk: k.chunk,
			Space: v.emb.Name(), Data: data, At: at}); err != nil {
			return err
		}
		// The other servers on the database load it (followChunk).
		return s.appendChange(ctx, tx, k.tenantID, store.ChangeVectors, k.chunk)
	})
	if err != nil {
		// The chunks not written are marked again; their ids must be too,
		// or the next merge would take the saved vectors over them.
		v.saved.mu.Lock()
		unsaved := maps.Clone(v.saved.dirty)
		v.saved.mu.Unlock()
		for k, ids := range taken {
			if !unsaved[k] {
				continue
			}
			for id := range ids {
				v.touch(k.tenantID, id)
			}
		}
		return fmt.Errorf("save vectors: %w", err)
	}
	return nil
}

// drainPending embeds the texts tracks queued, in batches.
func (s *Service) drainPending(ctx context.Context) {
	for ctx.Err() == nil {
		v := s.vec
		v.mu.Lock()
		var jobs []embedJob
		for k, t := range v.pending {
			jobs = append(jobs, embedJob{k, t})
			delete(v.pending, k)
			if len(jobs) == backfillPage {
				break
			}
		}
		v.mu.Unlock()
		if len(jobs) == 0 {
			return
		}
		if err := s.embedRetrying(ctx, jobs); err != nil {
			return // ctx ended
		}
	}
}

// embedRetrying embeds texts and stores their vectors, waiting and trying
// again while the provider fails; only ctx's end stops it.
func (s *Service) embedRetrying(ctx context.Context, jobs []embedJob) error {
	if len(jobs) == 0 {
		return nil
	}
	texts := make([]string, len(jobs))
	for i, j := range jobs {
		texts[i] = j.text
	}
	wait := time.Second
	for {
		vecs, err := s.vec.emb.Embed(ctx, texts)
		if err == nil {
			s.providerUp()
			for i, j := range jobs {
				s.putVector(j.key.tenantID, j.key.id, j.tag, j.stamp, vecs[i])
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
