package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// OAuthConfig is an OAuth app registered with Fathom (or a self-hosted
// server): its client credentials and the token endpoint.
type OAuthConfig struct {
	ClientID     string
	ClientSecret string
	// TokenURL defaults to Fathom's, https://fathom.video/external/v1/oauth2/token.
	TokenURL string
	// HTTPClient defaults to a client with a 30 s timeout.
	HTTPClient *http.Client
	// OnRefresh, when set, is called with every new refresh token, so that
	// it can be stored: refresh tokens are one-time and rotate.
	OnRefresh func(refreshToken string)
}

// Tokens are what the token endpoint answers.
type Tokens struct {
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token"`
	Expiry       time.Time `json:"-"`
}

// TokenSource returns a source that keeps an access token fresh from a
// refresh token: it refreshes a minute before expiry (Fathom's SDK does
// it five), one refresh at a time, and hands each rotated refresh token to
// OnRefresh.
func (o OAuthConfig) TokenSource(refreshToken string) TokenSource {
	var mu sync.Mutex
	cur := Tokens{RefreshToken: refreshToken}
	return func(ctx context.Context) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		if cur.AccessToken != "" && time.Until(cur.Expiry) > time.Minute {
			return cur.AccessToken, nil
		}
		t, err := o.exchange(ctx, url.Values{"refresh_token": {cur.RefreshToken}, "grant_type": {"refresh_token"}})
		if err != nil {
			return "", err
		}
		cur = *t
		if o.OnRefresh != nil {
			o.OnRefresh(t.RefreshToken)
		}
		return cur.AccessToken, nil
	}
}

// Exchange trades an authorization code (and the PKCE verifier, if one
// was used) for tokens.
func (o OAuthConfig) Exchange(ctx context.Context, code, redirectURI, verifier string) (*Tokens, error) {
	form := url.Values{"code": {code}, "redirect_uri": {redirectURI}, "grant_type": {"authorization_code"}}
	if verifier != "" {
		form.Set("code_verifier", verifier)
	}
	return o.exchange(ctx, form)
}

func (o OAuthConfig) exchange(ctx context.Context, form url.Values) (*Tokens, error) {
	form.Set("client_id", o.ClientID)
	form.Set("client_secret", o.ClientSecret)
	tokenURL := o.TokenURL
	if tokenURL == "" {
		tokenURL = "https://fathom.video/external/v1/oauth2/token"
	}
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("client: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("client: token endpoint: %w", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var out struct {
		Tokens
		ExpiresIn   float64 `json:"expires_in"`
		Error       string  `json:"error"`
		Description string  `json:"error_description"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || resp.StatusCode != http.StatusOK {
		msg := out.Error
		if out.Description != "" {
			msg += ": " + out.Description
		}
		return nil, &Error{StatusCode: resp.StatusCode, Message: "token endpoint: " + msg}
	}
	out.Tokens.Expiry = time.Now().Add(time.Duration(out.ExpiresIn) * time.Second)
	return &out.Tokens, nil
}
