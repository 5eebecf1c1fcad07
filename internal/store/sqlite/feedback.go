package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) FeedbackList(ctx context.Context, p *store.FeedbackListParams) ([]*fathom.Feedback, error) {
	if len(p.ConversationIDs) == 0 {
		return nil, nil
	}
	args := appendPadded([]any{p.TenantID}, p.ConversationIDs)
	rows, err := q.db.QueryContext(ctx, `SELECT conversation_id, action, outcome, note, created_at, updated_at FROM feedback
WHERE tenant_id = ? AND conversation_id IN (`+marks(len(p.ConversationIDs))+`) ORDER BY conversation_id, updated_at, action`, args...)
	if err != nil {
		return nil, fmt.Errorf("list feedback: %w", err)
	}
	defer rows.Close()
	var out []*fathom.Feedback
	for rows.Next() {
		var f fathom.Feedback
		var created, updated string
		if err := rows.Scan(&f.ConversationID, &f.Action, &f.Outcome, &f.Note, &created, &updated); err != nil {
			return nil, err
		}
		f.CreatedAt, f.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, &f)
	}
	return out, rows.Err()
}

func (t *tx) FeedbackUpsert(ctx context.Context, p *store.FeedbackUpsertParams) (bool, error) {
	var outcome, note string
	err := t.db.QueryRowContext(ctx, `SELECT outcome, note FROM feedback WHERE conversation_id = ? AND action = ?`,
		p.ConversationID, p.Action).Scan(&outcome, &note)
	switch err = interpretError(err); {
	case err == nil && outcome == string(p.Outcome) && note == p.Note:
		return false, nil
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return false, fmt.Errorf("read feedback: %w", err)
	}
	at := formatTime(p.At)
	_, err = t.db.ExecContext(ctx, `INSERT INTO feedback (conversation_id, tenant_id, action, outcome, note, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id, action) DO UPDATE SET
action = excluded.action, outcome = excluded.outcome, note = excluded.note, updated_at = excluded.updated_at`,
		p.ConversationID, p.TenantID, p.Action, string(p.Outcome), p.Note, at, at)
	if err != nil {
		return false, fmt.Errorf("store feedback: %w", interpretError(err))
	}
	return true, nil
}
