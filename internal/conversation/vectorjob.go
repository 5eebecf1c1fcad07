package conversation

import (
	"context"
	"slices"
	"time"
)

// With a job queue (Deps.Backfills) the backfill is a durable job per
// tenant and vector space rather than every server's work at start:
// servers sharing a PostgreSQL database would otherwise each embed the
// same conversations, paying the provider as many times and racing to
// save the same chunks. Every start enqueues one job per tenant in its
// model's space (the queue keeps one pending or running per tenant and
// space), so a model change, which changes the space, brings a job that
// embeds everything again in the new space, never mixing the two. One
// server runs the job: it first loads the tenant's chunks saved since
// its start (a backfill another server began and did not finish), then
// embeds the rest, saving as it goes, in slices (the queue gives a job a
// bounded time; a slice that ends early is run again). The other servers
// take the saved chunks from the change feed (ChangeVectors, followChunk)
// and embed nothing of it.

// BackfillTenant is the backfill job of a tenant in the vector space
// space: it embeds the tenant's conversations that have no vector of
// their current text, resuming after what any server saved, and returns
// ctx's error when ctx ends first (the vectors made so far are saved). A
// job of a space other than the server's model does nothing: it belongs
// to the servers configured with that model.
func (s *Service) BackfillTenant(ctx context.Context, tenantID int64, space string) error {
	if s.vec == nil || space != s.vec.emb.Name() {
		s.logger.Warn("embeddings backfill of another model left undone: this server embeds with another or none",
			"tenant", tenantID, "job_model", space)
		return nil
	}
	select {
	case <-s.vec.loaded: // the start's load of the saved vectors
	case <-ctx.Done():
		return ctx.Err()
	}
	start := time.Now()
	stamps, _, err := s.readStamps(ctx)
	if err != nil {
		return err
	}
	if _, err := s.followTenant(ctx, tenantID, stamps); err != nil {
		return err
	}
	res, err := s.backfillRun(ctx, tenantID, stamps)
	if serr := s.SaveVectors(context.WithoutCancel(ctx)); serr != nil {
		s.logger.Warn("embeddings: vectors not saved", "err", serr)
		if err == nil {
			err = serr
		}
	}
	if err != nil {
		s.logger.Info("embeddings backfill paused", "tenant", tenantID, "model", space, "read", res.read,
			"embedded", res.embedded, "to_read", res.need, "err", err)
		return err
	}
	if s.attachLoaded() > 0 {
		s.logger.Info("embeddings: saved vectors given to the issue-type model", "tenant", tenantID)
	}
	s.logger.Info("embeddings backfill done", "tenant", tenantID, "model", space, "read", res.read, "embedded", res.embedded,
		"duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// BackfillSpace is the vector space the server embeds in (its model's
// name), "" without an embedder.
func (s *Service) BackfillSpace() string {
	if s.vec == nil {
		return ""
	}
	return s.vec.emb.Name()
}

// enqueueBackfills enqueues every tenant's backfill in the server's
// space, trying again while the database refuses, until ctx ends.
func (s *Service) enqueueBackfills(ctx context.Context) {
	wait := time.Second
	for {
		err := s.enqueueBackfillsOnce(ctx)
		if err == nil || ctx.Err() != nil {
			return
		}
		s.logger.Warn("embeddings backfill not enqueued; trying again", "err", err, "in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		wait = min(2*wait, time.Minute)
	}
}

func (s *Service) enqueueBackfillsOnce(ctx context.Context) error {
	tenants, err := s.store.TenantList(ctx)
	if err != nil {
		return err
	}
	for _, t := range tenants {
		if s.index.For(t.ID).Len() == 0 {
			continue // nothing to embed
		}
		if err := s.backfills.EnqueueBackfill(ctx, t.ID, s.vec.emb.Name()); err != nil {
			return err
		}
	}
	return nil
}

// enqueueBackfill enqueues the tenant's backfill within 10 s of ctx (its
// vectors were dropped, or another server's did not come); a failure is
// logged.
func (s *Service) enqueueBackfill(ctx context.Context, tenantID int64) {
	if s.backfills == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.backfills.EnqueueBackfill(ctx, tenantID, s.vec.emb.Name()); err != nil {
		s.logger.Warn("embeddings backfill not enqueued; the next start enqueues it", "tenant", tenantID, "err", err)
	}
}

// followTenant loads the tenant's saved chunks (of the conversations in
// stamps) for the vectors the server lacks, and returns how many it
// added.
func (s *Service) followTenant(ctx context.Context, tenantID int64, stamps []stamp) (int, error) {
	var chunks []int64
	for _, st := range stamps {
		if st.tenantID == tenantID {
			chunks = append(chunks, st.id/indexChunkWidth)
		}
	}
	added := 0
	for _, chunk := range slices.Compact(chunks) {
		n, err := s.followChunk(ctx, tenantID, chunk)
		if err != nil {
			return added, err
		}
		added += n
	}
	return added, nil
}
