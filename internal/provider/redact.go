package provider

import (
	"errors"
	"net/url"
	"strings"
)

// RedactURL is raw as scheme://host/path: a provider URL may carry
// credentials in its user part (user:pass@) or its query (?key=), and a
// log line or an error must show neither. An unparsable URL is shown as
// "(unparsable)", never as itself.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "(unparsable)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// endpointURL is base with suffix joined to its path (once), its query
// kept: "http://h/v1?key=k" and "/embeddings" give
// "http://h/v1/embeddings?key=k", not a query ending in "/embeddings".
func endpointURL(base, suffix string) string {
	u, err := url.Parse(base)
	if err != nil {
		// Left for the request to refuse, with the URL redacted.
		return strings.TrimRight(base, "/") + suffix
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if !strings.HasSuffix(u.Path, suffix) {
		u.Path += suffix
	}
	return u.String()
}

// redactError is err's text with key and any request URL it quotes
// redacted: the HTTP client's errors quote the whole URL, query and all.
func redactError(key string, err error) string {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		shown := *ue
		shown.URL = RedactURL(ue.URL)
		err = &shown
	}
	return redactKey(key, err.Error())
}
