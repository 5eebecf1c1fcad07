package app

import (
	"strings"

	"github.com/fathom-oss/fathom/internal/oauth"
	"github.com/fathom-oss/fathom/internal/oauthapi"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// openOAuth wires the OAuth 2.0 authorization server: the service (whose
// access tokens the meetings API then accepts as Bearer) and the
// /external/v1/oauth2/ routes, whose forms are signed with the web pages'
// key so that servers sharing a secret key accept each other's. It runs
// before openMeetings.
func (a *App) openOAuth() error {
	formKey := a.derivedKey("fathom web forms") // the web pages' key: a form served by one server is accepted by any
	a.OAuth = oauth.NewService(oauth.Deps{Store: a.DB, Logger: a.logger},
		oauth.Config{AccessTokenTTL: a.cfg.AccessTokenTTL, RefreshReuseGrace: a.cfg.RefreshReuseGrace,
			HashConcurrency: a.cfg.PasswordHashConcurrency,
			SignIn: oauth.SignInLimits{PairFailures: a.cfg.SignInPairFailures, AddressFailures: a.cfg.SignInAddressFailures,
				AccountFailures: a.cfg.SignInAccountFailures, MaxDelay: a.cfg.SignInMaxDelay}})
	h, err := oauthapi.New(a.OAuth, formKey, oauthapi.Config{
		SecureCookies: strings.HasPrefix(a.cfg.BaseURL(a.Addr()), "https://"),
		DefaultTenant: tenant.DefaultTenant,
	})
	if err != nil {
		return err
	}
	h.Register(a.server.Mux())
	return nil
}
