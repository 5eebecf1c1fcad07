package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) UserGetByEmail(ctx context.Context, tenantID int64, email string) (*fathom.User, error) {
	var u fathom.User
	var created string
	err := q.db.QueryRowContext(ctx, `SELECT id, tenant_id, email, name, created_at FROM users WHERE tenant_id = ? AND email = ?`,
		tenantID, email).Scan(&u.ID, &u.TenantID, &u.Email, &u.Name, &created)
	if err != nil {
		return nil, interpretError(err)
	}
	u.CreatedAt = parseTime(created)
	return &u, nil
}

func (t *tx) UserCreate(ctx context.Context, p *store.UserCreateParams) (*fathom.User, error) {
	res, err := t.db.ExecContext(ctx, `INSERT INTO users (tenant_id, email, name, created_at) VALUES (?, ?, ?, ?)`,
		p.TenantID, p.Email, p.Name, formatTime(p.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("create user: %w", interpretError(err))
	}
	id, _ := res.LastInsertId()
	return &fathom.User{ID: id, TenantID: p.TenantID, Email: p.Email, Name: p.Name, CreatedAt: p.CreatedAt}, nil
}

const apiKeySelect = `SELECT k.id, k.tenant_id, k.user_id, k.name, k.prefix, k.hash, k.created_at, k.revoked_at, u.email, t.name
FROM api_keys k JOIN users u ON u.id = k.user_id JOIN tenants t ON t.id = k.tenant_id`

func scanAPIKey(row interface{ Scan(...any) error }) (*fathom.APIKey, error) {
	var k fathom.APIKey
	var created string
	var revoked sql.NullString
	if err := row.Scan(&k.ID, &k.TenantID, &k.UserID, &k.Name, &k.Prefix, &k.Hash, &created, &revoked, &k.UserEmail, &k.TenantName); err != nil {
		return nil, interpretError(err)
	}
	k.CreatedAt = parseTime(created)
	k.RevokedAt = parseTimePtr(revoked)
	return &k, nil
}

func (q queries) APIKeyGetByHash(ctx context.Context, hash string) (*fathom.APIKey, error) {
	return scanAPIKey(q.db.QueryRowContext(ctx, apiKeySelect+` WHERE k.hash = ?`, hash))
}

func (q queries) APIKeyList(ctx context.Context) ([]*fathom.APIKey, error) {
	rows, err := q.db.QueryContext(ctx, apiKeySelect+` ORDER BY k.id`)
	if err != nil {
		return nil, fmt.Errorf("list api keys: %w", err)
	}
	defer rows.Close()
	var out []*fathom.APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

func (q queries) APIKeyCount(ctx context.Context) (int, error) {
	var n int
	err := q.db.QueryRowContext(ctx, `SELECT count(*) FROM api_keys`).Scan(&n)
	return n, err
}

func (t *tx) APIKeyCreate(ctx context.Context, p *store.APIKeyCreateParams) (*fathom.APIKey, error) {
	res, err := t.db.ExecContext(ctx, `INSERT INTO api_keys (tenant_id, user_id, name, prefix, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		p.TenantID, p.UserID, p.Name, p.Prefix, p.Hash, formatTime(p.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("create api key: %w", interpretError(err))
	}
	id, _ := res.LastInsertId()
	return t.apiKeyGet(ctx, id)
}

// apiKeyGet reads a key back by id within the transaction.
func (t *tx) apiKeyGet(ctx context.Context, id int64) (*fathom.APIKey, error) {
	return scanAPIKey(t.db.QueryRowContext(ctx, apiKeySelect+` WHERE k.id = ?`, id))
}

func (t *tx) APIKeyRevoke(ctx context.Context, keyID int64, at time.Time) error {
	return execOne(ctx, t.db, `UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, formatTime(at), keyID)
}
