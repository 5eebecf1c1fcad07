package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"
)

// ClientConfig configures a Client. Zero fields take their defaults.
type ClientConfig struct {
	// URL is the endpoint's base URL, e.g. http://127.0.0.1:11434/v1
	// (Ollama) or https://api.openai.com/v1; "/embeddings" is appended
	// unless it already ends so. Required.
	URL string
	// Model is the model name sent with every request. Required.
	Model string
	// Key is the API key, sent as a bearer token (default none). It never
	// appears in logs or errors.
	Key string
	// Timeout bounds one HTTP attempt (default 30s).
	Timeout time.Duration
	// Retries is how many times a failed attempt (network error, 429,
	// 5xx) is tried again, with exponential backoff from 250ms or the
	// server's Retry-After, whichever is longer (default 3).
	Retries int
	// MaxBackoff caps one wait between attempts (default 10s).
	MaxBackoff time.Duration
	// Batch is how many texts one request carries at most (default 64).
	Batch int
	// HTTP is the client used (default a new http.Client).
	HTTP *http.Client
	// Logger receives one debug line per request (texts, tokens, time)
	// and warnings on retries (default slog.Default()).
	Logger *slog.Logger
}

// Client is an OpenAI-compatible embeddings client. It is safe for
// concurrent use.
type Client struct {
	cfg      ClientConfig
	endpoint endpoint
	sleep    func(ctx context.Context, d time.Duration) error

	requests atomic.Int64
	tokens   atomic.Int64
	texts    atomic.Int64
}

// NewClient returns a client for cfg, or an error naming what is missing.
func NewClient(cfg ClientConfig) (*Client, error) {
	if cfg.URL == "" || cfg.Model == "" {
		return nil, errors.New("an embeddings provider needs a URL and a model")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Retries < 0 {
		cfg.Retries = 0
	} else if cfg.Retries == 0 {
		cfg.Retries = 3
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 10 * time.Second
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 64
	}
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Client{cfg: cfg, sleep: sleepCtx, endpoint: endpoint{url: endpointURL(cfg.URL, "/embeddings"), key: cfg.Key,
		timeout: cfg.Timeout, http: cfg.HTTP, limit: 256 << 20, what: "embeddings"}}, nil
}

// Name is "remote:" and the model; the dimension is whatever the model
// answers, checked by the caller against the vectors it holds.
func (c *Client) Name() string { return "remote:" + c.cfg.Model }

// Local is false: requests cross the network.
func (c *Client) Local() bool { return false }

// Usage is what a Client has spent since it was made.
type Usage struct {
	Requests int64 // HTTP requests answered with vectors
	Texts    int64 // texts embedded
	Tokens   int64 // prompt tokens, as the provider counts them
}

// Usage returns the requests, texts and tokens spent so far.
func (c *Client) Usage() Usage {
	return Usage{Requests: c.requests.Load(), Texts: c.texts.Load(), Tokens: c.tokens.Load()}
}

// Embed embeds texts in batches of Batch, in order.
func (c *Client) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for lo := 0; lo < len(texts); lo += c.cfg.Batch {
		vecs, err := c.embedBatch(ctx, texts[lo:min(lo+c.cfg.Batch, len(texts))])
		if err != nil {
			return nil, err
		}
		out = append(out, vecs...)
	}
	return out, nil
}

type embeddingsRequest struct {
	Model string   `json:"model"`
	Input []string `json:"input"`
}

type embeddingsResponse struct {
	Data []struct {
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	} `json:"data"`
	Usage struct {
		PromptTokens int64 `json:"prompt_tokens"`
	} `json:"usage"`
}

// embedBatch sends one request, trying it again on a transient failure.
func (c *Client) embedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	body, err := json.Marshal(embeddingsRequest{Model: c.cfg.Model, Input: texts})
	if err != nil {
		return nil, err
	}
	var vecs [][]float32
	attempts := 0
	start := time.Now()
	r := retrier{retries: c.cfg.Retries, maxBackoff: c.cfg.MaxBackoff, sleep: c.sleep, logger: c.cfg.Logger,
		level: slog.LevelWarn, what: "embeddings", model: c.cfg.Model, failed: ErrUnavailable}
	err = r.do(ctx, func() (time.Duration, error) {
		attempts++
		v, retryAfter, err := c.post(ctx, body, len(texts))
		vecs = v
		return retryAfter, err
	})
	if err != nil {
		return nil, err
	}
	c.cfg.Logger.Debug("embeddings request", "model", c.cfg.Model, "texts", len(texts),
		"attempt", attempts, "took", time.Since(start).Round(time.Millisecond),
		"requests", c.requests.Load(), "tokens", c.tokens.Load())
	return vecs, nil
}

// post makes one attempt; retryAfter is the server's Retry-After, if any.
func (c *Client) post(ctx context.Context, body []byte, n int) (vecs [][]float32, retryAfter time.Duration, err error) {
	raw, retryAfter, err := c.endpoint.post(ctx, body)
	if err != nil {
		return nil, retryAfter, err
	}
	var r embeddingsResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, 0, permanentError{fmt.Errorf("embeddings answer does not parse: %w", err)}
	}
	if len(r.Data) != n {
		return nil, 0, permanentError{fmt.Errorf("embeddings answer holds %d vectors for %d texts", len(r.Data), n)}
	}
	vecs = make([][]float32, n)
	for i, d := range r.Data {
		at := d.Index
		if at < 0 || at >= n || vecs[at] != nil {
			at = i // providers that leave index out send data in order
		}
		normalise(d.Embedding)
		vecs[at] = d.Embedding
	}
	for _, v := range vecs {
		if v == nil || len(v) != len(vecs[0]) || len(v) == 0 {
			return nil, 0, permanentError{errors.New("embeddings answer holds vectors of different or no dimensions")}
		}
	}
	c.requests.Add(1)
	c.texts.Add(int64(n))
	c.tokens.Add(r.Usage.PromptTokens)
	return vecs, 0, nil
}
