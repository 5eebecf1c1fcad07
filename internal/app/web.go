package app

import (
	"strings"

	"github.com/fathom-oss/fathom/internal/session"
	"github.com/fathom-oss/fathom/internal/tenant"
	"github.com/fathom-oss/fathom/internal/webapp"
)

// openWeb wires the web pages: sessions in the database, and forms signed
// with a key derived from the server's secret key (--secret-key, else
// DataDir/secret.key), so that servers sharing that key accept each
// other's forms. It runs after openMeetings and openOAuth.
func (a *App) openWeb() error {
	formKey := a.derivedKey("fathom web forms")
	sessions := session.New(a.DB, a.logger, session.Config{TTL: a.cfg.SessionTTL})
	h, err := webapp.New(a.Meetings, a.Conversations, sessions, a.OAuth, formKey, webapp.Config{
		SecureCookies: strings.HasPrefix(a.cfg.BaseURL(a.Addr()), "https://"),
		DefaultTenant: tenant.DefaultTenant, Logger: a.logger})
	if err != nil {
		return err
	}
	h.Register(a.server.Mux())
	for _, prefix := range webapp.Prefixes {
		a.server.SetErrorWriter(prefix, h.WriteError)
	}
	return nil
}
