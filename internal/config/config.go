// Package config is the server's configuration: one struct whose every
// field is settable by a flag and a FATHOM_* environment variable (secrets
// also from FATHOM_*_FILE), documented defaults, and validation whose errors
// name the option. Precedence: flag, then environment, then default.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// Config is every setting of the server. Each field's doc says its default.
type Config struct {
	// Addr is the listen address (default 127.0.0.1:8080).
	Addr string
	// DataDir holds the SQLite database, the secret key and sync state
	// (default ./fathom-data).
	DataDir string
	// DatabaseURL selects the database: empty means SQLite in DataDir,
	// sqlite:PATH SQLite elsewhere, postgres://USER:PASSWORD@HOST/DB (or
	// postgresql://) PostgreSQL (default empty). Secret: may come from
	// FATHOM_DATABASE_URL_FILE; never logged with its password.
	DatabaseURL string
	// SQLiteSynchronous is "full" (default; commits survive power loss)
	// or "normal" (survive a crash of the process only).
	SQLiteSynchronous string
	// AutoMigrate migrates the schema at start (default true).
	AutoMigrate bool
	// BootstrapKey creates and prints a first API key when none exists
	// (default true).
	BootstrapKey bool

	// LogFormat is "text" (default) or "json"; LogLevel is debug, info
	// (default), warn or error.
	LogFormat string
	LogLevel  string

	// MaxBodyBytes caps request bodies (default 1 MiB).
	MaxBodyBytes int64
	// Timeouts of the HTTP server (defaults 30s, 30s, 120s) and of a
	// graceful shutdown (default 30s).
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	IdleTimeout     time.Duration
	ShutdownTimeout time.Duration

	// Workers is how many background jobs run at once (default 2); 0
	// leaves jobs queued in the database for another process.
	Workers int
	// RateLimit is requests per second per tenant (default 0: off);
	// RateBurst the bucket size (default: RateLimit rounded up).
	RateLimit float64
	RateBurst int
	// FeedPoll is how often a server sharing its database with others
	// (PostgreSQL) reads the change feed (default 150ms); ServerName is
	// its name there (default host:pid:random, new at every start).
	FeedPoll   time.Duration
	ServerName string
	// MinSimilarity is the relevance threshold of similarity results
	// (default 0.1).
	MinSimilarity float64
	// IdempotencyTTL is how long Idempotency-Keys are remembered
	// (default 24h).
	IdempotencyTTL time.Duration
	// AnalysisDuty is the share of one core background analysis may use
	// while requests are being served, in (0, 1] (default 0.5): after a
	// round it rests in proportion to the round's processor time (its
	// waits for the database do not count, where the platform measures a
	// thread's time); with no request in sight analysis runs unpaced. 1
	// never yields.
	AnalysisDuty float64

	// PublicURL is the server's address as users reach it, used in the
	// meetings API's share and playback links (default: http:// and Addr).
	PublicURL string
	// MeetingsRateLimit and MeetingsHeavyRateLimit are the meetings API's
	// requests per minute per account (defaults 60 and 30, Fathom's; 0
	// is unlimited).
	MeetingsRateLimit      int
	MeetingsHeavyRateLimit int
	// MaxConversationMessages and MaxConversationBytes cap one
	// conversation of the Context API (defaults 10,000 messages and 8 MiB
	// of message content); a track past either is a 413 naming the limit.
	MaxConversationMessages int
	MaxConversationBytes    int64
	// MeetingsMaxBodyBytes caps recording ingestion bodies (default 32 MiB).
	MeetingsMaxBodyBytes int64
	// MeetingsHeavyUploads is how many ingestion bodies over 1 MiB are read
	// at once (default 2); others wait up to 5 s, then get 503.
	MeetingsHeavyUploads int
	// MeetingsDownloadRateLimit is recording downloads made per minute per
	// account (default 30, Fathom's; 0 is unlimited).
	MeetingsDownloadRateLimit int
	// MediaDir holds recordings' audio and video files (default empty:
	// DataDir/media). Servers sharing a PostgreSQL database must share
	// it (a network file system mounted at the same or any path: rows
	// name files relative to it).
	MediaDir string
	// MediaMaxBytes caps one recording's audio or video file (default
	// 2 GiB); a larger upload is a 413 naming the media field.
	MediaMaxBytes int64
	// AllowPrivateTargets lets webhooks and destination_url callbacks reach
	// loopback, private and link-local addresses and plain http (default
	// false: only public https targets, against SSRF).
	AllowPrivateTargets bool

	// SecretKey encrypts tokens and secrets at rest (gateway connections):
	// 32 bytes, base64 or hex. Empty: a key is made on first start and kept
	// in DataDir/secret.key (mode 0600). Secret: may come from
	// FATHOM_SECRET_KEY_FILE.
	SecretKey string
	// AccessTokenTTL is the lifetime of OAuth access tokens (default 1h);
	// RefreshReuseGrace how long a rotated refresh token may still be
	// presented, answered with the same successor, so that two concurrent
	// refreshes do not lock a user out (default 30s).
	AccessTokenTTL    time.Duration
	RefreshReuseGrace time.Duration
	// SessionTTL is how long a sign-in to the web pages lasts (default
	// 168h, a week).
	SessionTTL time.Duration

	// GatewayUpstreamURL is where the gateway forwards /fathom/... calls
	// (default https://api.fathom.ai); GatewayAuthorizeURL and
	// GatewayTokenURL are the upstream's OAuth endpoints (defaults
	// Fathom's); GatewayClientID and GatewayClientSecret the operator's
	// app registered there (the secret may come from
	// FATHOM_GATEWAY_CLIENT_SECRET_FILE). GatewayRateLimit is requests per
	// second per gateway account (default 10, Maton's).
	GatewayUpstreamURL  string
	GatewayAuthorizeURL string
	GatewayTokenURL     string
	GatewayClientID     string
	GatewayClientSecret string
	GatewayRateLimit    float64

	// TrustedProxies lists the reverse proxies (IPs or CIDR prefixes,
	// comma-separated) whose X-Forwarded-For names the client for
	// per-address limits (default none: the peer address is the client).
	TrustedProxies string
	// AddressRateLimit is unauthenticated requests per second per client
	// address (no or wrong credentials, OAuth pages and endpoints; default
	// 20, 0: off); AddressRateBurst its bucket (default 0: 10x the rate).
	AddressRateLimit float64
	AddressRateBurst int
	// PasswordHashConcurrency is how many Argon2id password hashes run at
	// once (default 0: one per core); sign-ins beyond it wait in a short
	// queue, then are answered 503 with Retry-After.
	PasswordHashConcurrency int
	// SignInPairFailures, SignInAddressFailures and SignInAccountFailures
	// are the failed sign-ins allowed per (account, address) pair, per
	// address and per account before delays start (defaults 5, 20, 10);
	// SignInMaxDelay is the longest lockout of a pair or an address
	// (default 15m). See docs/oauth-and-gateway.md.
	SignInPairFailures    int
	SignInAddressFailures int
	SignInAccountFailures int
	SignInMaxDelay        time.Duration
	// MinFreeDisk is the free-space floor in bytes on the file system of
	// the SQLite database (default 256 MiB; 0: no floor; not checked on
	// PostgreSQL): below it, analysis and meeting processing pause until
	// space returns, and /readyz says so.
	MinFreeDisk int64
	// MetricsAddr is a separate listen address serving only /metrics, in
	// Prometheus's format (default empty: none); MetricsToken, when set,
	// also serves /metrics on the main listener to requests bearing it
	// (Authorization: Bearer; secret: may come from
	// FATHOM_METRICS_TOKEN_FILE). With neither, no metrics are served.
	MetricsAddr  string
	MetricsToken string
	// MemoryLimit is a soft limit in bytes on the memory the Go runtime
	// holds (default 0: none, or GOMEMLIMIT's when that is set): near it
	// the collector runs more often instead of letting the heap grow to
	// twice what is live, and returns freed pages to the system sooner.
	// It bounds the peaks of analysis, not what the server keeps: set it
	// above the live heap (docs/configuration.md, "Memory").
	MemoryLimit int64

	// EmbeddingsURL is an OpenAI-compatible embeddings endpoint's base
	// URL, e.g. http://127.0.0.1:11434/v1 (default empty: none; no
	// request leaves the machine). EmbeddingsModel is the model it is
	// asked for (required with the URL); EmbeddingsKey its API key
	// (default none; secret: may come from FATHOM_EMBEDDINGS_KEY_FILE).
	// EmbeddingsTimeout bounds the wait for a similarity query's vector
	// (default 1s); past it the answer is lexical.
	EmbeddingsURL     string
	EmbeddingsModel   string
	EmbeddingsKey     string
	EmbeddingsTimeout time.Duration
	// IssueTypesByMeaning gives the issue-type model each conversation's
	// vector, so types group by meaning as well as by words (default
	// off: with the only stand-in model measured it cost similarity and
	// analysis time and did not improve grouping; see docs/evaluation.md).
	IssueTypesByMeaning bool
	// SolutionMeaningWeight, above 0, has solutions group the agents'
	// proposals by the embeddings of their phrases too, with that share
	// of a similarity in [0, 1) (default 0: by their words alone; needs
	// a local model, EmbeddingsModelDir; see docs/configuration.md).
	SolutionMeaningWeight float64
	// EmbeddingsModelDir is a static embedding model on disk: a Model2Vec
	// directory (tokenizer.json and model.safetensors) or a .vec word
	// vector file (default empty: none). Exclusive with EmbeddingsURL.
	EmbeddingsModelDir string

	// ChatURL is an OpenAI-compatible chat completions endpoint's base
	// URL, e.g. http://127.0.0.1:11434/v1 (default empty: none; summaries
	// are extractive and no request leaves the machine). ChatModel is the
	// model it is asked for (required with the URL); ChatKey its API key
	// (default none; secret: may come from FATHOM_CHAT_KEY_FILE).
	// ChatTimeout bounds one request (default 2m); a summary the model
	// does not write in time is extractive.
	ChatURL     string
	ChatModel   string
	ChatKey     string
	ChatTimeout time.Duration
}

