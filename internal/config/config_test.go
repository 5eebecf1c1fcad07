package config_test

import (
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/config"
)

func TestDefaultValidates(t *testing.T) {
	t.Parallel()
	cfg := config.Default()
	if err := cfg.Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v, want nil", err)
	}
	if cfg.Addr != "127.0.0.1:8080" || cfg.Workers != 2 || cfg.MaxBodyBytes != 1<<20 || cfg.SQLiteSynchronous != "full" {
		t.Errorf("unexpected defaults: %+v", cfg)
	}
}

func TestValidateNamesFlagAndEnv(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(c *config.Config)
		flag   string // "" means the change is valid
	}{
		{"addr without port", func(c *config.Config) { c.Addr = "localhost" }, "addr"},
		{"addr with port 0", func(c *config.Config) { c.Addr = "127.0.0.1:0" }, ""},
		{"data-dir blank", func(c *config.Config) { c.DataDir = "  " }, "data-dir"},
		{"database-url postgres", func(c *config.Config) { c.DatabaseURL = "postgres://fathom:pw@db.internal:5432/fathom" }, ""},
		{"database-url postgresql", func(c *config.Config) { c.DatabaseURL = "postgresql://db.internal/fathom?sslmode=require" }, ""},
		{"database-url postgres without host", func(c *config.Config) { c.DatabaseURL = "postgres:///fathom" }, "database-url"},
		{"database-url bad escape", func(c *config.Config) { c.DatabaseURL = "postgres://u:%zz@h/db" }, "database-url"},
		{"database-url mysql", func(c *config.Config) { c.DatabaseURL = "mysql://u:pw@h/db" }, "database-url"},
		{"database-url sqlite", func(c *config.Config) { c.DatabaseURL = "sqlite:/tmp/x.db" }, ""},
		{"sqlite-synchronous off", func(c *config.Config) { c.SQLiteSynchronous = "off" }, "sqlite-synchronous"},
		{"sqlite-synchronous normal", func(c *config.Config) { c.SQLiteSynchronous = "normal" }, ""},
		{"log-format xml", func(c *config.Config) { c.LogFormat = "xml" }, "log-format"},
		{"log-level trace", func(c *config.Config) { c.LogLevel = "trace" }, "log-level"},
		{"max-body-bytes min", func(c *config.Config) { c.MaxBodyBytes = 64 << 10 }, ""},
		{"max-body-bytes below min", func(c *config.Config) { c.MaxBodyBytes = 64<<10 - 1 }, "max-body-bytes"},
		{"max-body-bytes max", func(c *config.Config) { c.MaxBodyBytes = 64 << 20 }, ""},
		{"max-body-bytes above max", func(c *config.Config) { c.MaxBodyBytes = 64<<20 + 1 }, "max-body-bytes"},
		{"read-timeout zero", func(c *config.Config) { c.ReadTimeout = 0 }, "read-timeout"},
		{"write-timeout negative", func(c *config.Config) { c.WriteTimeout = -time.Second }, "write-timeout"},
		{"idle-timeout zero", func(c *config.Config) { c.IdleTimeout = 0 }, "idle-timeout"},
		{"shutdown-timeout zero", func(c *config.Config) { c.ShutdownTimeout = 0 }, "shutdown-timeout"},
		{"memory-limit too small", func(c *config.Config) { c.MemoryLimit = 1 << 20 }, "memory-limit"},
		{"memory-limit negative", func(c *config.Config) { c.MemoryLimit = -1 }, "memory-limit"},
		{"idempotency-ttl zero", func(c *config.Config) { c.IdempotencyTTL = 0 }, "idempotency-ttl"},
		{"workers 0", func(c *config.Config) { c.Workers = 0 }, ""},
		{"metrics-addr", func(c *config.Config) { c.MetricsAddr = "127.0.0.1:9090" }, ""},
		{"metrics-addr without port", func(c *config.Config) { c.MetricsAddr = "127.0.0.1" }, "metrics-addr"},
		{"metrics-addr same as addr", func(c *config.Config) { c.MetricsAddr = c.Addr }, "metrics-addr"},
		{"metrics-token", func(c *config.Config) { c.MetricsToken = "0123456789abcdef" }, ""},
		{"metrics-token short", func(c *config.Config) { c.MetricsToken = "0123456789abcde" }, "metrics-token"},
		{"metrics-token with a space", func(c *config.Config) { c.MetricsToken = "0123456789 abcdef" }, "metrics-token"},
		{"workers 64", func(c *config.Config) { c.Workers = 64 }, ""},
		{"workers 65", func(c *config.Config) { c.Workers = 65 }, "workers"},
		{"workers -1", func(c *config.Config) { c.Workers = -1 }, "workers"},
		{"rate-limit negative", func(c *config.Config) { c.RateLimit = -0.5 }, "rate-limit"},
		{"rate-limit positive", func(c *config.Config) { c.RateLimit = 2.5 }, ""},
		{"rate-burst negative", func(c *config.Config) { c.RateBurst = -1 }, "rate-burst"},
		{"min-similarity 0", func(c *config.Config) { c.MinSimilarity = 0 }, ""},
		{"min-similarity 1", func(c *config.Config) { c.MinSimilarity = 1 }, "min-similarity"},
		{"min-similarity negative", func(c *config.Config) { c.MinSimilarity = -0.01 }, "min-similarity"},
		{"feed-poll 10ms", func(c *config.Config) { c.FeedPoll = 10 * time.Millisecond }, ""},
		{"feed-poll 0", func(c *config.Config) { c.FeedPoll = 0 }, "feed-poll"},
		{"feed-poll 1m", func(c *config.Config) { c.FeedPoll = time.Minute }, "feed-poll"},
		{"analysis-duty 1", func(c *config.Config) { c.AnalysisDuty = 1 }, ""},
		{"analysis-duty 0", func(c *config.Config) { c.AnalysisDuty = 0 }, "analysis-duty"},
		{"analysis-duty above 1", func(c *config.Config) { c.AnalysisDuty = 1.5 }, "analysis-duty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := config.Default()
			tt.mutate(&cfg)
			err := cfg.Validate()
			if tt.flag == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Validate() = nil, want an error")
			}
			msg := err.Error()
			env := "FATHOM_" + strings.ToUpper(strings.ReplaceAll(tt.flag, "-", "_"))
			if want := "--" + tt.flag + " (" + env + "): "; !strings.HasPrefix(msg, want) {
				t.Errorf("error %q does not start with %q", msg, want)
			}
			if n := len(strings.Split(msg, "\n")); n != 1 {
				t.Errorf("got %d errors, want 1: %q", n, msg)
			}
		})
	}
}

