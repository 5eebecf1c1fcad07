package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// The database engines --database-url selects.
const (
	EngineSQLite   = "sqlite"
	EnginePostgres = "postgres"
)

// Engine is the engine DatabaseURL selects: EnginePostgres for a
// postgres:// or postgresql:// URL, else EngineSQLite.
func (c *Config) Engine() string {
	if isPostgresURL(c.DatabaseURL) {
		return EnginePostgres
	}
	return EngineSQLite
}

// DatabaseLocation names the database for people: the SQLite file, or the
// PostgreSQL URL with its password replaced.
func (c *Config) DatabaseLocation() string {
	if c.Engine() == EnginePostgres {
		return RedactURL(c.DatabaseURL)
	}
	return c.SQLiteFile()
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// validateDatabaseURL accepts empty, sqlite:PATH and a PostgreSQL URL
// with a host. Its errors show the URL redacted.
func (c *Config) validateDatabaseURL() error {
	u := c.DatabaseURL
	switch {
	case u == "", strings.HasPrefix(u, "sqlite:"):
		return nil
	case isPostgresURL(u):
		parsed, err := url.Parse(u)
		if err != nil {
			// url.Error quotes the whole URL: say what is wrong without it.
			var ue *url.Error
			if errors.As(err, &ue) {
				err = ue.Err
			}
			return fmt.Errorf("not a valid PostgreSQL URL (%v): %q", err, RedactURL(u))
		}
		if parsed.Host == "" {
			return fmt.Errorf("a PostgreSQL URL needs a host, as in postgres://USER:PASSWORD@HOST:5432/DB, got %q", RedactURL(u))
		}
		return nil
	}
	return fmt.Errorf("must be empty (SQLite in --data-dir), sqlite:PATH or postgres://USER:PASSWORD@HOST:5432/DB, got %q", RedactURL(u))
}

// redacted replaces a password in logs and errors.
const redacted = "xxxxx"

// RedactURL returns a database URL fit to show: a password in its user
// information or in a password= parameter is replaced by xxxxx. What does
// not parse as a URL is shown only up to its scheme.
func RedactURL(s string) string {
	if s == "" || strings.HasPrefix(s, "sqlite:") {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		if scheme, _, ok := strings.Cut(s, "://"); ok {
			return scheme + "://" + redacted
		}
		return redacted
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", redacted)
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// RedactError returns err with every occurrence of the database URL's
// password replaced in its message (drivers may quote what they were
// given); errors.Is and errors.As still see the original.
func (c *Config) RedactError(err error) error {
	if err == nil {
		return nil
	}
	var found []string
	for _, pw := range c.databasePasswords() {
		if pw != "" && strings.Contains(err.Error(), pw) {
			found = append(found, pw)
		}
	}
	if len(found) == 0 {
		return err
	}
	return redactedError{err: err, passwords: found}
}

// databasePasswords is the URL's password as written and decoded.
func (c *Config) databasePasswords() []string {
	if !isPostgresURL(c.DatabaseURL) {
		return nil
	}
	u, err := url.Parse(c.DatabaseURL)
	if err != nil {
		return nil
	}
	var pws []string
	if pw, ok := u.User.Password(); ok {
		_, raw, _ := strings.Cut(u.User.String(), ":")
		pws = append(pws, raw, pw)
	}
	if pw := u.Query().Get("password"); pw != "" {
		pws = append(pws, pw, url.QueryEscape(pw))
	}
	return pws
}

type redactedError struct {
	err       error
	passwords []string
}

func (e redactedError) Error() string {
	msg := e.err.Error()
	for _, pw := range e.passwords {
		msg = strings.ReplaceAll(msg, pw, redacted)
	}
	return msg
}

func (e redactedError) Unwrap() error { return e.err }
