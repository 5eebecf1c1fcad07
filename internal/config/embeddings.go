package config

import (
	"fmt"
	"time"
)

// validateEmbeddings checks the embeddings options: those of its endpoint
// (see endpoint.validate), and one source of vectors at a time.
func (c *Config) validateEmbeddings() []error {
	errs := endpoint{name: "embeddings", url: c.EmbeddingsURL, model: c.EmbeddingsModel, key: c.EmbeddingsKey,
		timeout: c.EmbeddingsTimeout, maxTimeout: time.Minute}.validate()
	if c.EmbeddingsURL != "" && c.EmbeddingsModelDir != "" {
		errs = append(errs, fmt.Errorf("--embeddings-model-dir (%s): must not be set with --embeddings-url: one source of vectors at a time",
			envName("embeddings-model-dir")))
	}
	return errs
}
