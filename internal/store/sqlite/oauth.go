package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// The OAuth authorization server's tables: apps, grants, codes, tokens and
// users' password hashes.

const oauthAppColumns = `id, client_id, secret_hash, name, redirect_uris, created_at`

func scanOAuthApp(row interface{ Scan(...any) error }) (*fathom.OAuthApp, error) {
	var a fathom.OAuthApp
	var uris, created string
	if err := row.Scan(&a.ID, &a.ClientID, &a.SecretHash, &a.Name, &uris, &created); err != nil {
		return nil, interpretError(err)
	}
	if err := json.Unmarshal([]byte(uris), &a.RedirectURIs); err != nil {
		return nil, fmt.Errorf("app %s redirect uris: %w", a.ClientID, err)
	}
	a.CreatedAt = parseTime(created)
	return &a, nil
}

func (q queries) OAuthAppGetByClientID(ctx context.Context, clientID string) (*fathom.OAuthApp, error) {
	return scanOAuthApp(q.db.QueryRowContext(ctx, `SELECT `+oauthAppColumns+` FROM oauth_apps WHERE client_id = ?`, clientID))
}

func (q queries) OAuthAppList(ctx context.Context) ([]*fathom.OAuthApp, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT `+oauthAppColumns+` FROM oauth_apps ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list oauth apps: %w", err)
	}
	defer rows.Close()
	var out []*fathom.OAuthApp
	for rows.Next() {
		a, err := scanOAuthApp(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (t *tx) OAuthAppCreate(ctx context.Context, p *store.OAuthAppCreateParams) (*fathom.OAuthApp, error) {
	uris, err := json.Marshal(p.RedirectURIs)
	if err != nil {
		return nil, err
	}
	res, err := t.db.ExecContext(ctx, `INSERT INTO oauth_apps (client_id, secret_hash, name, redirect_uris, created_at) VALUES (?, ?, ?, ?, ?)`,
		p.ClientID, p.SecretHash, p.Name, string(uris), formatTime(p.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("create oauth app: %w", interpretError(err))
	}
	id, _ := res.LastInsertId()
	return &fathom.OAuthApp{ID: id, ClientID: p.ClientID, SecretHash: p.SecretHash, Name: p.Name,
		RedirectURIs: append([]string(nil), p.RedirectURIs...), CreatedAt: p.CreatedAt}, nil
}

func (t *tx) OAuthAppDelete(ctx context.Context, clientID string) error {
	if err := execOne(ctx, t.db, `DELETE FROM oauth_apps WHERE client_id = ?`, clientID); err != nil {
		return fmt.Errorf("delete oauth app: %w", err)
	}
	return nil
}

const oauthCodeColumns = `hash, app_id, tenant_id, user_id, redirect_uri, scope, challenge, challenge_method,
created_at, expires_at, used_at, coalesce(grant_id, 0)`

func (q queries) OAuthCodeGetByHash(ctx context.Context, hash string) (*fathom.OAuthCode, error) {
	var c fathom.OAuthCode
	var created, expires string
	var used sql.NullString
	err := q.db.QueryRowContext(ctx, `SELECT `+oauthCodeColumns+` FROM oauth_codes WHERE hash = ?`, hash).Scan(
		&c.Hash, &c.AppID, &c.TenantID, &c.UserID, &c.RedirectURI, &c.Scope, &c.Challenge, &c.ChallengeMethod,
		&created, &expires, &used, &c.GrantID)
	if err != nil {
		return nil, interpretError(err)
	}
	c.CreatedAt, c.ExpiresAt, c.UsedAt = parseTime(created), parseTime(expires), parseTimePtr(used)
	return &c, nil
}

func (t *tx) OAuthCodeCreate(ctx context.Context, c *fathom.OAuthCode) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO oauth_codes (hash, app_id, tenant_id, user_id, redirect_uri, scope,
challenge, challenge_method, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Hash, c.AppID, c.TenantID, c.UserID, c.RedirectURI, c.Scope, c.Challenge, c.ChallengeMethod,
		formatTime(c.CreatedAt), formatTime(c.ExpiresAt))
	if err != nil {
		return fmt.Errorf("create oauth code: %w", interpretError(err))
	}
	return nil
}

func (t *tx) OAuthCodeUse(ctx context.Context, hash string, grantID int64, at time.Time) error {
	var grant any
	if grantID != 0 {
		grant = grantID
	}
	return execOne(ctx, t.db, `UPDATE oauth_codes SET used_at = ?, grant_id = ? WHERE hash = ? AND used_at IS NULL`,
		formatTime(at), grant, hash)
}

func (t *tx) OAuthGrantCreate(ctx context.Context, g *fathom.OAuthGrant) error {
	res, err := t.db.ExecContext(ctx, `INSERT INTO oauth_grants (app_id, tenant_id, user_id, scope, created_at) VALUES (?, ?, ?, ?, ?)`,
		g.AppID, g.TenantID, g.UserID, g.Scope, formatTime(g.CreatedAt))
	if err != nil {
		return fmt.Errorf("create oauth grant: %w", interpretError(err))
	}
	g.ID, _ = res.LastInsertId()
	return nil
}

func (t *tx) OAuthGrantRevoke(ctx context.Context, grantID int64, at time.Time) error {
	if _, err := t.db.ExecContext(ctx, `UPDATE oauth_grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`,
		formatTime(at), grantID); err != nil {
		return fmt.Errorf("revoke oauth grant: %w", err)
	}
	if _, err := t.db.ExecContext(ctx, `UPDATE oauth_tokens SET revoked_at = ?, successor = NULL WHERE grant_id = ? AND revoked_at IS NULL`,
		formatTime(at), grantID); err != nil {
		return fmt.Errorf("revoke oauth grant tokens: %w", err)
	}
	return nil
}

const oauthTokenSelect = `SELECT k.id, k.grant_id, k.kind, k.hash, k.expires_at, k.created_at, k.rotated_at,
coalesce(k.replaced_by, 0), k.successor, k.revoked_at, g.app_id, g.tenant_id, g.user_id, g.scope, g.revoked_at
FROM oauth_tokens k JOIN oauth_grants g ON g.id = k.grant_id`

func scanOAuthToken(row interface{ Scan(...any) error }) (*fathom.OAuthToken, error) {
	var k fathom.OAuthToken
	var created string
	var expires, rotated, revoked, grantRevoked sql.NullString
	if err := row.Scan(&k.ID, &k.GrantID, &k.Kind, &k.Hash, &expires, &created, &rotated, &k.ReplacedBy, &k.Successor,
		&revoked, &k.AppID, &k.TenantID, &k.UserID, &k.Scope, &grantRevoked); err != nil {
		return nil, interpretError(err)
	}
	k.CreatedAt = parseTime(created)
	k.ExpiresAt, k.RotatedAt = parseTimePtr(expires), parseTimePtr(rotated)
	k.RevokedAt, k.GrantRevokedAt = parseTimePtr(revoked), parseTimePtr(grantRevoked)
	return &k, nil
}

func (q queries) OAuthTokenGetByHash(ctx context.Context, hash string) (*fathom.OAuthToken, error) {
	return scanOAuthToken(q.db.QueryRowContext(ctx, oauthTokenSelect+` WHERE k.hash = ?`, hash))
}

func (q queries) OAuthTokenList(ctx context.Context, grantID int64) ([]*fathom.OAuthToken, error) {
	rows, err := q.db.QueryContext(ctx, oauthTokenSelect+` WHERE k.grant_id = ? ORDER BY k.id`, grantID)
	if err != nil {
		return nil, fmt.Errorf("list oauth tokens: %w", err)
	}
	defer rows.Close()
	var out []*fathom.OAuthToken
	for rows.Next() {
		k, err := scanOAuthToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

func (t *tx) OAuthTokenCreate(ctx context.Context, k *fathom.OAuthToken) error {
	var expires any
	if k.ExpiresAt != nil {
		expires = formatTime(*k.ExpiresAt)
	}
	res, err := t.db.ExecContext(ctx, `INSERT INTO oauth_tokens (grant_id, kind, hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)`,
		k.GrantID, k.Kind, k.Hash, expires, formatTime(k.CreatedAt))
	if err != nil {
		return fmt.Errorf("create oauth token: %w", interpretError(err))
	}
	k.ID, _ = res.LastInsertId()
	return nil
}

func (t *tx) OAuthTokenRotate(ctx context.Context, p *store.OAuthTokenRotateParams) error {
	return execOne(ctx, t.db, `UPDATE oauth_tokens SET rotated_at = ?, replaced_by = ?, successor = ?
WHERE id = ? AND kind = 'refresh' AND rotated_at IS NULL`, formatTime(p.At), p.ReplacedBy, p.Successor, p.TokenID)
}

func (t *tx) OAuthTokenRevoke(ctx context.Context, tokenID int64, at time.Time) error {
	if _, err := t.db.ExecContext(ctx, `UPDATE oauth_tokens SET revoked_at = ?, successor = NULL WHERE id = ? AND revoked_at IS NULL`,
		formatTime(at), tokenID); err != nil {
		return fmt.Errorf("revoke oauth token: %w", err)
	}
	return nil
}

func (q queries) UserPasswordHash(ctx context.Context, userID int64) (string, error) {
	var h string
	if err := q.db.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, userID).Scan(&h); err != nil {
		return "", interpretError(err)
	}
	return h, nil
}

func (t *tx) UserSetPasswordHash(ctx context.Context, userID int64, hash string) error {
	if err := execOne(ctx, t.db, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return nil
}
