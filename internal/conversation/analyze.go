package conversation

import (
	"context"
	"fmt"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/quota"
	"github.com/fathom-oss/fathom/internal/store"
)

// analysisBatch is how many changed conversations one round reads, and
// analysisRounds how many rounds one job runs before handing the rest to a
// fresh job (so one busy tenant cannot hold a worker forever).
const (
	analysisBatch  = 500
	analysisRounds = 20
)

// AnalyzeTenant brings the tenant's derived state up to date with every
// conversation changed since the last run. Today that is the search index.
//
// It first clears the tenant's pending flag, then reads: a write committed
// after the clear enqueues a new job, and one committed before it is seen by
// the read, so no change is missed. A conversation's dirty flag is cleared
// only if its version is the one analysed.
func (s *Service) AnalyzeTenant(ctx context.Context, tenantID int64) error {
	err := s.store.Write(ctx, func(tx store.Tx) error { return tx.TenantClearAnalysisPending(ctx, tenantID) })
	if err != nil {
		return err
	}
	idx := s.index.For(tenantID)
	countTokens := s.tokens != nil && s.tokens.LimitsTokens(ctx, tenantID)
	for round := 0; round < analysisRounds; round++ {
		dirty, err := s.store.ConversationListDirty(ctx, tenantID, analysisBatch)
		if err != nil {
			return err
		}
		newTokens := make([]int64, len(dirty))
		texts := make([]string, len(dirty))
		for i, c := range dirty {
			msgs, err := s.store.MessageList(ctx, c.ID, 0, 0)
			if err != nil {
				return fmt.Errorf("analyze conversation %d: %w", c.ID, err)
			}
			texts[i] = IndexText(c, msgs)
			if countTokens {
				for _, m := range msgs[min(c.AnalyzedCount, len(msgs)):] {
					newTokens[i] += quota.CountTokens(m.Content)
				}
			}
		}
		var tokens int64
		current := make([]bool, len(dirty))
		err = s.store.Write(ctx, func(tx store.Tx) error {
			tokens = 0
			for i, c := range dirty {
				ok, err := tx.ConversationMarkAnalyzed(ctx, c.ID, c.Version, c.MessageCount)
				if err != nil {
					return err
				}
				if current[i] = ok; ok {
					tokens += newTokens[i]
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Index only what is still current: a conversation changed since
		// it was read is dirty again and comes back in the next round, and
		// a deleted one must not return to the index.
		for i, c := range dirty {
			if current[i] {
				idx.Upsert(c.ID, texts[i])
			}
		}
		if countTokens {
			s.tokens.AddTokens(ctx, tenantID, tokens)
		}
		if len(dirty) < analysisBatch {
			return nil
		}
	}
	return s.store.Write(ctx, func(tx store.Tx) error { return s.markForAnalysis(ctx, tx, tenantID) })
}

// IndexText is what search matches a conversation on: what the user said,
// and how a person said it was resolved. Generated notes are left out: they
// repeat the user's words and would count them twice.
func IndexText(c *fathom.Conversation, msgs []fathom.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		if m.Role == fathom.RoleUser {
			b.WriteString(m.Content)
			b.WriteByte('\n')
		}
	}
	if !c.NotesGenerated {
		b.WriteString(c.ResolutionNotes)
	}
	return b.String()
}

// RebuildIndex loads every conversation into the search index; the server
// calls it at start-up, since the index lives in memory.
func (s *Service) RebuildIndex(ctx context.Context) (int, error) {
	var after int64
	n := 0
	for {
		got := 0
		err := s.store.ConversationScan(ctx, &store.ConversationScanParams{AfterID: after, Limit: 2000},
			func(c *fathom.Conversation, msgs []fathom.Message) error {
				s.index.For(c.TenantID).Upsert(c.ID, IndexText(c, msgs))
				after, got = c.ID, got+1
				return nil
			})
		if err != nil {
			return n, fmt.Errorf("rebuild index: %w", err)
		}
		n += got
		if got == 0 {
			return n, nil
		}
	}
}
