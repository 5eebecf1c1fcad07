package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) FeedbackList(ctx context.Context, p *store.FeedbackListParams) ([]*fathom.Feedback, error) {
	if len(p.ConversationIDs) == 0 {
		return nil, nil
	}
	rows, err := q.q.Query(ctx, `SELECT conversation_id, action, outcome, note, created_at, updated_at FROM feedback
WHERE tenant_id = $1 AND conversation_id = ANY($2) ORDER BY conversation_id, updated_at, lower(action)`, p.TenantID, p.ConversationIDs)
	if err != nil {
		return nil, fmt.Errorf("list feedback: %w", err)
	}
	return collect(rows, func(row pgx.Row) (*fathom.Feedback, error) {
		var f fathom.Feedback
		if err := row.Scan(&f.ConversationID, &f.Action, &f.Outcome, &f.Note, &f.CreatedAt, &f.UpdatedAt); err != nil {
			return nil, fmt.Errorf("list feedback: %w", err)
		}
		return &f, nil
	})
}

// FeedbackUpsert decides "changed" in the statement that writes: the
// update applies only when the outcome or the note differs, and a row comes
// back only when one was inserted or updated. Of two requests giving the
// same word at once, the second waits on the key for the first and then
// finds nothing to change.
func (t *tx) FeedbackUpsert(ctx context.Context, p *store.FeedbackUpsertParams) (bool, error) {
	var one int
	err := t.q.QueryRow(ctx, `INSERT INTO feedback (conversation_id, tenant_id, action, outcome, note, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (conversation_id, lower(action)) DO UPDATE SET
action = EXCLUDED.action, outcome = EXCLUDED.outcome, note = EXCLUDED.note, updated_at = EXCLUDED.updated_at
WHERE (feedback.outcome, feedback.note) IS DISTINCT FROM (EXCLUDED.outcome, EXCLUDED.note)
RETURNING 1`, p.ConversationID, p.TenantID, p.Action, string(p.Outcome), p.Note, p.At).Scan(&one)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store feedback: %w", interpretError(err))
	}
	return true, nil
}
