package oauth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// AuthorizeRequest is what a client sends to the authorization endpoint
// (RFC 6749 §4.1.1, RFC 7636 §4.3).
type AuthorizeRequest struct {
	ClientID            string
	RedirectURI         string
	ResponseType        string
	Scope               string
	State               string
	CodeChallenge       string
	CodeChallengeMethod string
}

// Check validates what may be reported to the client by redirect, once
// App has accepted the client and redirect URI. It fills in the defaults:
// scope public_api, challenge method plain (RFC 7636 §4.3).
func (r *AuthorizeRequest) Check() error {
	if r.ResponseType != "code" {
		return oauthErr(CodeUnsupportedResponseType, `response_type must be "code"`)
	}
	if r.Scope == "" {
		r.Scope = fathom.OAuthScope
	}
	if r.Scope != fathom.OAuthScope {
		return oauthErr(CodeInvalidScope, `the only scope is "public_api"`)
	}
	if r.CodeChallenge == "" {
		if r.CodeChallengeMethod != "" {
			return oauthErr(CodeInvalidRequest, "code_challenge_method without code_challenge")
		}
		return nil
	}
	if r.CodeChallengeMethod == "" {
		r.CodeChallengeMethod = "plain"
	}
	if r.CodeChallengeMethod != "S256" && r.CodeChallengeMethod != "plain" {
		return oauthErr(CodeInvalidRequest, `code_challenge_method must be "S256" or "plain"`)
	}
	if !pkceShaped(r.CodeChallenge) {
		return oauthErr(CodeInvalidRequest, "code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~")
	}
	return nil
}

// pkceShaped reports whether s is a valid code verifier or challenge.
func pkceShaped(s string) bool {
	if len(s) < 43 || len(s) > 128 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

// pkceMatches checks a verifier against the stored challenge.
func pkceMatches(method, challenge, verifier string) bool {
	if !pkceShaped(verifier) {
		return false
	}
	want := verifier
	if method == "S256" {
		sum := sha256.Sum256([]byte(verifier))
		want = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) == 1
}

// Authorize records the consent of a signed-in user (who) to app for r and
// returns a one-time authorization code, valid for CodeTTL.
func (s *Service) Authorize(ctx context.Context, app *fathom.OAuthApp, who fathom.Principal, r AuthorizeRequest) (string, error) {
	if err := r.Check(); err != nil {
		return "", err
	}
	code := codePrefix + randomToken()
	now := s.now()
	err := s.store.Write(ctx, func(tx store.Tx) error {
		return tx.OAuthCodeCreate(ctx, &fathom.OAuthCode{Hash: hashSecret(code), AppID: app.ID, TenantID: who.TenantID,
			UserID: who.UserID, RedirectURI: r.RedirectURI, Scope: r.Scope, Challenge: r.CodeChallenge,
			ChallengeMethod: r.CodeChallengeMethod, CreatedAt: now, ExpiresAt: now.Add(s.cfg.CodeTTL)})
	})
	if err != nil {
		return "", err
	}
	return code, nil
}
