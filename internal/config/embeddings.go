package config

import (
	"fmt"
	"net/url"
	"time"
)

// validateEmbeddings checks the embeddings options: a URL needs a model,
// and one source of vectors at a time.
func (c *Config) validateEmbeddings() []error {
	var errs []error
	bad := func(flag, format string, args ...any) {
		errs = append(errs, fmt.Errorf("--%s (%s): %s", flag, envName(flag), fmt.Sprintf(format, args...)))
	}
	if c.EmbeddingsURL != "" {
		// The URL is shown only when it does not parse: it holds no key
		// (the key has its own option), but may hold user info.
		if u, err := url.Parse(c.EmbeddingsURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("embeddings-url", "must be an absolute http or https URL")
		}
		if c.EmbeddingsModel == "" {
			bad("embeddings-model", "must be set with --embeddings-url")
		}
		if c.EmbeddingsModelDir != "" {
			bad("embeddings-model-dir", "must not be set with --embeddings-url: one source of vectors at a time")
		}
	} else if c.EmbeddingsModel != "" || c.EmbeddingsKey != "" {
		bad("embeddings-url", "must be set with --embeddings-model or --embeddings-key")
	}
	if c.EmbeddingsTimeout < 10*time.Millisecond || c.EmbeddingsTimeout > time.Minute {
		bad("embeddings-timeout", "must be between 10ms and 1m, got %s", c.EmbeddingsTimeout)
	}
	return errs
}
