package postgres

import (
	"context"
	"fmt"
)

// UserCallbackSecret inside a transaction locks the user's row: the secret
// is made on first use, and of two servers making it at once the second
// must read the first's instead of replacing a secret already handed out.
func (q queries) UserCallbackSecret(ctx context.Context, userID int64) (string, error) {
	query := `SELECT callback_secret FROM users WHERE id = $1` + q.forUpdate()
	var secret string
	err := q.q.QueryRow(ctx, query, userID).Scan(&secret)
	return secret, interpretError(err)
}

func (t *tx) UserSetCallbackSecret(ctx context.Context, userID int64, secret string) error {
	tag, err := t.q.Exec(ctx, `UPDATE users SET callback_secret = $1 WHERE id = $2`, secret, userID)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("set callback secret: %w", err)
	}
	return nil
}
