package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// The OAuth authorization server's tables: apps, grants, codes, tokens and
// users' password hashes. A code or token read inside a transaction is
// locked until the commit: the service reads it, decides (unused? rotated
// within the grace?) and then updates it, and two servers exchanging one
// code or refreshing one token at once must decide one after the other, so
// that the second sees the first's exchange and treats it as a replay.

const oauthAppColumns = `id, client_id, secret_hash, name, redirect_uris, created_at`

func scanOAuthApp(row interface{ Scan(...any) error }) (*fathom.OAuthApp, error) {
	var a fathom.OAuthApp
	var uris string
	if err := row.Scan(&a.ID, &a.ClientID, &a.SecretHash, &a.Name, &uris, &a.CreatedAt); err != nil {
		return nil, interpretError(err)
	}
	if err := json.Unmarshal([]byte(uris), &a.RedirectURIs); err != nil {
		return nil, fmt.Errorf("app %s redirect uris: %w", a.ClientID, err)
	}
	return &a, nil
}

func (q queries) OAuthAppGetByClientID(ctx context.Context, clientID string) (*fathom.OAuthApp, error) {
	return scanOAuthApp(q.q.QueryRow(ctx, `SELECT `+oauthAppColumns+` FROM oauth_apps WHERE client_id = $1`, clientID))
}

func (q queries) OAuthAppList(ctx context.Context) ([]*fathom.OAuthApp, error) {
	rows, err := q.q.Query(ctx, `SELECT `+oauthAppColumns+` FROM oauth_apps ORDER BY id`)
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
	var id int64
	err = t.q.QueryRow(ctx, `INSERT INTO oauth_apps (client_id, secret_hash, name, redirect_uris, created_at)
VALUES ($1, $2, $3, $4, $5) RETURNING id`, p.ClientID, p.SecretHash, p.Name, string(uris), p.CreatedAt).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("create oauth app: %w", interpretError(err))
	}
	return &fathom.OAuthApp{ID: id, ClientID: p.ClientID, SecretHash: p.SecretHash, Name: p.Name,
		RedirectURIs: append([]string(nil), p.RedirectURIs...), CreatedAt: p.CreatedAt}, nil
}

func (t *tx) OAuthAppDelete(ctx context.Context, clientID string) error {
	tag, err := t.q.Exec(ctx, `DELETE FROM oauth_apps WHERE client_id = $1`, clientID)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("delete oauth app: %w", err)
	}
	return nil
}

const oauthCodeColumns = `hash, app_id, tenant_id, user_id, redirect_uri, scope, challenge, challenge_method,
created_at, expires_at, used_at, coalesce(grant_id, 0)`

func (q queries) OAuthCodeGetByHash(ctx context.Context, hash string) (*fathom.OAuthCode, error) {
	query := `SELECT ` + oauthCodeColumns + ` FROM oauth_codes WHERE hash = $1` + q.forUpdate()
	var c fathom.OAuthCode
	err := q.q.QueryRow(ctx, query, hash).Scan(&c.Hash, &c.AppID, &c.TenantID, &c.UserID, &c.RedirectURI, &c.Scope,
		&c.Challenge, &c.ChallengeMethod, &c.CreatedAt, &c.ExpiresAt, &c.UsedAt, &c.GrantID)
	if err != nil {
		return nil, interpretError(err)
	}
	return &c, nil
}

