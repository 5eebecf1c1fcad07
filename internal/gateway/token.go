package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// tokenResponse is an OAuth token endpoint's answer (spec §12.2).
type tokenResponse struct {
	AccessToken  string  `json:"access_token"`
	ExpiresIn    float64 `json:"expires_in"`
	RefreshToken string  `json:"refresh_token"`
}

// oauthError is a refusal of the token endpoint. It carries the status and
// the RFC 6749 error code, never the body's other fields.
type oauthError struct {
	status int
	code   string
}

func (e *oauthError) Error() string {
	return fmt.Sprintf("upstream token endpoint answered %d %s", e.status, e.code)
}

// upstreamCode is the RFC 6749 error code of err, or a word for what went
// wrong.
func upstreamCode(err error) string {
	var oe *oauthError
	if errors.As(err, &oe) {
		return oe.code
	}
	return "upstream_unreachable"
}

func isInvalidGrant(err error) bool {
	var oe *oauthError
	return errors.As(err, &oe) && oe.code == "invalid_grant"
}

// tokenRequest posts a form to the token endpoint, client_secret_post, in
// the field order of spec §12.2: client_id, client_secret, then grant, then
// extra (PKCE's code_verifier).
func (s *Service) tokenRequest(ctx context.Context, grant, extra string) (*tokenResponse, error) {
	body := "client_id=" + url.QueryEscape(s.cfg.ClientID)
	if s.cfg.ClientSecret != "" {
		body += "&client_secret=" + url.QueryEscape(s.cfg.ClientSecret)
	}
	body += "&" + grant + extra
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.TokenURL, strings.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		// A *url.Error names the token URL, which holds no secret.
		return nil, fmt.Errorf("token request: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return nil, fmt.Errorf("token response: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		_ = json.Unmarshal(raw, &e)
		return nil, &oauthError{status: resp.StatusCode, code: errorCode(e.Error)}
	}
	var tr tokenResponse
	if err := json.Unmarshal(raw, &tr); err != nil || tr.AccessToken == "" {
		return nil, &oauthError{status: resp.StatusCode, code: "invalid_token_response"}
	}
	return &tr, nil
}

// apply stores a token response in c.
func (s *Service) apply(c *fathom.Connection, tr *tokenResponse) {
	now := s.now().UTC()
	c.AccessToken = tr.AccessToken
	if tr.RefreshToken != "" {
		c.RefreshToken = tr.RefreshToken
	}
	lifetime := time.Hour // the spec's decision when the upstream does not say
	if tr.ExpiresIn > 0 {
		lifetime = time.Duration(tr.ExpiresIn * float64(time.Second))
	}
	c.ExpiresAt, c.UpdatedAt = now.Add(lifetime), now
}

// fresh reports whether c's access token has more than its refresh
// margin left.
func (s *Service) fresh(c *fathom.Connection) bool {
	return c.AccessToken != "" && s.now().Add(refreshMargin(c)).Before(c.ExpiresAt)
}

// refreshMargin is how long before expiry c's access token is refreshed:
// RefreshMargin, or a quarter of the lifetime the token was issued with
// when that is shorter. A fixed margin longer than the lifetime would make
// every call a refresh; a quarter lets a 60 s token serve 45 s of calls.
//
// The lifetime is ExpiresAt − UpdatedAt: apply sets both when a token is
// issued, and no other write keeps the token (see fathom.Connection).
// When that cannot be read (an UpdatedAt at or past ExpiresAt), the margin
// is RefreshMargin.
func refreshMargin(c *fathom.Connection) time.Duration {
	lifetime := c.ExpiresAt.Sub(c.UpdatedAt)
	if lifetime <= 0 {
		return RefreshMargin
	}
	return min(RefreshMargin, lifetime/4)
}

