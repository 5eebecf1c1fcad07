package gateway

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// errLinkInvalid answers a connect link or callback that matches nothing.
var errLinkInvalid = fathom.Errorf(fathom.ENOTFOUND,
	"this link is not valid or was already used: create a new connection with POST /connections and open its url")

// BeginConnect starts the upstream's consent for the connection whose
// link carries session: it draws a new state and PKCE verifier, keeps
// their hash and seal, and returns the upstream's authorize URL to
// redirect the browser to. ENOTFOUND for an unknown session, ECONFLICT
// for a connection that is no longer PENDING or whose link expired.
func (s *Service) BeginConnect(ctx context.Context, session string) (string, error) {
	if session == "" {
		return "", errLinkInvalid
	}
	row, err := s.store.ConnectionGetBySession(ctx, hash(session))
	if errors.Is(err, store.ErrNotFound) {
		return "", errLinkInvalid
	}
	if err != nil {
		return "", err
	}
	c, err := s.open(row, true)
	if err != nil {
		return "", err
	}
	if err := notPending(c); err != nil {
		return "", err
	}
	if s.now().Sub(c.CreatedAt) > sessionLifetime {
		if err := s.fail(ctx, c, "expired"); err != nil {
			return "", err
		}
		return "", fathom.Errorf(fathom.ECONFLICT, "this link expired: create a new connection with POST /connections")
	}
	state, err := randomToken()
	if err != nil {
		return "", err
	}
	if c.Verifier, err = randomToken(); err != nil {
		return "", err
	}
	c.UpdatedAt = s.now().UTC()
	if err := s.store.Write(ctx, func(tx store.Tx) error { return s.save(ctx, tx, c, hash(state)) }); err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(c.Verifier))
	// The parameters in the order Fathom's SDK sends them (spec §12.1),
	// then PKCE, which a server without it ignores (RFC 6749 §3.1).
	q := []string{"client_id=" + url.QueryEscape(s.cfg.ClientID), "redirect_uri=" + url.QueryEscape(s.RedirectURI()),
		"scope=public_api", "state=" + url.QueryEscape(state), "response_type=code",
		"code_challenge=" + base64.RawURLEncoding.EncodeToString(sum[:]), "code_challenge_method=S256"}
	sep := "?"
	if strings.Contains(s.cfg.AuthorizeURL, "?") {
		sep = "&"
	}
	return s.cfg.AuthorizeURL + sep + strings.Join(q, "&"), nil
}

// FinishConnect handles the upstream's redirect back (code and state, or
// error and state): it exchanges the code, stores the sealed tokens and
// makes the connection ACTIVE; a denial or a refused exchange makes it
// FAILED. It returns the connection when the state matched one, with an
// *fathom.Error a person can read when the connection did not become
// ACTIVE.
func (s *Service) FinishConnect(ctx context.Context, q url.Values) (*fathom.Connection, error) {
	state := q.Get("state")
	if state == "" {
		return nil, errLinkInvalid
	}
	row, err := s.store.ConnectionGetByState(ctx, hash(state))
	if errors.Is(err, store.ErrNotFound) {
		return nil, errLinkInvalid
	}
	if err != nil {
		return nil, err
	}
	c, err := s.open(row, true)
	if err != nil {
		return nil, err
	}
	if err := notPending(c); err != nil {
		return c, err
	}
	if reason := q.Get("error"); reason != "" {
		reason = errorCode(reason)
		if err := s.fail(ctx, c, reason); err != nil {
			return c, err
		}
		return c, fathom.Errorf(fathom.EINVALID, "access was not granted (%s): create a new connection to try again", reason)
	}
	code := q.Get("code")
	if code == "" {
		if err := s.fail(ctx, c, "invalid_request"); err != nil {
			return c, err
		}
		return c, fathom.Errorf(fathom.EINVALID, "the upstream sent no authorization code: create a new connection to try again")
	}
	tr, err := s.tokenRequest(ctx, "code="+url.QueryEscape(code)+"&redirect_uri="+url.QueryEscape(s.RedirectURI())+
		"&grant_type=authorization_code", "&code_verifier="+url.QueryEscape(c.Verifier))
	if err != nil {
		s.logger.Warn("gateway: code exchange failed", "connection", c.ID, "err", err)
		if ferr := s.fail(ctx, c, upstreamCode(err)); ferr != nil {
			return c, ferr
		}
		return c, fathom.Errorf(fathom.EINVALID, "the upstream refused the sign-in (%s): create a new connection to try again", upstreamCode(err))
	}
	var out *fathom.Connection
	err = s.store.Write(ctx, func(tx store.Tx) error {
		out = nil
		cur, err := s.reread(ctx, tx, c)
		if err != nil || cur.Status != fathom.ConnectionPending {
			return err // a concurrent callback decided first
		}
		cur.Status, cur.Verifier = fathom.ConnectionActive, ""
		s.apply(cur, tr)
		out = cur
		return s.save(ctx, tx, cur, "")
	})
	if err != nil {
		return c, err
	}
	if out == nil {
		return c, fathom.Errorf(fathom.ECONFLICT, "this connection was already completed")
	}
	return out, nil
}

// notPending explains why a connection that is not PENDING cannot be
// connected again.
func notPending(c *fathom.Connection) error {
	switch c.Status {
	case fathom.ConnectionPending:
		return nil
	case fathom.ConnectionActive:
		return fathom.Errorf(fathom.ECONFLICT, "this connection is already ACTIVE: you can close this page")
	}
	return fathom.Errorf(fathom.ECONFLICT, "this connection FAILED: create a new connection with POST /connections")
}

// fail marks c FAILED with the reason in its metadata, forgetting its
// tokens and consent in progress. Its error means c's state was not
// saved: callers return it, naming c, rather than an answer that says
// the connection failed when its row still says PENDING.
func (s *Service) fail(ctx context.Context, c *fathom.Connection, reason string) error {
	err := s.store.Write(ctx, func(tx store.Tx) error {
		cur, err := s.reread(ctx, tx, c)
		if err != nil {
			return err
		}
		cur.Status, cur.Verifier, cur.AccessToken, cur.RefreshToken = fathom.ConnectionFailed, "", "", ""
		cur.Metadata = map[string]string{"error": reason}
		cur.UpdatedAt = s.now().UTC()
		*c = *cur
		return s.save(ctx, tx, cur, "")
	})
	if err != nil {
		return fmt.Errorf("gateway: marking connection %s FAILED (%s): %w", c.ID, reason, err)
	}
	return nil
}

// reread returns the stored state of c inside tx, tokens opened.
func (s *Service) reread(ctx context.Context, tx store.Tx, c *fathom.Connection) (*fathom.Connection, error) {
	row, err := tx.ConnectionGet(ctx, c.TenantID, c.UserID, c.ID)
	if err != nil {
		return nil, err
	}
	return s.open(row, true)
}

// errorCode keeps an upstream's error code printable and short: it is
// shown to people and stored.
func errorCode(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s) && len(b) < 64; i++ {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return "error"
	}
	return string(b)
}
