package config_test

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/config"
)

func TestEngineAndLocation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url, engine, location string
	}{
		{"", "sqlite", "/var/lib/fathom/fathom.db"},
		{"sqlite:/tmp/x.db", "sqlite", "/tmp/x.db"},
		{"postgres://fathom:s3cret@db:5432/fathom", "postgres", "postgres://fathom:xxxxx@db:5432/fathom"},
		{"postgresql://fathom@db/fathom?sslmode=disable", "postgres", "postgresql://fathom@db/fathom?sslmode=disable"},
		{"postgres://db/fathom?password=s3cret&sslmode=require", "postgres", "postgres://db/fathom?password=xxxxx&sslmode=require"},
	}
	for _, tt := range tests {
		cfg := config.Default()
		cfg.DataDir, cfg.DatabaseURL = "/var/lib/fathom", tt.url
		if got := cfg.Engine(); got != tt.engine {
			t.Errorf("Engine() of %q = %q, want %q", tt.url, got, tt.engine)
		}
		if got := cfg.DatabaseLocation(); got != tt.location {
			t.Errorf("DatabaseLocation() of %q = %q, want %q", tt.url, got, tt.location)
		}
	}
}

// No error or message shows the password of the database URL.
func TestDatabasePasswordNeverShown(t *testing.T) {
	t.Parallel()
	for _, u := range []string{
		"postgres://fathom:s3cret@db:5432/fathom",
		"postgres://fathom:s3cret@/fathom",      // no host: refused
		"postgres://fathom:s3cret%zz@db/fathom", // does not parse
		"mysql://fathom:s3cret@db/fathom",       // another engine
		"postgres://db/fathom?password=s3cret",
		"postgres://fathom:s3cr%65t@db/fathom", // escaped: decodes to s3cret
	} {
		cfg := config.Default()
		cfg.DatabaseURL = u
		for what, text := range map[string]string{"location": cfg.DatabaseLocation(), "validation": fmt.Sprint(cfg.Validate()),
			"redacted URL": config.RedactURL(u)} {
			if strings.Contains(text, "s3cret") || strings.Contains(text, "s3cr%65t") {
				t.Errorf("%s of %q shows the password: %s", what, u, text)
			}
		}
		cause := errors.New("connect to " + u + " as s3cret: refused")
		err := cfg.RedactError(cause)
		if strings.Contains(u, "postgres://") && !strings.Contains(u, "%zz") && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("RedactError(%q) = %q", cause, err)
		}
		if !errors.Is(err, cause) {
			t.Errorf("RedactError(%q) lost the cause", cause)
		}
	}
	cfg := config.Default()
	if cfg.RedactError(nil) != nil {
		t.Error("RedactError(nil) is not nil")
	}
}

// --help shows defaults taken from the environment: never a secret.
func TestHelpHidesSecrets(t *testing.T) {
	t.Parallel()
	env := map[string]string{"FATHOM_DATABASE_URL": "postgres://fathom:s3cret@db/fathom", "FATHOM_SECRET_KEY": "s3cretkey",
		"FATHOM_GATEWAY_CLIENT_SECRET": "s3cretclient", "FATHOM_EMBEDDINGS_KEY": "s3cretembed"}
	cfg := config.Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var help strings.Builder
	fs.SetOutput(&help)
	if err := cfg.RegisterServer(fs, func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	fs.PrintDefaults()
	if strings.Contains(help.String(), "s3cret") || !strings.Contains(help.String(), "postgres://fathom:xxxxx@db/fathom") {
		t.Errorf("--help shows a secret, or not the redacted URL:\n%s", help.String())
	}
	for _, want := range []string{"FATHOM_SECRET_KEY_FILE: set)", "FATHOM_GATEWAY_CLIENT_SECRET_FILE: set)", "FATHOM_EMBEDDINGS_KEY_FILE: set)"} {
		if !strings.Contains(help.String(), want) {
			t.Errorf("--help does not say %q:\n%s", want, help.String())
		}
	}
	if err := fs.Parse([]string{"--secret-key", "other"}); err != nil || cfg.SecretKey != "other" ||
		cfg.DatabaseURL != env["FATHOM_DATABASE_URL"] || cfg.GatewayClientSecret != "s3cretclient" {
		t.Errorf("secret options no longer set: %v %+v", err, cfg)
	}
}
