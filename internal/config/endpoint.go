package config

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// endpoint is the options of an OpenAI-compatible endpoint, named
// --NAME-url, --NAME-model, --NAME-key and --NAME-timeout (embeddings,
// chat).
type endpoint struct {
	name            string
	url, model, key string
	timeout         time.Duration
	maxTimeout      time.Duration
}

// validate checks them: a URL needs a model, a model or key needs a URL,
// and the timeout is between 10ms and maxTimeout.
func (e endpoint) validate() []error {
	var errs []error
	bad := func(flag, format string, args ...any) {
		errs = append(errs, fmt.Errorf("--%s (%s): %s", flag, envName(flag), fmt.Sprintf(format, args...)))
	}
	if e.url != "" {
		// The URL is shown only when it does not parse: it holds no key
		// (the key has its own option), but may hold user info.
		if u, err := url.Parse(e.url); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(e.name+"-url", "must be an absolute http or https URL")
		}
		if e.model == "" {
			bad(e.name+"-model", "must be set with --%s-url", e.name)
		}
	} else if e.model != "" || e.key != "" {
		bad(e.name+"-url", "must be set with --%s-model or --%s-key", e.name, e.name)
	}
	if e.timeout < 10*time.Millisecond || e.timeout > e.maxTimeout {
		// "1m", not "1m0s".
		bad(e.name+"-timeout", "must be between 10ms and %s, got %s", strings.TrimSuffix(e.maxTimeout.String(), "0s"), e.timeout)
	}
	return errs
}
