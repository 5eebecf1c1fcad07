package oauth

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Client is a client's credentials, from the body (client_secret_post) or
// the Authorization header (client_secret_basic).
type Client struct {
	ID     string
	Secret string
}

// TokenPair is what the token endpoint answers.
type TokenPair struct {
	AccessToken  string
	RefreshToken string
	ExpiresIn    time.Duration
	Scope        string
}

// Exchange trades an authorization code for a token pair: the code must be
// the client's, unused, unexpired, presented with the identical
// redirect_uri and, when a challenge was sent, the matching PKCE verifier.
// A code presented twice also revokes the tokens of its first exchange
// (RFC 6749 §4.1.2).
func (s *Service) Exchange(ctx context.Context, c Client, code, redirectURI, verifier string) (*TokenPair, error) {
	app, err := s.authenticateClient(ctx, c)
	if err != nil {
		return nil, err
	}
	var pair *TokenPair
	var replayed bool
	err = s.store.Write(ctx, func(tx store.Tx) error {
		pair, replayed = nil, false
		now := s.now()
		ac, err := tx.OAuthCodeGetByHash(ctx, hashSecret(code))
		if errors.Is(err, store.ErrNotFound) || (err == nil && ac.AppID != app.ID) {
			return errUnknownGrant
		} else if err != nil {
			return err
		}
		switch {
		case ac.UsedAt != nil:
			replayed = true
			if ac.GrantID != 0 {
				return tx.OAuthGrantRevoke(ctx, ac.GrantID, now)
			}
			return nil
		case !now.Before(ac.ExpiresAt):
			return oauthErr(CodeInvalidGrant, "the authorization code has expired")
		case ac.RedirectURI != redirectURI:
			return oauthErr(CodeInvalidGrant, "redirect_uri differs from the one the code was issued for")
		case ac.Challenge == "" && verifier != "":
			return oauthErr(CodeInvalidGrant, "code_verifier given but the authorization request had no code_challenge")
		case ac.Challenge != "" && !pkceMatches(ac.ChallengeMethod, ac.Challenge, verifier):
			return oauthErr(CodeInvalidGrant, "code_verifier does not match the code_challenge")
		}
		g := &fathom.OAuthGrant{AppID: app.ID, TenantID: ac.TenantID, UserID: ac.UserID, Scope: ac.Scope, CreatedAt: now}
		if err := tx.OAuthGrantCreate(ctx, g); err != nil {
			return err
		}
		if err := tx.OAuthCodeUse(ctx, ac.Hash, g.ID, now); err != nil {
			return err
		}
		pair, _, err = s.issue(ctx, tx, g.ID, g.Scope, now)
		return err
	})
	if replayed {
		s.logger.Warn("oauth: authorization code reused; its grant is revoked", "client_id", app.ClientID)
		return nil, oauthErr(CodeInvalidGrant, "the authorization code was already used; the tokens issued for it are revoked")
	}
	if err != nil {
		return nil, err
	}
	return pair, nil
}

// Refresh trades a refresh token for a new pair. A refresh token works
// once: the exchange rotates it. Presented again within RefreshReuseGrace
// (two workers refreshing at once) it answers with the same successor
// pair; later, it is a replay, and the whole grant is revoked (OAuth 2.0
// Security BCP §4.14). The exchange runs in one write transaction, so
// concurrent refreshes of one token are serialised and exactly one
// successor exists.
func (s *Service) Refresh(ctx context.Context, c Client, refreshToken string) (*TokenPair, error) {
	app, err := s.authenticateClient(ctx, c)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(refreshToken, RefreshPrefix) {
		return nil, errUnknownGrant
	}
	var pair *TokenPair
	var replayed bool
	err = s.store.Write(ctx, func(tx store.Tx) error {
		pair, replayed = nil, false
		now := s.now()
		old, err := tx.OAuthTokenGetByHash(ctx, hashSecret(refreshToken))
		if errors.Is(err, store.ErrNotFound) || (err == nil && (old.Kind != fathom.TokenRefresh || old.AppID != app.ID || old.Revoked())) {
			return errUnknownGrant
		} else if err != nil {
			return err
		}
		if old.RotatedAt != nil {
			if s.cfg.RefreshReuseGrace > 0 && now.Sub(*old.RotatedAt) <= s.cfg.RefreshReuseGrace && old.Successor != nil {
				pair, err = s.successor(ctx, tx, old, refreshToken, now)
				return err
			}
			replayed = true
			return tx.OAuthGrantRevoke(ctx, old.GrantID, now)
		}
		var refreshID int64
		if pair, refreshID, err = s.issue(ctx, tx, old.GrantID, old.Scope, now); err != nil {
			return err
		}
		sealed, err := seal(refreshToken, pair.AccessToken+"\n"+pair.RefreshToken)
		if err != nil {
			return err
		}
		return tx.OAuthTokenRotate(ctx, &store.OAuthTokenRotateParams{TokenID: old.ID, ReplacedBy: refreshID, Successor: sealed, At: now})
	})
	if replayed {
		s.logger.Warn("oauth: rotated refresh token presented after the grace; its grant is revoked", "client_id", app.ClientID)
		return nil, oauthErr(CodeInvalidGrant, "the refresh token was already used; the grant is revoked")
	}
	if err != nil {
		return nil, err
	}
	return pair, nil
}

