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
	if w := c.SolutionMeaningWeight; w < 0 || w >= 1 {
		errs = append(errs, fmt.Errorf("--solution-meaning-weight (%s): %g is not a share in [0, 1)", envName("solution-meaning-weight"), w))
	} else if w > 0 && c.EmbeddingsModelDir == "" {
		errs = append(errs, fmt.Errorf("--solution-meaning-weight (%s): needs --embeddings-model-dir (a local model: proposals are embedded as they are analysed)",
			envName("solution-meaning-weight")))
	}
	return errs
}
