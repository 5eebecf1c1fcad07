package conversation

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
)

// Several servers on one database each hold every tenant's vectors, but
// a remote provider is asked for a new text's vector once, by the server
// whose track wrote it: the provider is paid per call and rate-limits,
// and three servers embedding every message would pay three times. That
// server embeds in its background loop as a server alone does, and saves
// the chunk of vectors after each batch; the save appends ChangeVectors to
// the change feed, and the other servers, which index the track from the
// feed, await its vector instead of embedding it (await) and take it from
// the saved chunk (followChunk). A local model embeds in microseconds and
// costs nothing: every server embeds with it as before.
//
// A chunk holds 4,096 conversations, so servers tracking at once save the
// same chunk. A save therefore merges, in the write transaction and under
// the chunk's lock (store.VectorChunkGet): the vectors this server changed
// since its last save replace the saved ones, and every other saved
// vector is kept (mergeChunk), so no server's save drops another's.
//
// The server that tracked a text may die before it saves the vector. A
// text awaited for longer than Config.EmbeddingsHandoff is handed over
// (handOver): the tenant's backfill job is enqueued, which the queue runs
// once across the servers and which embeds what no saved vector covers.
// A provider incident longer than the handoff can make a text embedded
// twice, by its server's loop once the provider is back and by the
// backfill; a server's death no longer loses a vector for good.

// awaitedText is a text another server tracked, whose vector is awaited
// from it.
type awaitedText struct {
	vecText
	since time.Time
}

// await records that the vector of the text t of key is another server's
// to embed, unless this server queued a newer one itself.
func (v *vectors) await(key vecKey, t vecText, now time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	delete(v.pending, key) // a newer text than the one queued: not worth a call
	if a, ok := v.awaited[key]; ok && a.tag == t.tag {
		a.stamp = t.stamp
		v.awaited[key] = a
		return
	}
	v.awaited[key] = awaitedText{t, now}
}

// settle ends the wait for key's vector when tag is the awaited text's
// (any text when tag is 0).
func (v *vectors) settle(key vecKey, tag uint32) {
	v.mu.Lock()
	if a, ok := v.awaited[key]; ok && (tag == 0 || a.tag == tag) {
		delete(v.awaited, key)
	}
	v.mu.Unlock()
}

// handOver enqueues the backfill of every tenant with a text awaited for
// longer than Config.EmbeddingsHandoff, and waits for those as long again
// (the backfill of a tenant already running may have read its stamps
// before). Without a job queue it embeds them itself.
func (s *Service) handOver(ctx context.Context) {
	v, now := s.vec, s.now()
	tenants := map[int64]int{}
	v.mu.Lock()
	for k, a := range v.awaited {
		if now.Sub(a.since) < s.cfg.EmbeddingsHandoff {
			continue
		}
		tenants[k.tenantID]++
		if s.backfills == nil {
			v.pending[k] = a.vecText
			delete(v.awaited, k)
		} else {
			a.since = now
			v.awaited[k] = a
		}
	}
	v.mu.Unlock()
	for tenantID, n := range tenants {
		s.logger.Warn("embeddings: vectors another server was to save did not come; handing them to the backfill",
			"tenant", tenantID, "conversations", n, "waited", s.cfg.EmbeddingsHandoff)
		if s.backfills == nil {
			select {
			case v.wake <- struct{}{}:
			default:
			}
			continue
		}
		s.enqueueBackfill(ctx, tenantID)
	}
}

// mergeChunk is the chunk to save in tx on a shared database: the saved
// chunk, read under its lock, with the vectors of touched replaced by
// this server's own (in own, the server's encoding of the chunk; an id
// of touched own does not hold was deleted). The saved vectors it keeps
// are taken into memory too, where they are newer (followData).
func (s *Service) mergeChunk(ctx context.Context, tx store.Tx, k chunkKey, own []byte, touched map[int64]bool) ([]byte, error) {
	saved, err := tx.VectorChunkGet(ctx, k.tenantID, k.chunk, s.vec.emb.Name())
	if err != nil || len(saved) == 0 {
		return own, err
	}
	s.followData(k.tenantID, k.chunk, saved, touched)
	lo := k.chunk * indexChunkWidth
	merged := search.NewVectors()
	if _, err := merged.LoadRangeStamped(own, lo, func(id int64, _, _ uint32) bool { return touched[id] }); err != nil {
		return own, nil
	}
	if _, err := merged.LoadRangeStamped(saved, lo, func(id int64, _, _ uint32) bool { return !touched[id] }); err != nil {
		// Of another dimension (the provider's model changed under its
		// name, and this server dropped the old vectors): its own replace
		// them whole.
		return own, nil
	}
	return merged.AppendRange(nil, lo, lo+indexChunkWidth), nil
}

// followChunk loads a chunk another server saved (followData) and
// returns how many vectors it took.
func (s *Service) followChunk(ctx context.Context, tenantID, chunk int64) (int, error) {
	data, err := s.store.VectorChunkGet(ctx, tenantID, chunk, s.vec.emb.Name())
	if err != nil || data == nil {
		return 0, err
	}
	return s.followData(tenantID, chunk, data, nil), nil
}

// followData takes from a saved chunk the vectors of conversations in the
// index that are newer than the server's (skip aside: ids it changed
// itself since its last save): those it holds none of; those of the
// conversation's current stamp where its own is of an older one; and
// those of the text it awaits from another server, which end the wait.
// It gives those of the conversations' current text to the issue-type
// model, and returns how many it took.
func (s *Service) followData(tenantID, chunk int64, data []byte, skip map[int64]bool) int {
	ix, set, v := s.index.For(tenantID), s.vec.sets.For(tenantID), s.vec
	v.mu.Lock()
	awaited := map[int64]awaitedText{}
	for k, a := range v.awaited {
		if k.tenantID == tenantID && k.id/indexChunkWidth == chunk {
			awaited[k.id] = a
		}
	}
	v.mu.Unlock()
	var current, arrived []int64
	n, err := set.LoadRangeOver(data, chunk*indexChunkWidth, func(id int64, tag, stamp uint32, held bool, heldStamp uint32) bool {
		ixTag, ok := ix.Tag(id)
		if !ok || id/indexChunkWidth != chunk || skip[id] {
			return false
		}
		a, waiting := awaited[id]
		waited := waiting && a.tag == tag
		if held && !waited && (stamp != ixTag || heldStamp == ixTag) {
			return false
		}
		if waited {
			arrived = append(arrived, id)
		}
		if stamp == ixTag {
			current = append(current, id)
		}
		return true
	})
	if err != nil {
		s.logger.Warn("embeddings: a saved chunk of vectors does not load; its conversations are embedded again by the next backfill",
			"tenant", tenantID, "chunk", chunk, "err", err)
		return 0
	}
	for _, id := range arrived {
		// The text is the awaited one: its vector is of the stamp this
		// server indexed it at too.
		a := awaited[id]
		set.SetStamp(id, a.tag, a.stamp)
		current = append(current, id)
		v.settle(vecKey{tenantID, id}, a.tag)
	}
	if s.cfg.IssueTypesByMeaning {
		s.attachCurrent(tenantID, current)
	}
	return n
}
