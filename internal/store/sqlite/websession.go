package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// The web pages' sign-in sessions, by the hash of their token.

func (q queries) WebSessionGetByHash(ctx context.Context, hash string) (*fathom.WebSession, error) {
	var s fathom.WebSession
	var created, expires string
	err := q.db.QueryRowContext(ctx, `SELECT hash, tenant_id, user_id, created_at, expires_at FROM web_sessions WHERE hash = ?`,
		hash).Scan(&s.Hash, &s.TenantID, &s.UserID, &created, &expires)
	if err != nil {
		return nil, interpretError(err)
	}
	s.CreatedAt, s.ExpiresAt = parseTime(created), parseTime(expires)
	return &s, nil
}

func (t *tx) WebSessionCreate(ctx context.Context, s *fathom.WebSession) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO web_sessions (hash, tenant_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		s.Hash, s.TenantID, s.UserID, formatTime(s.CreatedAt), formatTime(s.ExpiresAt))
	if err != nil {
		return fmt.Errorf("create web session: %w", interpretError(err))
	}
	return nil
}

func (t *tx) WebSessionDelete(ctx context.Context, hash string) error {
	if _, err := t.db.ExecContext(ctx, `DELETE FROM web_sessions WHERE hash = ?`, hash); err != nil {
		return fmt.Errorf("delete web session: %w", err)
	}
	return nil
}

func (t *tx) WebSessionDeleteExpired(ctx context.Context, before time.Time) (int64, error) {
	res, err := t.db.ExecContext(ctx, `DELETE FROM web_sessions WHERE expires_at <= ?`, formatTime(before))
	if err != nil {
		return 0, fmt.Errorf("delete expired web sessions: %w", err)
	}
	return res.RowsAffected()
}

func (t *tx) WebSessionDeleteUser(ctx context.Context, userID int64) (int64, error) {
	res, err := t.db.ExecContext(ctx, `DELETE FROM web_sessions WHERE user_id = ?`, userID)
	if err != nil {
		return 0, fmt.Errorf("delete user's web sessions: %w", err)
	}
	return res.RowsAffected()
}
