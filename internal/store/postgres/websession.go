package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// The web pages' sign-in sessions, by the hash of their token.

func (q queries) WebSessionGetByHash(ctx context.Context, hash string) (*fathom.WebSession, error) {
	var s fathom.WebSession
	err := q.q.QueryRow(ctx, `SELECT hash, tenant_id, user_id, created_at, expires_at FROM web_sessions WHERE hash = $1`,
		hash).Scan(&s.Hash, &s.TenantID, &s.UserID, &s.CreatedAt, &s.ExpiresAt)
	if err != nil {
		return nil, interpretError(err)
	}
	return &s, nil
}

func (t *tx) WebSessionCreate(ctx context.Context, s *fathom.WebSession) error {
	_, err := t.q.Exec(ctx, `INSERT INTO web_sessions (hash, tenant_id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		s.Hash, s.TenantID, s.UserID, s.CreatedAt, s.ExpiresAt)
	if err != nil {
		return fmt.Errorf("create web session: %w", interpretError(err))
	}
	return nil
}

func (t *tx) WebSessionDelete(ctx context.Context, hash string) error {
	if _, err := t.q.Exec(ctx, `DELETE FROM web_sessions WHERE hash = $1`, hash); err != nil {
		return fmt.Errorf("delete web session: %w", err)
	}
	return nil
}

func (t *tx) WebSessionDeleteExpired(ctx context.Context, before time.Time) (int64, error) {
	tag, err := t.q.Exec(ctx, `DELETE FROM web_sessions WHERE expires_at <= $1`, before)
	if err != nil {
		return 0, fmt.Errorf("delete expired web sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}

func (t *tx) WebSessionDeleteUser(ctx context.Context, userID int64) (int64, error) {
	tag, err := t.q.Exec(ctx, `DELETE FROM web_sessions WHERE user_id = $1`, userID)
	if err != nil {
		return 0, fmt.Errorf("delete user's web sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}
