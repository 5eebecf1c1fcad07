package app

import (
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/fathom-oss/fathom/internal/gateway"
	"github.com/fathom-oss/fathom/internal/gatewayapi"
	"github.com/fathom-oss/fathom/internal/secret"
)

// openGateway wires the Maton-compatible gateway: the secret key sealing
// its tokens (--secret-key, else DataDir/secret.key made on first start),
// the service with an HTTP client that cannot hang, and its routes.
func (a *App) openGateway() error {
	box, err := secret.NewBox(a.secret)
	if err != nil {
		return err
	}
	// The upstream is chosen by the operator, not by callers, so it may
	// be a private address (another instance of this server on the same
	// network): no SSRF guard, unlike webhook targets.
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
	}
	gw, err := gateway.New(a.DB, box, gateway.Config{
		PublicURL:    a.cfg.BaseURL(a.Addr()),
		UpstreamURL:  a.cfg.GatewayUpstreamURL,
		AuthorizeURL: a.cfg.GatewayAuthorizeURL,
		TokenURL:     a.cfg.GatewayTokenURL,
		ClientID:     a.cfg.GatewayClientID,
		ClientSecret: a.cfg.GatewayClientSecret,
		RateLimit:    a.cfg.GatewayRateLimit,
		Transport:    transport,
		Logger:       a.logger,
	})
	if err != nil {
		return fmt.Errorf("gateway: %w", err)
	}
	gatewayapi.New(gw, a.Tenants).Register(a.server.Mux())
	return nil
}