// NaN passes both "< 0" and ">= 1" comparisons, so it must be rejected
// explicitly; ParseFloat accepts "NaN" and "Inf" from flags and env.
func TestValidateRejectsNonFiniteFloats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(c *config.Config)
		flag   string
	}{
		{"min-similarity NaN", func(c *config.Config) { c.MinSimilarity = math.NaN() }, "--min-similarity"},
		{"rate-limit NaN", func(c *config.Config) { c.RateLimit = math.NaN() }, "--rate-limit"},
		{"rate-limit +Inf", func(c *config.Config) { c.RateLimit = math.Inf(1) }, "--rate-limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := config.Default()
			tt.mutate(&cfg)
			if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), tt.flag) {
				t.Errorf("Validate() = %v, want an error naming %s", err, tt.flag)
			}
		})
	}
}

func TestValidateReportsEveryError(t *testing.T) {
	t.Parallel()
	cfg := config.Default()
	cfg.Workers = 100
	cfg.LogLevel = "loud"
	cfg.Addr = "nowhere"
	cfg.ReadTimeout = 0
	err := cfg.Validate()
	if err == nil {
		t.Fatal("Validate() = nil, want errors")
	}
	msg := err.Error()
	for _, want := range []string{"--workers (FATHOM_WORKERS)", "--log-level (FATHOM_LOG_LEVEL)", "--addr (FATHOM_ADDR)",
		"--read-timeout (FATHOM_READ_TIMEOUT)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %s:\n%s", want, msg)
		}
	}
	if n := len(strings.Split(msg, "\n")); n != 4 {
		t.Errorf("got %d lines, want 4:\n%s", n, msg)
	}
}