// successor reopens the pair a rotated refresh token was exchanged for,
// if neither of its tokens was revoked meanwhile.
func (s *Service) successor(ctx context.Context, tx store.Tx, old *fathom.OAuthToken, refreshToken string, now time.Time) (*TokenPair, error) {
	plain, err := unseal(refreshToken, old.Successor)
	if err != nil {
		return nil, err
	}
	access, refresh, _ := strings.Cut(plain, "\n")
	at, err := tx.OAuthTokenGetByHash(ctx, hashSecret(access))
	if errors.Is(err, store.ErrNotFound) {
		return nil, errUnknownGrant
	} else if err != nil {
		return nil, err
	}
	if at.Revoked() || at.ExpiresAt == nil || !now.Before(*at.ExpiresAt) {
		return nil, errUnknownGrant
	}
	return &TokenPair{AccessToken: access, RefreshToken: refresh, ExpiresIn: at.ExpiresAt.Sub(now), Scope: at.Scope}, nil
}

// issue stores a new access and refresh token of a grant.
func (s *Service) issue(ctx context.Context, tx store.Tx, grantID int64, scope string, now time.Time) (*TokenPair, int64, error) {
	access, refresh := AccessPrefix+randomToken(), RefreshPrefix+randomToken()
	exp := now.Add(s.cfg.AccessTokenTTL)
	at := &fathom.OAuthToken{GrantID: grantID, Kind: fathom.TokenAccess, Hash: hashSecret(access), ExpiresAt: &exp, CreatedAt: now}
	rt := &fathom.OAuthToken{GrantID: grantID, Kind: fathom.TokenRefresh, Hash: hashSecret(refresh), CreatedAt: now}
	if err := tx.OAuthTokenCreate(ctx, at); err != nil {
		return nil, 0, err
	}
	if err := tx.OAuthTokenCreate(ctx, rt); err != nil {
		return nil, 0, err
	}
	return &TokenPair{AccessToken: access, RefreshToken: refresh, ExpiresIn: s.cfg.AccessTokenTTL, Scope: scope}, rt.ID, nil
}

// Revoke revokes a token of the client (RFC 7009). A refresh token takes
// its whole grant with it; an access token only itself. An unknown token,
// or another client's, is not an error: the answer must not reveal it.
func (s *Service) Revoke(ctx context.Context, c Client, token string) error {
	app, err := s.authenticateClient(ctx, c)
	if err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx store.Tx) error {
		t, err := tx.OAuthTokenGetByHash(ctx, hashSecret(token))
		if errors.Is(err, store.ErrNotFound) || (err == nil && t.AppID != app.ID) {
			return nil
		} else if err != nil {
			return err
		}
		if t.Kind == fathom.TokenRefresh {
			return tx.OAuthGrantRevoke(ctx, t.GrantID, s.now())
		}
		return tx.OAuthTokenRevoke(ctx, t.ID, s.now())
	})
}

// IsAccessToken reports whether token has the form of an access token
// (and so is not an API key).
func (s *Service) IsAccessToken(token string) bool { return strings.HasPrefix(token, AccessPrefix) }

var errToken = fathom.Errorf(fathom.EUNAUTHORIZED, "invalid, expired or revoked access token")

// AuthenticateToken resolves an access token to the consenting user. Any
// failure is EUNAUTHORIZED with the same message.
func (s *Service) AuthenticateToken(ctx context.Context, token string) (*fathom.Principal, error) {
	if !s.IsAccessToken(token) || len(token) > 128 {
		return nil, errToken
	}
	t, err := s.store.OAuthTokenGetByHash(ctx, hashSecret(token))
	if errors.Is(err, store.ErrNotFound) {
		return nil, errToken
	} else if err != nil {
		return nil, err
	}
	if t.Kind != fathom.TokenAccess || t.Revoked() || t.ExpiresAt == nil || !s.now().Before(*t.ExpiresAt) {
		return nil, errToken
	}
	return &fathom.Principal{TenantID: t.TenantID, UserID: t.UserID, AppID: t.AppID}, nil
}

// The successor pair is sealed with AES-256-GCM under a key derived from
// the old refresh token by HMAC, so only a holder of that token can open
// it; the database keeps SHA-256 of the token, from which the key cannot
// be computed.
func successorKey(refreshToken string) []byte {
	m := hmac.New(sha256.New, []byte(refreshToken))
	m.Write([]byte("fathom oauth successor v1"))
	return m.Sum(nil)
}

func seal(refreshToken, plain string) ([]byte, error) {
	aead, err := newAEAD(refreshToken)
	if err != nil {
		return nil, err
	}
	nonce := randomBytes(aead.NonceSize())
	return aead.Seal(nonce, nonce, []byte(plain), nil), nil
}

func unseal(refreshToken string, sealed []byte) (string, error) {
	aead, err := newAEAD(refreshToken)
	if err != nil {
		return "", err
	}
	if len(sealed) < aead.NonceSize() {
		return "", errors.New("oauth: sealed successor too short")
	}
	plain, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], nil)
	if err != nil {
		return "", errors.New("oauth: sealed successor does not open")
	}
	return string(plain), nil
}

func newAEAD(refreshToken string) (cipher.AEAD, error) {
	block, err := aes.NewCipher(successorKey(refreshToken))
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
