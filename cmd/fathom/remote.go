package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"text/tabwriter"

	"github.com/fathom-oss/fathom/client"
)

// remote holds the flags of commands that call a server through the Go
// client: where, how to authenticate, and how to print.
type remote struct {
	url, key, token, gatewayKey, connection string
	output                                  string
	unlimited                               bool
	fs                                      *flag.FlagSet
	envURL                                  string // FATHOM_URL, or the default
}

func (r *remote) register(fs *flag.FlagSet, env *environment) {
	r.fs, r.envURL = fs, cmp.Or(env.getenv("FATHOM_URL"), client.DefaultBaseURL)
	fs.StringVar(&r.url, "url", r.envURL,
		"server URL (env FATHOM_URL); https://api.fathom.ai for Fathom's, https://gateway.maton.ai/fathom for a gateway")
	secretVar(fs, env, &r.key, "key", "FATHOM_API_KEY", "API `key`")
	secretVar(fs, env, &r.token, "token", "FATHOM_ACCESS_TOKEN", "OAuth access `token` instead of a key")
	secretVar(fs, env, &r.gatewayKey, "gateway-key", "MATON_API_KEY", "gateway API `key`")
	fs.StringVar(&r.connection, "connection", env.getenv("MATON_CONNECTION"), "gateway connection id (env MATON_CONNECTION; default: the oldest active)")
	fs.StringVar(&r.output, "output", "table", "table or json")
	fs.BoolVar(&r.unlimited, "no-rate-limit", false, "do not pace requests to Fathom's limits (for servers without them)")
}

// client builds the client; exactly one credential must be given.
func (r *remote) client() (*client.Client, error) {
	if r.output != "table" && r.output != "json" {
		return nil, fmt.Errorf("--output must be table or json, got %q", r.output)
	}
	if !strings.HasPrefix(r.url, "http://") && !strings.HasPrefix(r.url, "https://") {
		return nil, fmt.Errorf("--url (FATHOM_URL) must start with http:// or https://, got %q", r.url)
	}
	opts := []client.Option{client.WithBaseURL(r.url)}
	switch {
	case r.gatewayKey != "":
		opts = append(opts, client.WithGateway(r.gatewayKey, r.connection))
	case r.token != "":
		opts = append(opts, client.WithBearer(client.StaticToken(r.token)))
	case r.key != "":
		if err := r.keyFitsURL(); err != nil {
			return nil, err
		}
		opts = append(opts, client.WithAPIKey(r.key))
	default:
		return nil, fmt.Errorf("no credentials: give --key (FATHOM_API_KEY), --token (FATHOM_ACCESS_TOKEN) or --gateway-key (MATON_API_KEY)")
	}
	if r.unlimited {
		opts = append(opts, client.WithRateLimit(0, 0))
	}
	return client.New(opts...)
}

// keyFitsURL refuses to send a key taken from FATHOM_API_KEY to a server
// other than the one the environment names (FATHOM_URL, or the default):
// a key for the local server must not reach Fathom's hosted API because
// --url pointed there and --key was forgotten.
func (r *remote) keyFitsURL() error {
	explicit := map[string]bool{}
	r.fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	if explicit["key"] || !explicit["url"] || sameServer(r.url, r.envURL) {
		return nil
	}
	return fmt.Errorf("the key in FATHOM_API_KEY is for %s, not %s: give that server's key with --key", r.envURL, r.url)
}

// sameServer reports whether two base URLs reach the same server; every
// loopback address, whatever its port, counts as one: this machine's.
func sameServer(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	if errA != nil || errB != nil {
		return false
	}
	host := func(u *url.URL) string {
		h := u.Hostname()
		if ip := net.ParseIP(h); h == "localhost" || (ip != nil && ip.IsLoopback()) {
			return "loopback"
		}
		return u.Scheme + "://" + h + ":" + cmp.Or(u.Port(), map[string]string{"http": "80", "https": "443"}[u.Scheme])
	}
	return host(ua) == host(ub)
}

// print writes v as indented JSON, or calls table with a tab writer. An
// empty list is printed as [] in JSON, not null.
func (r *remote) print(w io.Writer, v any, table func(tw *tabwriter.Writer)) error {
	if r.output == "json" {
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice && rv.IsNil() {
			v = []struct{}{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	table(tw)
	return tw.Flush()
}

// clientError turns a server's answer into a message a person can act on.
func clientError(err error) error {
	var e *client.Error
	if !errors.As(err, &e) {
		return connectError(err)
	}
	hint := ""
	switch {
	case e.StatusCode == 401:
		hint = " (check the key or token, and the --url it belongs to)"
	case e.StatusCode == 429 && e.RetryAfter > 0:
		hint = fmt.Sprintf(" (retry in %s)", e.RetryAfter)
	}
	msg := e.Message
	if e.StatusCode == 400 || e.StatusCode == 422 {
		msg = flagNames(msg)
	}
	return fmt.Errorf("%d: %s%s", e.StatusCode, msg, hint)
}

// apiFlags maps the fields of the APIs to the flags that set them, so that
// a rejected value is named as the person typed it.
var apiFlags = map[string]string{
	"conversationId":            "--conversation",
	"resolutionNotes":           "--notes",
	"action":                    "--action",
	"outcome":                   "--outcome",
	"note":                      "--note",
	"limit":                     "--limit",
	"destination_url":           "--destination",
	"triggered_for":             "--trigger",
	"created_after":             "--after",
	"created_before":            "--before",
	"recorded_by":               "--recorded-by",
	"teams":                     "--team",
	"calendar_invitees_domains": "--domain",
	"meeting_type":              "--type",
	"settings_access":           "--settings-access",
}

var apiFieldRe = regexp.MustCompile(`(^|[^-\w])([A-Za-z_]+)\b`)

// flagNames replaces the API field names in a server's message by the
// flags of the command line.
func flagNames(msg string) string {
	return apiFieldRe.ReplaceAllStringFunc(msg, func(m string) string {
		sub := apiFieldRe.FindStringSubmatch(m)
		if f, ok := apiFlags[sub[2]]; ok {
			return sub[1] + f
		}
		return m
	})
}

// connectError explains an error of reaching a server: a refused or
// unresolvable connection says what to check instead of a raw dial error.
// Other errors are returned as they are.
func connectError(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	server := ue.URL
	if u, perr := url.Parse(ue.URL); perr == nil {
		server = u.Scheme + "://" + u.Host
	}
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("cannot connect to %s: connection refused. Is the server running (fathom serve), and is --url (FATHOM_URL) its address?", server)
	case errors.As(err, &dnsErr):
		return fmt.Errorf("cannot connect to %s: unknown host %q. Check --url (FATHOM_URL)", server, dnsErr.Name)
	case ue.Timeout():
		return fmt.Errorf("cannot connect to %s: timed out. Is the server running and reachable, and is --url (FATHOM_URL) its address?", server)
	}
	return fmt.Errorf("cannot reach %s (check --url, FATHOM_URL): %w", server, ue.Err)
}
