package app

import (
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/conversation"
	"github.com/fathom-oss/fathom/internal/provider"
)

// embedder builds the configured source of vectors: a static model from
// --embeddings-model-dir, an OpenAI-compatible endpoint from
// --embeddings-url, or none (nil), the default, in which case nothing
// leaves the machine and similarity is lexical.
func (a *App) embedder() (conversation.Embedder, error) {
	switch {
	case a.cfg.EmbeddingsModelDir != "":
		start := time.Now()
		m, err := provider.LoadStatic(a.cfg.EmbeddingsModelDir)
		if err != nil {
			return nil, fmt.Errorf("--embeddings-model-dir: %w", err)
		}
		a.logger.Info("embeddings model loaded", "model", m.Name(), "duration", time.Since(start).Round(time.Millisecond))
		return m, nil
	case a.cfg.EmbeddingsURL != "":
		c, err := provider.NewClient(provider.ClientConfig{URL: a.cfg.EmbeddingsURL, Model: a.cfg.EmbeddingsModel,
			Key: a.cfg.EmbeddingsKey, Logger: a.logger})
		if err != nil {
			return nil, fmt.Errorf("--embeddings-url: %w", err)
		}
		a.logger.Info("embeddings provider configured", "model", c.Name(), "url", provider.RedactURL(a.cfg.EmbeddingsURL))
		return c, nil
	}
	return nil, nil
}