func envFunc(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

// parse registers every server option with env and parses args.
func parse(t *testing.T, env map[string]string, args ...string) (config.Config, error) {
	t.Helper()
	cfg := config.Default()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := cfg.RegisterServer(fs, envFunc(env)); err != nil {
		return cfg, err
	}
	return cfg, fs.Parse(args)
}

func TestPrecedenceFlagEnvDefault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want func(c config.Config) bool
	}{
		{"default workers", nil, nil, func(c config.Config) bool { return c.Workers == 2 }},
		{"env workers", map[string]string{"FATHOM_WORKERS": "5"}, nil, func(c config.Config) bool { return c.Workers == 5 }},
		{"flag beats env", map[string]string{"FATHOM_WORKERS": "5"}, []string{"--workers", "7"},
			func(c config.Config) bool { return c.Workers == 7 }},
		{"env addr", map[string]string{"FATHOM_ADDR": "0.0.0.0:9"}, nil, func(c config.Config) bool { return c.Addr == "0.0.0.0:9" }},
		{"env bool", map[string]string{"FATHOM_MIGRATE": "false"}, nil, func(c config.Config) bool { return !c.AutoMigrate }},
		{"flag bool beats env", map[string]string{"FATHOM_MIGRATE": "false"}, []string{"--migrate"},
			func(c config.Config) bool { return c.AutoMigrate }},
		{"env duration", map[string]string{"FATHOM_READ_TIMEOUT": "5m"}, nil,
			func(c config.Config) bool { return c.ReadTimeout == 5*time.Minute }},
		{"flag duration beats env", map[string]string{"FATHOM_READ_TIMEOUT": "5m"}, []string{"--read-timeout=3s"},
			func(c config.Config) bool { return c.ReadTimeout == 3*time.Second }},
		{"env float", map[string]string{"FATHOM_MIN_SIMILARITY": "0.25"}, nil,
			func(c config.Config) bool { return c.MinSimilarity == 0.25 }},
		{"env int64", map[string]string{"FATHOM_MAX_BODY_BYTES": "65536"}, nil,
			func(c config.Config) bool { return c.MaxBodyBytes == 65536 }},
		{"storage option from env", map[string]string{"FATHOM_DATA_DIR": "/srv/fathom"}, nil,
			func(c config.Config) bool { return c.DataDir == "/srv/fathom" }},
		{"non-secret _FILE ignored", map[string]string{"FATHOM_WORKERS_FILE": "/nonexistent"}, nil,
			func(c config.Config) bool { return c.Workers == 2 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := parse(t, tt.env, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want(cfg) {
				t.Errorf("unexpected config %+v", cfg)
			}
		})
	}
}

func TestDatabaseURLFile(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "url")
	if err := os.WriteFile(file, []byte("  sqlite:/data/x.db \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"file read and trimmed", map[string]string{"FATHOM_DATABASE_URL_FILE": file}, "sqlite:/data/x.db"},
		{"env beats file", map[string]string{"FATHOM_DATABASE_URL": "sqlite:/env.db", "FATHOM_DATABASE_URL_FILE": file}, "sqlite:/env.db"},
		{"neither", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := parse(t, tt.env)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.DatabaseURL != tt.want {
				t.Errorf("DatabaseURL = %q, want %q", cfg.DatabaseURL, tt.want)
			}
		})
	}
	_, err := parse(t, map[string]string{"FATHOM_DATABASE_URL_FILE": filepath.Join(t.TempDir(), "missing")})
	if err == nil || !strings.Contains(err.Error(), "FATHOM_DATABASE_URL_FILE") {
		t.Errorf("missing file: err = %v, want one naming FATHOM_DATABASE_URL_FILE", err)
	}
}

func TestBadValuesNameTheirSource(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"env int", map[string]string{"FATHOM_WORKERS": "abc"}, nil, "FATHOM_WORKERS"},
		{"env int64", map[string]string{"FATHOM_MAX_BODY_BYTES": "1MB"}, nil, "FATHOM_MAX_BODY_BYTES"},
		{"env bool", map[string]string{"FATHOM_BOOTSTRAP_KEY": "maybe"}, nil, "FATHOM_BOOTSTRAP_KEY"},
		{"env duration", map[string]string{"FATHOM_IDLE_TIMEOUT": "10"}, nil, "FATHOM_IDLE_TIMEOUT"},
		{"env float", map[string]string{"FATHOM_RATE_LIMIT": "fast"}, nil, "FATHOM_RATE_LIMIT"},
		{"flag int", nil, []string{"--workers", "many"}, "-workers"},
		{"flag duration", nil, []string{"--shutdown-timeout", "1"}, "-shutdown-timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := parse(t, tt.env, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one naming %s", err, tt.want)
			}
		})
	}
}

func TestSQLiteFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url, dataDir, want string
	}{
		{"", "/var/lib/fathom", filepath.Join("/var/lib/fathom", "fathom.db")},
		{"sqlite:/tmp/other.db", "/var/lib/fathom", "/tmp/other.db"},
		{"sqlite:relative/x.db", "/var/lib/fathom", "relative/x.db"},
		{"sqlite:", "/var/lib/fathom", filepath.Join("/var/lib/fathom", "fathom.db")},
	}
	for _, tt := range tests {
		cfg := config.Default()
		cfg.DatabaseURL, cfg.DataDir = tt.url, tt.dataDir
		if got := cfg.SQLiteFile(); got != tt.want {
			t.Errorf("SQLiteFile() with url %q = %q, want %q", tt.url, got, tt.want)
		}
	}
}