// Default returns the configuration with every default filled in.
func Default() Config {
	return Config{
		Addr:              "127.0.0.1:8080",
		DataDir:           "./fathom-data",
		SQLiteSynchronous: "full",
		AutoMigrate:       true,
		BootstrapKey:      true,
		LogFormat:         "text",
		LogLevel:          "info",
		MaxBodyBytes:      1 << 20,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ShutdownTimeout:   30 * time.Second,
		Workers:           2,
		FeedPoll:          150 * time.Millisecond,
		MinSimilarity:     0.1,
		AnalysisDuty:      0.5,
		IdempotencyTTL:    24 * time.Hour,
		MinFreeDisk:       256 << 20,

		MaxConversationMessages: 10_000,
		MaxConversationBytes:    8 << 20,

		MeetingsRateLimit:      60,
		MeetingsHeavyRateLimit: 30,
		MeetingsMaxBodyBytes:   32 << 20,
		MeetingsHeavyUploads:   2,

		MeetingsDownloadRateLimit: 30,
		MediaMaxBytes:             2 << 30,

		AccessTokenTTL:      time.Hour,
		SessionTTL:          7 * 24 * time.Hour,
		RefreshReuseGrace:   30 * time.Second,
		GatewayUpstreamURL:  "https://api.fathom.ai",
		GatewayAuthorizeURL: "https://fathom.video/external/v1/oauth2/authorize",
		GatewayTokenURL:     "https://fathom.video/external/v1/oauth2/token",
		GatewayRateLimit:    10,

		AddressRateLimit:      20,
		SignInPairFailures:    5,
		SignInAddressFailures: 20,
		SignInAccountFailures: 10,
		SignInMaxDelay:        15 * time.Minute,

		EmbeddingsTimeout: time.Second,
		ChatTimeout:       2 * time.Minute,
	}
}

