package fathom

import "time"

// Gateway connection statuses, as Maton's connections API spells them.
const (
	ConnectionPending = "PENDING" // created; the user has not finished the upstream's consent
	ConnectionActive  = "ACTIVE"  // tokens stored; calls can go through it
	ConnectionFailed  = "FAILED"  // consent denied, code exchange or refresh refused
)

// The only app and authentication method the gateway serves.
const (
	AppFathom    = "fathom"
	MethodOAuth2 = "OAUTH2"
)

// Connection is a gateway account's link to one upstream account: the
// OAuth tokens the gateway injects into calls made through it. It belongs
// to a user of a tenant (the owner of the API key that created it).
//
// SessionToken, Verifier, AccessToken and RefreshToken are plaintext and
// live in memory only: the store keeps them sealed (see internal/secret),
// and nothing may log them or put them in an error.
type Connection struct {
	ID       string // a UUID, Maton's connection_id
	TenantID int64
	UserID   int64
	App      string // AppFathom
	Method   string // MethodOAuth2
	Status   string // ConnectionPending, ConnectionActive or ConnectionFailed

	// SessionToken is the secret in the connect link the user opens.
	SessionToken string
	// Verifier is the PKCE code verifier of the consent in progress.
	Verifier     string
	AccessToken  string
	RefreshToken string
	// ExpiresAt is when AccessToken expires (zero: no token yet).
	ExpiresAt time.Time

	CreatedAt time.Time
	// UpdatedAt is the last change. While the connection holds an access
	// token it is when that token was issued: the gateway reads the
	// token's lifetime as ExpiresAt − UpdatedAt, so a change that keeps
	// the token must keep UpdatedAt too (or store the lifetime).
	UpdatedAt time.Time
	// Metadata is free-form information shown with the connection (the
	// reason it failed, for one).
	Metadata map[string]string
}