// usable returns c with an access token good for a call, refreshing it
// first when it expires within its refresh margin.
func (s *Service) usable(ctx context.Context, c *fathom.Connection) (*fathom.Connection, error) {
	if s.fresh(c) {
		return c, nil
	}
	return s.refresh(ctx, c, "")
}

// refresh returns c with a new access token, unless the connection is
// backing off or its account spent its share of refreshes (see
// refreshGuard). Refreshes of one connection are serialised: in this
// process by flights, across processes by reading
// the row again inside the write transaction. Whoever finds the stored
// token already replaced (fresh, or other than stale when stale is the
// token the upstream just refused) uses it instead of refreshing again.
// A refresh refused with invalid_grant marks the connection FAILED.
func (s *Service) refresh(ctx context.Context, c *fathom.Connection, stale string) (*fathom.Connection, error) {
	// One caller giving up must not fail the others waiting on it.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	return s.flights.do(c.ID, func() (*fathom.Connection, error) {
		row, err := s.store.ConnectionGet(ctx, c.TenantID, c.UserID, c.ID)
		if err != nil {
			return nil, connectionGone(c.ID, err)
		}
		cur, err := s.open(row, true)
		if err != nil {
			return nil, err
		}
		if cur.Status != fathom.ConnectionActive {
			return nil, unusable(cur)
		}
		if (stale == "" && s.fresh(cur)) || (stale != "" && cur.AccessToken != stale) {
			return cur, nil
		}
		if ok, wait := s.guard.admit(c.ID, c.UserID, stale != "", s.now()); !ok {
			return nil, fathom.Errorf(fathom.EUNAVAILABLE, "the access token of connection %s cannot be refreshed for %d s "+
				"(the last refresh failed or did not help, or this account refreshed too often): retry later",
				c.ID, int((wait+time.Second-1)/time.Second))
		}
		tr, upErr := s.tokenRequest(ctx, "refresh_token="+url.QueryEscape(cur.RefreshToken)+"&grant_type=refresh_token", "")
		var out *fathom.Connection
		err = s.store.Write(ctx, func(tx store.Tx) error {
			out = nil
			now, err := s.reread(ctx, tx, cur)
			if err != nil {
				return err
			}
			if now.RefreshToken != cur.RefreshToken || now.Status != fathom.ConnectionActive {
				out = now // another process refreshed (or failed) it meanwhile
				return nil
			}
			switch {
			case upErr == nil:
				s.apply(now, tr)
			case isInvalidGrant(upErr):
				now.Status, now.AccessToken, now.RefreshToken = fathom.ConnectionFailed, "", ""
				now.Metadata, now.UpdatedAt = map[string]string{"error": "invalid_grant"}, s.now().UTC()
			default:
				return nil
			}
			out = now
			return s.save(ctx, tx, now, "")
		})
		switch {
		case err != nil:
			return nil, connectionGone(c.ID, err)
		case out == nil:
			s.guard.failed(c.ID, s.now())
			s.logger.Warn("gateway: token refresh failed", "connection", c.ID, "err", upErr)
			return nil, fathom.Errorf(fathom.EUNAVAILABLE, "could not refresh the access token of connection %s (%s): retry later", c.ID, upstreamCode(upErr))
		case out.Status != fathom.ConnectionActive:
			return nil, unusable(out)
		}
		return out, nil
	})
}

func connectionGone(id string, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fathom.Errorf(fathom.EINVALID, "connection %s was deleted", id)
	}
	return err
}

// unusable explains why a connection that is not ACTIVE cannot carry calls.
func unusable(c *fathom.Connection) error {
	if c.Status == fathom.ConnectionPending {
		return fathom.Errorf(fathom.EINVALID, "connection %s is PENDING: open its url to finish connecting", c.ID)
	}
	why := ""
	if r := c.Metadata["error"]; r != "" {
		why = " (" + r + ")"
	}
	return fathom.Errorf(fathom.EINVALID, "connection %s is FAILED%s: create a new connection with POST /connections, then delete this one", c.ID, why)
}