func (t *tx) OAuthCodeCreate(ctx context.Context, c *fathom.OAuthCode) error {
	_, err := t.q.Exec(ctx, `INSERT INTO oauth_codes (hash, app_id, tenant_id, user_id, redirect_uri, scope,
challenge, challenge_method, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		c.Hash, c.AppID, c.TenantID, c.UserID, c.RedirectURI, c.Scope, c.Challenge, c.ChallengeMethod, c.CreatedAt, c.ExpiresAt)
	if err != nil {
		return fmt.Errorf("create oauth code: %w", interpretError(err))
	}
	return nil
}

func (t *tx) OAuthCodeUse(ctx context.Context, hash string, grantID int64, at time.Time) error {
	var grant *int64
	if grantID != 0 {
		grant = &grantID
	}
	tag, err := t.q.Exec(ctx, `UPDATE oauth_codes SET used_at = $1, grant_id = $2 WHERE hash = $3 AND used_at IS NULL`,
		at, grant, hash)
	return oneRow(tag, err)
}

func (t *tx) OAuthGrantCreate(ctx context.Context, g *fathom.OAuthGrant) error {
	err := t.q.QueryRow(ctx, `INSERT INTO oauth_grants (app_id, tenant_id, user_id, scope, created_at)
VALUES ($1, $2, $3, $4, $5) RETURNING id`, g.AppID, g.TenantID, g.UserID, g.Scope, g.CreatedAt).Scan(&g.ID)
	if err != nil {
		return fmt.Errorf("create oauth grant: %w", interpretError(err))
	}
	return nil
}

func (t *tx) OAuthGrantRevoke(ctx context.Context, grantID int64, at time.Time) error {
	if _, err := t.q.Exec(ctx, `UPDATE oauth_grants SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`,
		at, grantID); err != nil {
		return fmt.Errorf("revoke oauth grant: %w", err)
	}
	if _, err := t.q.Exec(ctx, `UPDATE oauth_tokens SET revoked_at = $1, successor = NULL WHERE grant_id = $2 AND revoked_at IS NULL`,
		at, grantID); err != nil {
		return fmt.Errorf("revoke oauth grant tokens: %w", err)
	}
	return nil
}

const oauthTokenSelect = `SELECT k.id, k.grant_id, k.kind, k.hash, k.expires_at, k.created_at, k.rotated_at,
coalesce(k.replaced_by, 0), k.successor, k.revoked_at, g.app_id, g.tenant_id, g.user_id, g.scope, g.revoked_at
FROM oauth_tokens k JOIN oauth_grants g ON g.id = k.grant_id`

func scanOAuthToken(row interface{ Scan(...any) error }) (*fathom.OAuthToken, error) {
	var k fathom.OAuthToken
	if err := row.Scan(&k.ID, &k.GrantID, &k.Kind, &k.Hash, &k.ExpiresAt, &k.CreatedAt, &k.RotatedAt, &k.ReplacedBy,
		&k.Successor, &k.RevokedAt, &k.AppID, &k.TenantID, &k.UserID, &k.Scope, &k.GrantRevokedAt); err != nil {
		return nil, interpretError(err)
	}
	return &k, nil
}

func (q queries) OAuthTokenGetByHash(ctx context.Context, hash string) (*fathom.OAuthToken, error) {
	query := oauthTokenSelect + ` WHERE k.hash = $1`
	if q.inTx {
		query += q.forUpdate() + ` OF k`
	}
	return scanOAuthToken(q.q.QueryRow(ctx, query, hash))
}

func (q queries) OAuthTokenList(ctx context.Context, grantID int64) ([]*fathom.OAuthToken, error) {
	rows, err := q.q.Query(ctx, oauthTokenSelect+` WHERE k.grant_id = $1 ORDER BY k.id`, grantID)
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
	err := t.q.QueryRow(ctx, `INSERT INTO oauth_tokens (grant_id, kind, hash, expires_at, created_at)
VALUES ($1, $2, $3, $4, $5) RETURNING id`, k.GrantID, k.Kind, k.Hash, k.ExpiresAt, k.CreatedAt).Scan(&k.ID)
	if err != nil {
		return fmt.Errorf("create oauth token: %w", interpretError(err))
	}
	return nil
}

func (t *tx) OAuthTokenRotate(ctx context.Context, p *store.OAuthTokenRotateParams) error {
	tag, err := t.q.Exec(ctx, `UPDATE oauth_tokens SET rotated_at = $1, replaced_by = $2, successor = $3
WHERE id = $4 AND kind = 'refresh' AND rotated_at IS NULL`, p.At, p.ReplacedBy, p.Successor, p.TokenID)
	return oneRow(tag, err)
}

func (t *tx) OAuthTokenRevoke(ctx context.Context, tokenID int64, at time.Time) error {
	if _, err := t.q.Exec(ctx, `UPDATE oauth_tokens SET revoked_at = $1, successor = NULL WHERE id = $2 AND revoked_at IS NULL`,
		at, tokenID); err != nil {
		return fmt.Errorf("revoke oauth token: %w", err)
	}
	return nil
}

func (q queries) UserPasswordHash(ctx context.Context, userID int64) (string, error) {
	var h string
	if err := q.q.QueryRow(ctx, `SELECT password_hash FROM users WHERE id = $1`, userID).Scan(&h); err != nil {
		return "", interpretError(err)
	}
	return h, nil
}

func (t *tx) UserSetPasswordHash(ctx context.Context, userID int64, hash string) error {
	tag, err := t.q.Exec(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return nil
}
