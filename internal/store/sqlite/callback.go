package sqlite

import "context"

func (q queries) UserCallbackSecret(ctx context.Context, userID int64) (string, error) {
	var secret string
	err := q.db.QueryRowContext(ctx, `SELECT callback_secret FROM users WHERE id = ?`, userID).Scan(&secret)
	return secret, interpretError(err)
}

func (t *tx) UserSetCallbackSecret(ctx context.Context, userID int64, secret string) error {
	return execOne(ctx, t.db, `UPDATE users SET callback_secret = ? WHERE id = ?`, secret, userID)
}
