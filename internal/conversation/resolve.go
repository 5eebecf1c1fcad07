package conversation

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// ResolveParams is a resolve request. ResolutionNotes nil means "generate".
type ResolveParams struct {
	ConversationID  string  `json:"conversationId"`
	ResolutionNotes *string `json:"resolutionNotes,omitempty"`
	IdempotencyKey  string  `json:"-"`
}

// ResolveResult is what a resolve did.
type ResolveResult struct {
	ConversationID  string `json:"conversationId"`
	ResolutionNotes string `json:"resolutionNotes"`
	Generated       bool   `json:"generated"`
	Replayed        bool   `json:"-"`
}

// Resolve marks a conversation resolved: ENOTFOUND if it was never tracked,
// ECONFLICT if it is already resolved. Notes are generated when absent.
func (s *Service) Resolve(ctx context.Context, tenantID int64, p ResolveParams) (*ResolveResult, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	return writeOnce(ctx, s, tenantID, "resolve", p.IdempotencyKey, p, func(tx store.Tx) (*ResolveResult, error) {
		return s.resolve(ctx, tx, tenantID, &p)
	})
}

func (s *Service) resolve(ctx context.Context, tx store.Tx, tenantID int64, p *ResolveParams) (*ResolveResult, error) {
	c, err := tx.ConversationGetByExternalID(ctx, tenantID, p.ConversationID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "conversationId %q not found", p.ConversationID)
	}
	if err != nil {
		return nil, err
	}
	if c.Status == fathom.StatusResolved {
		return nil, fathom.Errorf(fathom.ECONFLICT, "conversationId %q is already resolved", p.ConversationID)
	}
	res := &ResolveResult{ConversationID: p.ConversationID}
	if p.ResolutionNotes != nil && *p.ResolutionNotes != "" {
		res.ResolutionNotes = *p.ResolutionNotes
	} else {
		msgs, err := tx.MessageList(ctx, c.ID, 0, 0)
		if err != nil {
			return nil, err
		}
		res.ResolutionNotes, res.Generated = GenerateNotes(msgs), true
	}
	now := s.now()
	c.Status, c.ResolutionNotes, c.NotesGenerated, c.ResolvedAt, c.UpdatedAt = fathom.StatusResolved, res.ResolutionNotes, res.Generated, &now, now
	if err := tx.ConversationUpdate(ctx, c); err != nil {
		return nil, err
	}
	if err := s.indexResolved(ctx, tx, tenantID, c); err != nil {
		return nil, err
	}
	return res, s.markForAnalysis(ctx, tx, tenantID)
}

// remember stores a result under an Idempotency-Key.
func remember(ctx context.Context, tx store.Tx, tenantID int64, scope, key, fp string, result any, now time.Time) error {
	if key == "" {
		return nil
	}
	b, err := json.Marshal(result)
	if err != nil {
		return err
	}
	return tx.IdempotencyInsert(ctx, &store.IdempotencyRecord{TenantID: tenantID, Scope: scope, Key: key,
		Fingerprint: fp, Response: b, CreatedAt: now})
}

func (r *ResolveResult) markReplayed() { r.Replayed = true }
