package store

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// WebSessionReader holds the reads of the web pages' sign-in sessions.
type WebSessionReader interface {
	// WebSessionGetByHash returns a session by the hash of its token,
	// expired or not (ErrNotFound if none).
	WebSessionGetByHash(ctx context.Context, hash string) (*fathom.WebSession, error)
}

// WebSessionTx holds the writes of the web pages' sign-in sessions.
type WebSessionTx interface {
	// WebSessionCreate stores a new session; a taken hash is ErrDuplicate.
	WebSessionCreate(ctx context.Context, s *fathom.WebSession) error
	// WebSessionDelete ends a session; an unknown hash is not an error.
	WebSessionDelete(ctx context.Context, hash string) error
	// WebSessionDeleteUser ends every session of the user (a new
	// password, a deactivation) and returns how many.
	WebSessionDeleteUser(ctx context.Context, userID int64) (int64, error)
	// WebSessionDeleteExpired deletes the sessions that expired at or
	// before before and returns how many.
	WebSessionDeleteExpired(ctx context.Context, before time.Time) (int64, error)
}
