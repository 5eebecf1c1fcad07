package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// UserGetByEmail locks a missing email inside a transaction, so that two
// requests creating the same user on first use both succeed (lock.go).
func (q queries) UserGetByEmail(ctx context.Context, tenantID int64, email string) (*fathom.User, error) {
	return lockMissing(ctx, q, []string{"user", idText(tenantID), email}, func() (*fathom.User, error) {
		var u fathom.User
		err := q.q.QueryRow(ctx, `SELECT id, tenant_id, email, name, created_at FROM users WHERE tenant_id = $1 AND email = $2`+q.forUpdate(),
			tenantID, email).Scan(&u.ID, &u.TenantID, &u.Email, &u.Name, &u.CreatedAt)
		if err != nil {
			return nil, interpretError(err)
		}
		return &u, nil
	})
}

func (t *tx) UserCreate(ctx context.Context, p *store.UserCreateParams) (*fathom.User, error) {
	u := fathom.User{TenantID: p.TenantID, Email: p.Email, Name: p.Name, CreatedAt: p.CreatedAt}
	err := t.q.QueryRow(ctx, `INSERT INTO users (tenant_id, email, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		p.TenantID, p.Email, p.Name, p.CreatedAt).Scan(&u.ID)
	if err != nil {
		return nil, fmt.Errorf("create user: %w", interpretError(err))
	}
	return &u, nil
}

const apiKeyColumns = `k.id, k.tenant_id, k.user_id, k.name, k.prefix, k.hash, k.created_at, k.revoked_at, u.email, t.name`

const apiKeySelect = `SELECT ` + apiKeyColumns + `
FROM api_keys k JOIN users u ON u.id = k.user_id JOIN tenants t ON t.id = k.tenant_id`

func scanAPIKey(row pgx.Row) (*fathom.APIKey, error) {
	var k fathom.APIKey
	if err := row.Scan(&k.ID, &k.TenantID, &k.UserID, &k.Name, &k.Prefix, &k.Hash, &k.CreatedAt, &k.RevokedAt, &k.UserEmail, &k.TenantName); err != nil {
		return nil, interpretError(err)
	}
	return &k, nil
}

func (q queries) APIKeyGetByHash(ctx context.Context, hash string) (*fathom.APIKey, error) {
	return scanAPIKey(q.q.QueryRow(ctx, apiKeySelect+` WHERE k.hash = $1`, hash))
}

func (q queries) APIKeyList(ctx context.Context) ([]*fathom.APIKey, error) {
	rows, err := q.q.Query(ctx, apiKeySelect+` ORDER BY k.id`)
	if err != nil {
		return nil, fmt.Errorf("list api keys: %w", err)
	}
	return collect(rows, scanAPIKey)
}

func (q queries) APIKeyCount(ctx context.Context) (int, error) {
	var n int
	err := q.q.QueryRow(ctx, `SELECT count(*) FROM api_keys`).Scan(&n)
	return n, err
}

// APIKeyCreate inserts and reads the key back with its user and tenant in
// one statement.
func (t *tx) APIKeyCreate(ctx context.Context, p *store.APIKeyCreateParams) (*fathom.APIKey, error) {
	k, err := scanAPIKey(t.q.QueryRow(ctx, `WITH k AS (
INSERT INTO api_keys (tenant_id, user_id, name, prefix, hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
SELECT `+apiKeyColumns+` FROM k JOIN users u ON u.id = k.user_id JOIN tenants t ON t.id = k.tenant_id`,
		p.TenantID, p.UserID, p.Name, p.Prefix, p.Hash, p.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("create api key: %w", err)
	}
	return k, nil
}

func (t *tx) APIKeyRevoke(ctx context.Context, keyID int64, at time.Time) error {
	return execOne(ctx, t.q, `UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, at, keyID)
}
