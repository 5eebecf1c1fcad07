package store

import (
	"context"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// GatewayReader holds the reads of the gateway's tables (connections and
// their encrypted tokens). Reads never decrypt: sealing and opening are the
// gateway service's job.
type GatewayReader interface {
	// ConnectionGet returns a connection of the user (ErrNotFound if the
	// user has none with id, including another user's). Inside a Tx it
	// also holds the connection against other writers until the commit,
	// so that of two token refreshes the second sees the first's token.
	ConnectionGet(ctx context.Context, tenantID, userID int64, id string) (*ConnectionRow, error)
	// ConnectionGetBySession returns the connection whose connect link
	// carries the session token with this hash.
	ConnectionGetBySession(ctx context.Context, sessionHash string) (*ConnectionRow, error)
	// ConnectionGetByState returns the connection whose consent in
	// progress sent the state with this hash.
	ConnectionGetByState(ctx context.Context, stateHash string) (*ConnectionRow, error)
	// ConnectionList returns the user's connections matching p, oldest
	// first (creation time, then insertion order).
	ConnectionList(ctx context.Context, p *ConnectionListParams) ([]*ConnectionRow, error)
}

// GatewayTx holds the writes of the gateway's tables.
type GatewayTx interface {
	// ConnectionCreate inserts c; a second connection with the same ID or
	// session hash is ErrDuplicate.
	ConnectionCreate(ctx context.Context, c *ConnectionRow) error
	// ConnectionUpdate stores c's status, state hash, sealed verifier and
	// tokens, expiry, metadata and UpdatedAt (ErrNotFound if c.ID is
	// absent). Owner, app, method, session and creation time never change.
	ConnectionUpdate(ctx context.Context, c *ConnectionRow) error
	// ConnectionDelete removes a connection of the user and its tokens
	// (ErrNotFound if the user has none with id).
	ConnectionDelete(ctx context.Context, tenantID, userID int64, id string) error
}

// ConnectionRow is a connection as stored. The store reads and writes the
// embedded Connection's plain fields but never its plaintext secrets
// (SessionToken, Verifier, AccessToken, RefreshToken): those travel only
// as ciphertext in Sealed, and as hashes where they are looked up.
type ConnectionRow struct {
	fathom.Connection
	// SessionHash is the SHA-256 (hex) of the connect link's session token.
	SessionHash string
	// StateHash is the SHA-256 (hex) of the OAuth state of the consent in
	// progress ("" when none is).
	StateHash string
	Sealed    SealedSecrets
}

// SealedSecrets are a connection's secrets encrypted with the server's
// key (nil: none).
type SealedSecrets struct {
	SessionToken []byte
	Verifier     []byte
	AccessToken  []byte
	RefreshToken []byte
}

// ConnectionListParams select a user's connections; empty App and Status
// do not filter.
type ConnectionListParams struct {
	TenantID int64
	UserID   int64
	App      string
	Status   string
}
