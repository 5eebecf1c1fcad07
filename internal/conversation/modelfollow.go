package conversation

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/store"
)

// The model follower loads the issue-type models the analysing server
// saves. Loading one reads and weighs every document of the tenant (284 ms
// at 10,000 conversations, seconds at 100k), so it runs on its own cursor,
// beside the knowledge follower: that one counts each analysis under the
// issue type it was stored with, and takes in the names saved with the
// model, within a poll, whatever a load in progress. The model follower
// loads the saves of every server, this one's own included, but never for
// a tenant one of this server's jobs is analysing: that job's model is the
// newest, and a load would replace it under the job's feet. So the
// analysing server does not load its own save after every round (it
// did); at rest, every server answers from the same saved model.

// catchUpModels loads the last model saved of each tenant with a save in
// the feed since the last call.
func (s *Service) catchUpModels(ctx context.Context) error {
	return s.catchUp(ctx, &s.modelFeed, s.applyModels, s.reloadModels)
}

// applyModels loads, for each tenant with a model save among changes, the
// model saved last.
func (s *Service) applyModels(ctx context.Context, changes []*store.Change) error {
	saved := map[int64]int64{} // tenant → id of its last save in changes
	others := map[int64]bool{} // tenants saved by another server
	var order []int64
	// Own saves passed over while a job analysed the tenant, now ended:
	// the server loads its last save back as soon as it is at rest.
	s.leaseMu.Lock()
	for tenantID, id := range s.loadLater {
		if !s.claimed[tenantID] {
			saved[tenantID] = id
			order = append(order, tenantID)
			delete(s.loadLater, tenantID)
		}
	}
	s.leaseMu.Unlock()
	for _, c := range changes {
		if c.Kind != store.ChangeModel {
			continue
		}
		if _, ok := saved[c.TenantID]; !ok {
			order = append(order, c.TenantID)
		}
		saved[c.TenantID] = max(saved[c.TenantID], c.ID)
		others[c.TenantID] = others[c.TenantID] || c.Server != s.cfg.Server
	}
	if len(order) == 0 {
		return nil
	}
	// The analyses the saves typed are counted first: a load drops the
	// documents whose analysis the server does not hold.
	if err := s.catchUpKnowledge(ctx); err != nil {
		return err
	}
	for _, tenantID := range order {
		installed := false
		if !s.analysingHere(tenantID) {
			var err error
			if installed, err = s.loadModel(ctx, tenantID, saved[tenantID]); err != nil {
				return fmt.Errorf("load the model of tenant %d: %w", tenantID, err)
			}
		}
		switch {
		case installed:
		case !others[tenantID]:
			s.leaseMu.Lock()
			s.loadLater[tenantID] = max(s.loadLater[tenantID], saved[tenantID])
			s.leaseMu.Unlock()
		case s.holdsLease(tenantID):
			// A lease outlived (see analysisLease): keep learning here;
			// this server's next save wins.
			s.logger.Warn("change feed: another server saved the model of a tenant this server analyses", "tenant", tenantID)
		}
	}
	return nil
}

// loadModel loads the tenant's saved model, in one snapshot (see
// reloadModel), and puts it in use unless a job of this server began to
// analyse the tenant meanwhile (installed false). id is the feed's id of
// the save.
func (s *Service) loadModel(ctx context.Context, tenantID, id int64) (installed bool, err error) {
	var m *knowledge.LoadedModel
	err = s.store.Snapshot(ctx, func(r store.Reader) (err error) {
		m, err = s.know.LoadModel(tenantID, savedKnowledge{ctx: ctx, st: r, tenantID: tenantID})
		return err
	})
	if err != nil {
		return false, err
	}
	s.leaseMu.Lock()
	installed = !s.claimed[tenantID] // else the job catches up itself (catchUpForLease)
	if installed {
		s.know.InstallModel(tenantID, m)
		s.modelLoaded[tenantID] = max(s.modelLoaded[tenantID], id)
	}
	s.leaseMu.Unlock()
	if installed {
		s.know.LearnAssociations(tenantID, s.index.For(tenantID))
	}
	return installed, nil
}

// reloadModels loads the saved model of every tenant this server is not
// analysing, when the model follower fell behind what was pruned.
func (s *Service) reloadModels(ctx context.Context) error {
	for _, id := range s.know.Tenants() {
		if s.analysingHere(id) {
			continue
		}
		if _, err := s.loadModel(ctx, id, 0); err != nil {
			return err
		}
	}
	return nil
}

// analysingHere reports whether a job of this server is analysing the
// tenant.
func (s *Service) analysingHere(tenantID int64) bool {
	s.leaseMu.Lock()
	defer s.leaseMu.Unlock()
	return s.claimed[tenantID]
}

// modelBehind reports whether another server saved the tenant's model
// after the save the model in use was loaded from.
func (s *Service) modelBehind(tenantID int64) bool {
	s.leaseMu.Lock()
	defer s.leaseMu.Unlock()
	return s.modelSaved[tenantID] > s.modelLoaded[tenantID]
}

// catchUpForLease is how a job that took a tenant's lease catches up: the
// index and the knowledge as the followers do, then, if another server
// saved the tenant's model since this server loaded one, that model, so
// that the job learns on top of what the previous holder saved. A save of
// this server's own is older than what it holds: it is not loaded.
func (s *Service) catchUpForLease(ctx context.Context, tenantID int64) error {
	if err := s.catchUpIndex(ctx); err != nil {
		return err
	}
	if err := s.catchUpKnowledge(ctx); err != nil {
		return err
	}
	if s.modelBehind(tenantID) {
		s.leaseMu.Lock()
		saved := s.modelSaved[tenantID]
		s.leaseMu.Unlock()
		if err := s.reloadModel(ctx, tenantID); err != nil {
			return err
		}
		s.leaseMu.Lock()
		s.modelLoaded[tenantID] = max(s.modelLoaded[tenantID], saved)
		s.leaseMu.Unlock()
	}
	return s.requeueUnplaced(ctx, tenantID)
}

// requeueUnplaced marks for analysis again the conversations whose stored
// analysis the tenant's model lacks (knowledge.Engine.Unplaced): a server
// killed between two model saves (ModelSaveEvery) leaves the placements
// of its last rounds out of the saved model, and a server that loads it
// counts those analyses from the feed but cannot place them, nor find
// them as neighbours, until a restart analyses them again (Recover). The
// job that takes the tenant's lease over analyses them in its rounds
// instead, which places them in the model it learns, and its next save
// carries them to every server. A previous holder that gave the lease up
// saved first, so after a clean hand-over the list is empty.
func (s *Service) requeueUnplaced(ctx context.Context, tenantID int64) error {
	ids := s.know.Unplaced(tenantID)
	if len(ids) == 0 {
		return nil
	}
	s.logger.Warn("re-analysing conversations missing from the saved issue-type model", "tenant", tenantID, "count", len(ids))
	return s.store.Write(ctx, func(tx store.Tx) error { return tx.ConversationMarkDirty(ctx, ids) })
}
