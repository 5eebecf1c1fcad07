// Package session holds the rules of the web pages' sign-in sessions: a
// random token handed to the browser once, only its SHA-256 hash stored
// (through the store, so that every server behind one database knows the
// session and a restart keeps it), a fixed lifetime, and sign-out. Who may
// sign in is internal/oauth's SignIn; what a signed-in user may see is the
// services'. It knows nothing of HTTP or cookies.
package session

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// DefaultTTL is how long a session lasts when Config.TTL is zero.
const DefaultTTL = 7 * 24 * time.Hour

// Config sets the sessions' behaviour.
type Config struct {
	// TTL is a session's lifetime from sign-in (default DefaultTTL).
	TTL time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
}

// Service starts, resolves and ends sessions.
type Service struct {
	store  store.Store
	logger *slog.Logger
	ttl    time.Duration
	now    func() time.Time
}

// New returns a service.
func New(st store.Store, logger *slog.Logger, cfg Config) *Service {
	if cfg.TTL <= 0 {
		cfg.TTL = DefaultTTL
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if logger == nil {
		logger = slog.Default()
	}
	return &Service{store: st, logger: logger, ttl: cfg.TTL, now: cfg.Now}
}

// ErrNoSession is returned (code EUNAUTHORIZED) for a token that is
// unknown, ended or expired.
var ErrNoSession = fathom.Errorf(fathom.EUNAUTHORIZED, "not signed in")

// Start opens a session for the user and returns its token, to be handed
// to the browser once, and when it expires. Sessions expired by now are
// deleted in the same write, so that the table holds live sessions.
func (s *Service) Start(ctx context.Context, u *fathom.User) (token string, expires time.Time, err error) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails on supported platforms (Go 1.24+)
	token = base64.RawURLEncoding.EncodeToString(b)
	now := s.now().UTC()
	sess := &fathom.WebSession{Hash: hash(token), TenantID: u.TenantID, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.ttl)}
	var swept int64
	err = s.store.Write(ctx, func(tx store.Tx) (err error) {
		if swept, err = tx.WebSessionDeleteExpired(ctx, now); err != nil {
			return err
		}
		return tx.WebSessionCreate(ctx, sess)
	})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("start session: %w", err)
	}
	if swept > 0 {
		s.logger.Debug("expired web sessions deleted", "sessions", swept)
	}
	return token, sess.ExpiresAt, nil
}

// Resolve returns who a live session's token signs in, ErrNoSession if it
// signs in no one.
func (s *Service) Resolve(ctx context.Context, token string) (*fathom.Principal, error) {
	if token == "" {
		return nil, ErrNoSession
	}
	sess, err := s.store.WebSessionGetByHash(ctx, hash(token))
	if errors.Is(err, store.ErrNotFound) || (err == nil && !s.now().Before(sess.ExpiresAt)) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, err
	}
	return &fathom.Principal{TenantID: sess.TenantID, UserID: sess.UserID}, nil
}

// End ends the token's session; an unknown token is not an error.
func (s *Service) End(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.store.Write(ctx, func(tx store.Tx) error { return tx.WebSessionDelete(ctx, hash(token)) })
}

// hash is what the store keeps of a token.
func hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
