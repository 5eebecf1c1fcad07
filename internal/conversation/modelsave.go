package conversation

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/store"
)

// A shared server analysing a tenant saves its issue-type model at most
// every ModelSaveEvery, after a consolidation, and before it gives the
// tenant's lease up, rather than after every round: every other server
// loads each save whole (modelfollow.go), and with rounds bounded in work
// (AnalysisRoundWork) a save per round was a load per round on every
// server. What a round analysed reaches the others without the model: its
// analyses are in the feed as each chunk commits and are counted under the
// types they were stored with, and the names of the types it founded are
// saved at the round's end (saveNames).

// afterRound saves what the round changed in the tenant's knowledge:
// the model when it consolidated or a save is due, else only the names of
// new types. analysed is the number of analyses the round applied.
func (s *Service) afterRound(ctx context.Context, tenantID int64, consolidated bool, analysed int) error {
	if !s.Shared() {
		if consolidated {
			return s.saveModel(ctx, tenantID)
		}
		return nil
	}
	if analysed > 0 {
		s.leaseMu.Lock()
		s.unsaved[tenantID] = true
		s.leaseMu.Unlock()
	}
	if wait, unsaved := s.modelSaveWait(tenantID); consolidated || unsaved && wait <= 0 {
		return s.saveModel(ctx, tenantID)
	}
	if analysed > 0 && s.know.PinNames(tenantID) {
		return s.saveNames(ctx, tenantID)
	}
	return nil
}

// modelSaveWait reports whether the tenant's model holds what its last
// save does not and, if so, how long until the next save is due.
func (s *Service) modelSaveWait(tenantID int64) (time.Duration, bool) {
	s.leaseMu.Lock()
	defer s.leaseMu.Unlock()
	if !s.unsaved[tenantID] {
		return 0, false
	}
	return s.cfg.ModelSaveEvery - s.now().Sub(s.savedAt[tenantID]), true
}

// markModelSaved records a save of the tenant's model.
func (s *Service) markModelSaved(tenantID int64) {
	s.leaseMu.Lock()
	defer s.leaseMu.Unlock()
	delete(s.unsaved, tenantID)
	s.savedAt[tenantID] = s.now()
}

// linger is where a job whose backlog drained waits, keeping the lease,
// until its unsaved model is due to be saved (and saves it), or until a
// conversation waits for analysis again (more: the job goes on with
// another round). Under a steady stream of writes each round drains what
// came since the last: ending the job there would save the model, and
// have every server load it, after every round.
func (s *Service) linger(ctx context.Context, tenantID int64) (more bool, err error) {
	// Everything analysed is applied: AnalysisIdle need not wait.
	s.analysing.Add(-1)
	defer s.analysing.Add(1)
	for {
		wait, unsaved := s.modelSaveWait(tenantID)
		if !unsaved {
			return false, nil
		}
		if wait <= 0 {
			return false, s.saveModel(ctx, tenantID)
		}
		t := time.NewTimer(min(wait, s.cfg.FeedPoll))
		select {
		case <-ctx.Done():
			t.Stop()
			return false, ctx.Err()
		case <-t.C:
		}
		dirty, err := s.store.ConversationListDirty(ctx, tenantID, 1)
		if err != nil || len(dirty) > 0 {
			return err == nil, err
		}
	}
}

// saveBeforeRelease saves the tenant's model if it holds what its last
// save does not, whatever ended the job (its context may be done).
func (s *Service) saveBeforeRelease(tenantID int64) {
	if _, unsaved := s.modelSaveWait(tenantID); !unsaved {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.saveModel(ctx, tenantID); err != nil {
		s.logger.Warn("issue-type model not saved before giving up the analysis lease", "tenant", tenantID, "err", err)
	}
}

// saveNames saves the tenant's pinned type names alone, with a change
// that tells the other servers' knowledge followers to take them in.
func (s *Service) saveNames(ctx context.Context, tenantID int64) error {
	return s.store.Write(ctx, func(tx store.Tx) error {
		err := s.know.SaveNames(tenantID, func(blob []byte) error {
			return tx.KnowledgeModelPut(ctx, tenantID, knowledge.NamesKind, blob, s.now())
		})
		if err != nil {
			return err
		}
		return s.appendChange(ctx, tx, tenantID, store.ChangeNames, 0)
	})
}
