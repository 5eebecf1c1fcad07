package app

import (
	"crypto/hmac"
	"crypto/sha256"
	"path/filepath"

	"github.com/fathom-oss/fathom/internal/secret"
)

// loadSecretKey reads the server's secret key: --secret-key, else
// DataDir/secret.key, made on first start. Every server sharing a
// database must share it.
func (a *App) loadSecretKey() ([]byte, error) {
	return secret.LoadOrCreateKey(a.cfg.SecretKey, filepath.Join(a.cfg.DataDir, "secret.key"))
}

// derivedKey is a key for one purpose, derived from the secret key (which
// Open has loaded), so that every server sharing that key derives the
// same one and no purpose holds another's key.
func (a *App) derivedKey(purpose string) []byte {
	mac := hmac.New(sha256.New, a.secret)
	mac.Write([]byte(purpose))
	return mac.Sum(nil)
}
