package config

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// option binds one field to a flag and an environment variable.
type option struct {
	name   string
	usage  string
	value  flag.Value
	secret bool // also read from FATHOM_<NAME>_FILE
}

func envName(flag string) string {
	return "FATHOM_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// StorageOptions are the options every command that opens the database needs.
func (c *Config) storageOptions() []option {
	return []option{
		{"data-dir", "directory of the SQLite database, the secret key and sync state", (*stringValue)(&c.DataDir), false},
		{"database-url", "database: empty (SQLite in --data-dir), sqlite:PATH, or postgres://USER:PASSWORD@HOST:5432/DB", (*stringValue)(&c.DatabaseURL), true},
		{"sqlite-synchronous", `SQLite durability: "full" survives power loss, "normal" only a process crash`, (*stringValue)(&c.SQLiteSynchronous), false},
		{"log-format", `log format: "text" or "json"`, (*stringValue)(&c.LogFormat), false},
		{"log-level", "log level: debug, info, warn or error", (*stringValue)(&c.LogLevel), false},
	}
}

func (c *Config) serverOptions() []option {
	return []option{
		{"addr", "listen address host:port", (*stringValue)(&c.Addr), false},
		{"migrate", "migrate the schema at start", (*boolValue)(&c.AutoMigrate), false},
		{"bootstrap-key", "create and print a first API key when none exists", (*boolValue)(&c.BootstrapKey), false},
		{"max-body-bytes", "maximum request body size in bytes", (*int64Value)(&c.MaxBodyBytes), false},
		{"max-conversation-messages", "most messages one conversation may hold", (*intValue)(&c.MaxConversationMessages), false},
		{"max-conversation-bytes", "most bytes of message content one conversation may hold", (*int64Value)(&c.MaxConversationBytes), false},
		{"read-timeout", "HTTP read timeout", (*durationValue)(&c.ReadTimeout), false},
		{"write-timeout", "HTTP write timeout", (*durationValue)(&c.WriteTimeout), false},
		{"idle-timeout", "HTTP keep-alive idle timeout", (*durationValue)(&c.IdleTimeout), false},
		{"shutdown-timeout", "how long a graceful shutdown waits for requests and jobs", (*durationValue)(&c.ShutdownTimeout), false},
		{"workers", "background jobs run at once (0: leave jobs queued)", (*intValue)(&c.Workers), false},
		{"min-free-disk", "free bytes under the SQLite database below which background work pauses (0: no floor)", (*int64Value)(&c.MinFreeDisk), false},
		{"memory-limit", "soft limit in bytes on the server's Go memory; the collector works harder near it (0: none, or GOMEMLIMIT)", (*int64Value)(&c.MemoryLimit), false},
		{"rate-limit", "requests per second per tenant (0: off)", (*float64Value)(&c.RateLimit), false},
		{"rate-burst", "rate limit bucket size (0: rate rounded up)", (*intValue)(&c.RateBurst), false},
		{"feed-poll", "how often a server sharing its database (PostgreSQL) reads the change feed of the others", (*durationValue)(&c.FeedPoll), false},
		{"server-name", "this server's name in the change feed (default host:pid:random)", (*stringValue)(&c.ServerName), false},
		{"min-similarity", "relevance threshold of similarity results, 0-1", (*float64Value)(&c.MinSimilarity), false},
		{"analysis-duty", "share of a core background analysis may use while requests are served, (0,1]; unpaced when idle", (*float64Value)(&c.AnalysisDuty), false},
		{"idempotency-ttl", "how long Idempotency-Keys are remembered", (*durationValue)(&c.IdempotencyTTL), false},
		{"public-url", "the server's URL as users reach it, for links (default: http://ADDR)", (*stringValue)(&c.PublicURL), false},
		{"meetings-rate-limit", "meetings API requests per minute per account (0: off)", (*intValue)(&c.MeetingsRateLimit), false},
		{"meetings-heavy-rate-limit", "meetings API summary/transcript requests per minute per account (0: off)", (*intValue)(&c.MeetingsHeavyRateLimit), false},
		{"meetings-max-body-bytes", "maximum recording ingestion body in bytes", (*int64Value)(&c.MeetingsMaxBodyBytes), false},
		{"meetings-heavy-uploads", "recording ingestion bodies over 1 MiB read at once", (*intValue)(&c.MeetingsHeavyUploads), false},
		{"meetings-download-rate-limit", "recording downloads made per minute per account (0: off)", (*intValue)(&c.MeetingsDownloadRateLimit), false},
		{"media-dir", "directory of recordings' audio and video files (default: DATA-DIR/media; shared by servers on one PostgreSQL)", (*stringValue)(&c.MediaDir), false},
		{"media-max-bytes", "largest audio or video file a recording may carry, in bytes", (*int64Value)(&c.MediaMaxBytes), false},
		{"allow-private-targets", "let webhooks and callbacks reach private addresses and plain http", (*boolValue)(&c.AllowPrivateTargets), false},
		{"secret-key", "32-byte key (base64 or hex) encrypting tokens at rest (default: made in --data-dir)", (*stringValue)(&c.SecretKey), true},
		{"access-token-ttl", "lifetime of OAuth access tokens", (*durationValue)(&c.AccessTokenTTL), false},
		{"session-ttl", "how long a sign-in to the web pages lasts", (*durationValue)(&c.SessionTTL), false},
		{"refresh-reuse-grace", "how long a rotated OAuth refresh token still answers with its successor", (*durationValue)(&c.RefreshReuseGrace), false},
		{"gateway-upstream-url", "where the gateway forwards /fathom/... calls", (*stringValue)(&c.GatewayUpstreamURL), false},
		{"gateway-authorize-url", "the upstream's OAuth authorize endpoint", (*stringValue)(&c.GatewayAuthorizeURL), false},
		{"gateway-token-url", "the upstream's OAuth token endpoint", (*stringValue)(&c.GatewayTokenURL), false},
		{"gateway-client-id", "the operator's OAuth client id at the upstream", (*stringValue)(&c.GatewayClientID), false},
		{"gateway-client-secret", "the operator's OAuth client secret at the upstream", (*stringValue)(&c.GatewayClientSecret), true},
		{"gateway-rate-limit", "gateway requests per second per account (0: off)", (*float64Value)(&c.GatewayRateLimit), false},
		{"trusted-proxies", "reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For names the client", (*stringValue)(&c.TrustedProxies), false},
		{"address-rate-limit", "unauthenticated requests per second per client address (0: off)", (*float64Value)(&c.AddressRateLimit), false},
		{"address-rate-burst", "per-address limit bucket size (0: 10x the rate)", (*intValue)(&c.AddressRateBurst), false},
		{"password-hash-concurrency", "Argon2id password hashes run at once (0: one per core)", (*intValue)(&c.PasswordHashConcurrency), false},
		{"signin-pair-failures", "failed sign-ins per account and address before that pair is locked", (*intValue)(&c.SignInPairFailures), false},
		{"signin-address-failures", "failed sign-ins per address, across accounts, before the address is locked", (*intValue)(&c.SignInAddressFailures), false},
		{"signin-account-failures", "failed sign-ins per account, across addresses, before sign-ins from new addresses are slowed", (*intValue)(&c.SignInAccountFailures), false},
		{"signin-max-delay", "longest lockout of a sign-in pair or address", (*durationValue)(&c.SignInMaxDelay), false},
		{"metrics-addr", "separate listen address host:port serving only /metrics (default: none)", (*stringValue)(&c.MetricsAddr), false},
		{"embeddings-url", "OpenAI-compatible embeddings endpoint base URL, e.g. http://127.0.0.1:11434/v1 (default: none)", (*stringValue)(&c.EmbeddingsURL), false},
		{"embeddings-model", "model asked of --embeddings-url", (*stringValue)(&c.EmbeddingsModel), false},
		{"embeddings-key", "API key of --embeddings-url (default: none)", (*stringValue)(&c.EmbeddingsKey), true},
		{"embeddings-timeout", "longest wait for a similarity query's vector before answering lexically", (*durationValue)(&c.EmbeddingsTimeout), false},
		{"issue-types-by-meaning", "also group issue types by the embeddings' meaning (needs an embeddings provider; costs analysis and similarity time)", (*boolValue)(&c.IssueTypesByMeaning), false},
		{"solution-meaning-weight", "share of solution similarity given to the proposals' embeddings, [0,1) (0: off; needs --embeddings-model-dir)", (*float64Value)(&c.SolutionMeaningWeight), false},
		{"embeddings-model-dir", "static embedding model on disk: Model2Vec directory or .vec file (default: none)", (*stringValue)(&c.EmbeddingsModelDir), false},
		{"chat-url", "OpenAI-compatible chat completions endpoint base URL that writes meeting summaries, e.g. http://127.0.0.1:11434/v1 (default: none, extractive summaries)", (*stringValue)(&c.ChatURL), false},
		{"chat-model", "model asked of --chat-url", (*stringValue)(&c.ChatModel), false},
		{"chat-key", "API key of --chat-url (default: none)", (*stringValue)(&c.ChatKey), true},
		{"chat-timeout", "longest wait for one chat request before the summary is made extractively", (*durationValue)(&c.ChatTimeout), false},
		{"metrics-token", "bearer token that opens /metrics on the main listener (default: none, /metrics not served there)", (*stringValue)(&c.MetricsToken), true},
	}
}

// RegisterStorage adds the storage and logging options to fs, taking their
// values from the environment first.
func (c *Config) RegisterStorage(fs *flag.FlagSet, getenv func(string) string) error {
	return register(fs, getenv, c.storageOptions())
}

// RegisterServer adds every option (storage and server) to fs.
func (c *Config) RegisterServer(fs *flag.FlagSet, getenv func(string) string) error {
	if err := c.RegisterStorage(fs, getenv); err != nil {
		return err
	}
	return register(fs, getenv, c.serverOptions())
}

func register(fs *flag.FlagSet, getenv func(string) string, opts []option) error {
	for _, o := range opts {
		env := envName(o.name)
		usage := fmt.Sprintf("%s (env %s)", o.usage, env)
		if v := getenv(env); v != "" {
			if err := o.value.Set(v); err != nil {
				return fmt.Errorf("%s: %w", env, err)
			}
		} else if file := getenv(env + "_FILE"); o.secret && file != "" {
			b, err := os.ReadFile(file)
			if err != nil {
				return fmt.Errorf("%s_FILE: %w", env, err)
			}
			_ = o.value.Set(strings.TrimSpace(string(b)))
		}
		value := o.value
		if o.secret {
			value = hiddenValue{o.value, o.name}
			state := "not set"
			if o.value.String() != "" {
				state = "set"
			}
			usage = fmt.Sprintf("%s (env %s or %s_FILE: %s)", o.usage, env, env, state)
		}
		fs.Var(value, o.name, usage)
	}
	return nil
}

// hiddenValue is a secret option as --help shows its default (taken from
// the environment): a database URL without its password, anything else
// not at all (the usage line says whether it is set).
type hiddenValue struct {
	flag.Value
	name string
}

func (v hiddenValue) String() string {
	switch {
	case v.Value == nil || v.Value.String() == "":
		return ""
	case v.name == "database-url":
		return RedactURL(v.Value.String())
	}
	return ""
}

type stringValue string

func (v *stringValue) String() string     { return string(*v) }
func (v *stringValue) Set(s string) error { *v = stringValue(s); return nil }

type boolValue bool

func (v *boolValue) String() string { return strconv.FormatBool(bool(*v)) }
func (v *boolValue) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("must be true or false, got %q", s)
	}
	*v = boolValue(b)
	return nil
}
func (v *boolValue) IsBoolFlag() bool { return true }

type intValue int

func (v *intValue) String() string { return strconv.Itoa(int(*v)) }
func (v *intValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("must be an integer, got %q", s)
	}
	*v = intValue(n)
	return nil
}

type int64Value int64

func (v *int64Value) String() string { return strconv.FormatInt(int64(*v), 10) }
func (v *int64Value) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("must be an integer, got %q", s)
	}
	*v = int64Value(n)
	return nil
}

type float64Value float64

func (v *float64Value) String() string { return strconv.FormatFloat(float64(*v), 'g', -1, 64) }
func (v *float64Value) Set(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("must be a number, got %q", s)
	}
	*v = float64Value(f)
	return nil
}

type durationValue time.Duration

func (v *durationValue) String() string { return time.Duration(*v).String() }
func (v *durationValue) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("must be a duration such as 30s or 5m, got %q", s)
	}
	*v = durationValue(d)
	return nil
}
