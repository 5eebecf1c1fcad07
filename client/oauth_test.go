package client_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/oauth"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// TestOAuthTokenSource exchanges a code and keeps calling with a source
// that refreshes (the server's access tokens live a minute, inside the
// source's margin, so every call refreshes) and rotates refresh tokens.
func TestOAuthTokenSource(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.Addr, cfg.DataDir, cfg.BootstrapKey, cfg.SQLiteSynchronous = "127.0.0.1:0", t.TempDir(), false, "normal"
	cfg.AccessTokenTTL = 60e9
	a := app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard)
	if err := a.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer a.Close(ctx)
	base := "http://" + a.Addr()
	k, err := a.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: "acme", UserEmail: "alice@acme.com"})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := a.OAuth.RegisterApp(ctx, "Notes", []string{"http://127.0.0.1:9/cb"})
	if err != nil {
		t.Fatal(err)
	}
	// The consent itself (tested through the page elsewhere).
	code, err := a.OAuth.Authorize(ctx, reg.App, fathom.Principal{TenantID: k.Key.TenantID, UserID: k.Key.UserID},
		oauth.AuthorizeRequest{ClientID: reg.App.ClientID, RedirectURI: "http://127.0.0.1:9/cb", ResponseType: "code", Scope: "public_api"})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var rotated []string
	o := client.OAuthConfig{ClientID: reg.App.ClientID, ClientSecret: reg.Secret, TokenURL: base + "/external/v1/oauth2/token",
		OnRefresh: func(rt string) { mu.Lock(); rotated = append(rotated, rt); mu.Unlock() }}
	tok, err := o.Exchange(ctx, code, "http://127.0.0.1:9/cb", "")
	if err != nil || tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatalf("exchange: %+v %v", tok, err)
	}
	c, _ := client.New(client.WithBaseURL(base), client.WithBearer(o.TokenSource(tok.RefreshToken)), client.WithRateLimit(0, 0))
	for range 3 {
		for _, err := range c.Teams(ctx) {
			t.Fatalf("teams: %v", err)
		}
	}
	if len(rotated) != 3 || rotated[0] == tok.RefreshToken || rotated[1] == rotated[0] {
		t.Fatalf("refresh tokens handed to OnRefresh: %d, want 3 distinct rotations", len(rotated))
	}
	if _, err := o.Exchange(ctx, code, "http://127.0.0.1:9/cb", ""); err == nil {
		t.Fatal("a used code was accepted again")
	}
}
