package fathom

import "time"

// The OAuth 2.0 authorization server's nouns. Apps are server-wide: the
// operator registers them, and a user of any tenant may consent to one. What
// the user consents to is a grant, scoped to that user's tenant; every code
// and token hangs off a grant, so revoking the grant revokes them all.
//
// No secret is kept in the clear: an app's secret, codes and tokens are
// stored only as hashes.

// OAuthScope is the only scope, Fathom's.
const OAuthScope = "public_api"

// OAuthApp is a registered OAuth client application.
type OAuthApp struct {
	ID         int64
	ClientID   string
	SecretHash string
	Name       string
	// RedirectURIs are compared with the request's redirect_uri exactly,
	// byte for byte.
	RedirectURIs []string
	CreatedAt    time.Time
}

// OAuthGrant is a user's consent to an app: the family of every token
// issued from one authorization.
type OAuthGrant struct {
	ID        int64
	AppID     int64
	TenantID  int64
	UserID    int64
	Scope     string
	CreatedAt time.Time
	RevokedAt *time.Time
}

// OAuthCode is a one-time authorization code, stored by hash.
type OAuthCode struct {
	Hash     string
	AppID    int64
	TenantID int64
	UserID   int64
	// RedirectURI must be presented again, identical, at the exchange.
	RedirectURI string
	Scope       string
	// Challenge and ChallengeMethod ("S256" or "plain") are PKCE's; empty
	// when the client sent no code_challenge.
	Challenge       string
	ChallengeMethod string
	CreatedAt       time.Time
	ExpiresAt       time.Time
	// UsedAt is set at the first exchange; GrantID is the grant it made,
	// revoked if the code is presented again.
	UsedAt  *time.Time
	GrantID int64
}

// Kinds of OAuth tokens.
const (
	TokenAccess  = "access"
	TokenRefresh = "refresh"
)

// OAuthToken is an issued access or refresh token, stored by hash, with
// its grant's app, tenant, user and revocation filled in by reads.
type OAuthToken struct {
	ID      int64
	GrantID int64
	Kind    string
	Hash    string
	// ExpiresAt is nil for refresh tokens: they live until rotated or
	// revoked.
	ExpiresAt *time.Time
	CreatedAt time.Time
	// RotatedAt is when a refresh token was exchanged for its successor
	// pair; ReplacedBy is the successor refresh token's id; Successor is
	// that pair sealed with a key only the old refresh token yields, so
	// that a second refresh within the grace answers with the same pair.
	RotatedAt  *time.Time
	ReplacedBy int64
	Successor  []byte
	RevokedAt  *time.Time

	// From the grant.
	AppID          int64
	TenantID       int64
	UserID         int64
	Scope          string
	GrantRevokedAt *time.Time
}

// Revoked reports whether the token or its grant was revoked.
func (t *OAuthToken) Revoked() bool { return t.RevokedAt != nil || t.GrantRevokedAt != nil }
