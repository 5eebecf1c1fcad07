package store

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// OAuthReader holds the reads of the OAuth authorization server's tables
// (registered apps, authorization codes, tokens, user passwords).
type OAuthReader interface {
	// OAuthAppGetByClientID returns a registered app (ErrNotFound if none).
	OAuthAppGetByClientID(ctx context.Context, clientID string) (*fathom.OAuthApp, error)
	// OAuthAppList returns every app, oldest first.
	OAuthAppList(ctx context.Context) ([]*fathom.OAuthApp, error)

	// OAuthCodeGetByHash returns an authorization code, used or not.
	// Inside a Tx it also holds the code against other writers until the
	// commit, so that of two exchanges the second sees the first's use.
	OAuthCodeGetByHash(ctx context.Context, hash string) (*fathom.OAuthCode, error)

	// OAuthTokenGetByHash returns a token with its grant's fields, revoked
	// or not. Inside a Tx it also holds the token against other writers
	// until the commit, so that of two refreshes the second sees the
	// first's rotation.
	OAuthTokenGetByHash(ctx context.Context, hash string) (*fathom.OAuthToken, error)
	// OAuthTokenList returns every token of a grant, oldest first.
	OAuthTokenList(ctx context.Context, grantID int64) ([]*fathom.OAuthToken, error)

	// UserPasswordHash returns the user's encoded password hash, "" when no
	// password was set (ErrNotFound when there is no such user).
	UserPasswordHash(ctx context.Context, userID int64) (string, error)
}

// OAuthTx holds the writes of the OAuth authorization server's tables.
type OAuthTx interface {
	// OAuthAppCreate registers an app; a taken ClientID is ErrDuplicate.
	OAuthAppCreate(ctx context.Context, p *OAuthAppCreateParams) (*fathom.OAuthApp, error)
	// OAuthAppDelete removes an app and, by cascade, its grants, codes and
	// tokens (ErrNotFound if none).
	OAuthAppDelete(ctx context.Context, clientID string) error

	// OAuthCodeCreate stores a new code.
	OAuthCodeCreate(ctx context.Context, c *fathom.OAuthCode) error
	// OAuthCodeUse marks an unused code used and records the grant it
	// made; ErrNotFound if there is no such unused code, so that of two
	// exchanges exactly one wins.
	OAuthCodeUse(ctx context.Context, hash string, grantID int64, at time.Time) error

	// OAuthGrantCreate inserts g and sets g.ID.
	OAuthGrantCreate(ctx context.Context, g *fathom.OAuthGrant) error
	// OAuthGrantRevoke revokes a grant, and with it every token it issued.
	// Revoking a revoked grant is not an error.
	OAuthGrantRevoke(ctx context.Context, grantID int64, at time.Time) error

	// OAuthTokenCreate inserts t (GrantID, Kind, Hash, ExpiresAt,
	// CreatedAt) and sets t.ID.
	OAuthTokenCreate(ctx context.Context, t *fathom.OAuthToken) error
	// OAuthTokenRotate marks a refresh token exchanged; ErrNotFound if it
	// is unknown or was already rotated, so exactly one successor exists.
	OAuthTokenRotate(ctx context.Context, p *OAuthTokenRotateParams) error
	// OAuthTokenRevoke revokes one token. Revoking a revoked token is not
	// an error.
	OAuthTokenRevoke(ctx context.Context, tokenID int64, at time.Time) error

	// UserSetPasswordHash stores a user's encoded password hash.
	UserSetPasswordHash(ctx context.Context, userID int64, hash string) error
}

// OAuthAppCreateParams are the fields of a new app; SecretHash is of the
// client secret.
type OAuthAppCreateParams struct {
	ClientID     string
	SecretHash   string
	Name         string
	RedirectURIs []string
	CreatedAt    time.Time
}

// OAuthTokenRotateParams record a refresh token's exchange.
type OAuthTokenRotateParams struct {
	TokenID    int64
	ReplacedBy int64
	// Successor is the sealed successor pair (see fathom.OAuthToken).
	Successor []byte
	At        time.Time
}