// SharedDatabase reports whether the database may be shared with other
// servers (PostgreSQL): they then keep their in-memory state current
// through the change feed. SQLite is one server's alone.
func (c *Config) SharedDatabase() bool {
	return c.Engine() == EnginePostgres
}

// MediaPath is the media directory: MediaDir, or DataDir/media.
func (c *Config) MediaPath() string {
	if c.MediaDir != "" {
		return c.MediaDir
	}
	return filepath.Join(c.DataDir, "media")
}

// SQLitePath is the database file inside DataDir.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "fathom.db") }

// Validate reports every invalid option, each error naming its flag.
func (c *Config) Validate() error {
	var errs []error
	bad := func(flag, format string, args ...any) {
		errs = append(errs, fmt.Errorf("--%s (%s): %s", flag, envName(flag), fmt.Sprintf(format, args...)))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		bad("addr", "must be host:port, got %q", c.Addr)
	}
	if strings.TrimSpace(c.DataDir) == "" {
		bad("data-dir", "must not be empty")
	}
	if err := c.validateDatabaseURL(); err != nil {
		bad("database-url", "%v", err)
	}
	if c.FeedPoll < 10*time.Millisecond || c.FeedPoll > 10*time.Second {
		bad("feed-poll", "must be between 10ms and 10s, got %s", c.FeedPoll)
	}
	if c.SQLiteSynchronous != "full" && c.SQLiteSynchronous != "normal" {
		bad("sqlite-synchronous", `must be "full" or "normal", got %q`, c.SQLiteSynchronous)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("log-format", `must be "text" or "json", got %q`, c.LogFormat)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("log-level", "must be debug, info, warn or error, got %q", c.LogLevel)
	}
	if c.MaxBodyBytes < 64<<10 || c.MaxBodyBytes > 64<<20 {
		bad("max-body-bytes", "must be between 65536 and 67108864, got %d", c.MaxBodyBytes)
	}
	if c.MaxConversationMessages < 1 || c.MaxConversationMessages > 1_000_000 {
		bad("max-conversation-messages", "must be between 1 and 1000000, got %d", c.MaxConversationMessages)
	}
	if c.MaxConversationBytes < 32<<10 || c.MaxConversationBytes > 1<<30 {
		bad("max-conversation-bytes", "must be between 32768 and 1073741824, got %d", c.MaxConversationBytes)
	}
	for flag, d := range map[string]time.Duration{"read-timeout": c.ReadTimeout, "write-timeout": c.WriteTimeout,
		"idle-timeout": c.IdleTimeout, "shutdown-timeout": c.ShutdownTimeout, "idempotency-ttl": c.IdempotencyTTL} {
		if d <= 0 {
			bad(flag, "must be a positive duration, got %s", d)
		}
	}
	if c.MinFreeDisk < 0 {
		bad("min-free-disk", "must be 0 (no floor) or a number of bytes, got %d", c.MinFreeDisk)
	}
	if c.MemoryLimit != 0 && c.MemoryLimit < 64<<20 {
		bad("memory-limit", "must be 0 (none) or at least 67108864 bytes, got %d", c.MemoryLimit)
	}
	if c.Workers < 0 || c.Workers > 64 {
		bad("workers", "must be between 0 and 64, got %d", c.Workers)
	}
	if !(c.RateLimit >= 0 && c.RateLimit <= 1e6) { // also catches NaN
		bad("rate-limit", "must be 0 (off) or a positive number up to 1000000, got %g", c.RateLimit)
	}
	if c.RateBurst < 0 {
		bad("rate-burst", "must be 0 (default) or positive, got %d", c.RateBurst)
	}
	if !(c.MinSimilarity >= 0 && c.MinSimilarity < 1) { // also catches NaN
		bad("min-similarity", "must be in [0, 1), got %g", c.MinSimilarity)
	}
	if !(c.AnalysisDuty > 0 && c.AnalysisDuty <= 1) { // also catches NaN
		bad("analysis-duty", "must be in (0, 1], got %g", c.AnalysisDuty)
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("public-url", "must be an absolute http or https URL, got %q", c.PublicURL)
		}
	}
	if c.MeetingsRateLimit < 0 || c.MeetingsHeavyRateLimit < 0 {
		bad("meetings-rate-limit", "limits must be 0 (off) or positive, got %d and %d", c.MeetingsRateLimit, c.MeetingsHeavyRateLimit)
	}
	if c.MeetingsMaxBodyBytes < 64<<10 || c.MeetingsMaxBodyBytes > 1<<30 {
		bad("meetings-max-body-bytes", "must be between 65536 and 1073741824, got %d", c.MeetingsMaxBodyBytes)
	}
	if c.MeetingsDownloadRateLimit < 0 {
		bad("meetings-download-rate-limit", "must be 0 (off) or positive, got %d", c.MeetingsDownloadRateLimit)
	}
	if c.MediaMaxBytes < 1<<10 || c.MediaMaxBytes > 1<<40 {
		bad("media-max-bytes", "must be between 1024 and 1099511627776, got %d", c.MediaMaxBytes)
	}
	if c.MeetingsHeavyUploads < 1 || c.MeetingsHeavyUploads > 256 {
		bad("meetings-heavy-uploads", "must be between 1 and 256, got %d", c.MeetingsHeavyUploads)
	}
	if c.SessionTTL < time.Minute || c.SessionTTL > 90*24*time.Hour {
		bad("session-ttl", "must be between 1m and 2160h (90 days), got %s", c.SessionTTL)
	}
	if c.AccessTokenTTL < time.Minute || c.AccessTokenTTL > 24*time.Hour {
		bad("access-token-ttl", "must be between 1m and 24h, got %s", c.AccessTokenTTL)
	}
	if c.RefreshReuseGrace < 0 || c.RefreshReuseGrace > 10*time.Minute {
		bad("refresh-reuse-grace", "must be between 0 and 10m, got %s", c.RefreshReuseGrace)
	}
	for flag, v := range map[string]string{"gateway-upstream-url": c.GatewayUpstreamURL,
		"gateway-authorize-url": c.GatewayAuthorizeURL, "gateway-token-url": c.GatewayTokenURL} {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(flag, "must be an absolute http or https URL, got %q", v)
		}
	}
	if !(c.GatewayRateLimit >= 0 && c.GatewayRateLimit <= 1e6) {
		bad("gateway-rate-limit", "must be 0 (off) or a positive number up to 1000000, got %g", c.GatewayRateLimit)
	}
	if _, err := c.TrustedProxyPrefixes(); err != nil {
		bad("trusted-proxies", "%v", err)
	}
	if !(c.AddressRateLimit >= 0 && c.AddressRateLimit <= 1e6) {
		bad("address-rate-limit", "must be 0 (off) or a positive number up to 1000000, got %g", c.AddressRateLimit)
	}
	if c.AddressRateBurst < 0 {
		bad("address-rate-burst", "must be 0 (default) or positive, got %d", c.AddressRateBurst)
	}
	if c.PasswordHashConcurrency < 0 || c.PasswordHashConcurrency > 256 {
		bad("password-hash-concurrency", "must be between 0 (one per core) and 256, got %d", c.PasswordHashConcurrency)
	}
	for flag, n := range map[string]int{"signin-pair-failures": c.SignInPairFailures,
		"signin-address-failures": c.SignInAddressFailures, "signin-account-failures": c.SignInAccountFailures} {
		if n < 1 || n > 1_000_000 {
			bad(flag, "must be between 1 and 1000000, got %d", n)
		}
	}
	if c.SignInMaxDelay < time.Second || c.SignInMaxDelay > 24*time.Hour {
		bad("signin-max-delay", "must be between 1s and 24h, got %s", c.SignInMaxDelay)
	}
	errs = append(errs, c.validateMetrics()...)
	errs = append(errs, c.validateEmbeddings()...)
	errs = append(errs, c.validateChat()...)
	return errors.Join(errs...)
}

// TrustedProxyPrefixes parses TrustedProxies.
func (c *Config) TrustedProxyPrefixes() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(c.TrustedProxies, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if a, err := netip.ParseAddr(f); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an IP address nor a CIDR prefix", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// BaseURL is PublicURL, or the listen address as an http URL.
func (c *Config) BaseURL(listening string) string {
	if c.PublicURL != "" {
		return strings.TrimRight(c.PublicURL, "/")
	}
	return "http://" + listening
}

// SQLiteFile returns the SQLite database file: the sqlite: URL's path
// when one is set, else the file in DataDir.
func (c *Config) SQLiteFile() string {
	if p, ok := strings.CutPrefix(c.DatabaseURL, "sqlite:"); ok && p != "" {
		return p
	}
	return c.SQLitePath()
}
