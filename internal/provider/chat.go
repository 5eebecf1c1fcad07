package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// ChatConfig configures a ChatClient. Zero fields take their defaults.
type ChatConfig struct {
	// URL is the endpoint's base URL, e.g. http://127.0.0.1:11434/v1
	// (Ollama) or http://127.0.0.1:8080/v1 (llama.cpp);
	// "/chat/completions" is appended unless it already ends so. Required.
	URL string
	// Model is the model name sent with every request. Required.
	Model string
	// Key is the API key, sent as a bearer token (default none). It never
	// appears in logs or errors.
	Key string
	// Timeout bounds one HTTP attempt (default 2m: a local model writes
	// slowly).
	Timeout time.Duration
	// Retries is how many times a failed attempt (network error, 429,
	// 5xx) is tried again, as the embeddings Client does (default 2).
	Retries int
	// MaxBackoff caps one wait between attempts (default 10s).
	MaxBackoff time.Duration
	// HTTP is the client used (default a new http.Client).
	HTTP *http.Client
	// Logger receives one debug line per request and per retry (default
	// slog.Default()); the caller decides what a failure is worth.
	Logger *slog.Logger
}

// ErrChatUnavailable is what every ChatClient failure wraps.
var ErrChatUnavailable = errors.New("chat provider unavailable")

// ChatClient is an OpenAI-compatible /v1/chat/completions client. It is
// safe for concurrent use.
type ChatClient struct {
	cfg      ChatConfig
	endpoint endpoint
	sleep    func(ctx context.Context, d time.Duration) error
}

// NewChatClient returns a client for cfg, or an error naming what is
// missing.
func NewChatClient(cfg ChatConfig) (*ChatClient, error) {
	if cfg.URL == "" || cfg.Model == "" {
		return nil, errors.New("a chat provider needs a URL and a model")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Minute
	}
	if cfg.Retries < 0 {
		cfg.Retries = 0
	} else if cfg.Retries == 0 {
		cfg.Retries = 2
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 10 * time.Second
	}
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &ChatClient{cfg: cfg, sleep: sleepCtx, endpoint: endpoint{url: endpointURL(cfg.URL, "/chat/completions"), key: cfg.Key,
		timeout: cfg.Timeout, http: cfg.HTTP, limit: 16 << 20, what: "chat"}}, nil
}

// Name is "chat:" and the model.
func (c *ChatClient) Name() string { return "chat:" + c.cfg.Model }

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model       string        `json:"model"`
	Messages    []chatMessage `json:"messages"`
	Temperature float64       `json:"temperature"`
	Stream      bool          `json:"stream"`
}

type chatResponse struct {
	Choices []struct {
		Message struct {
			Content string `json:"content"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// Complete sends a system and a user message and returns the model's
// answer, trying again on a transient failure. An empty answer, or one the
// model did not finish (finish_reason "length"), is an error; every error
// wraps ErrChatUnavailable.
func (c *ChatClient) Complete(ctx context.Context, system, user string) (string, error) {
	body, err := json.Marshal(chatRequest{Model: c.cfg.Model, Temperature: 0,
		Messages: []chatMessage{{Role: "system", Content: system}, {Role: "user", Content: user}}})
	if err != nil {
		return "", err
	}
	var answer string
	start := time.Now()
	r := retrier{retries: c.cfg.Retries, maxBackoff: c.cfg.MaxBackoff, sleep: c.sleep, logger: c.cfg.Logger,
		level: slog.LevelDebug, what: "chat", model: c.cfg.Model, failed: ErrChatUnavailable}
	err = r.do(ctx, func() (time.Duration, error) {
		a, retryAfter, err := c.post(ctx, body)
		answer = a
		return retryAfter, err
	})
	if err != nil {
		return "", err
	}
	c.cfg.Logger.Debug("chat request", "model", c.cfg.Model, "prompt_chars", len(system)+len(user),
		"answer_chars", len(answer), "took", time.Since(start).Round(time.Millisecond))
	return answer, nil
}

// post makes one attempt; retryAfter is the server's Retry-After, if any.
func (c *ChatClient) post(ctx context.Context, body []byte) (answer string, retryAfter time.Duration, err error) {
	raw, retryAfter, err := c.endpoint.post(ctx, body)
	if err != nil {
		return "", retryAfter, err
	}
	var r chatResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		return "", 0, permanentError{fmt.Errorf("chat answer does not parse: %w", err)}
	}
	if len(r.Choices) == 0 {
		return "", 0, permanentError{errors.New("chat answer holds no choices")}
	}
	ch := r.Choices[0]
	if ch.FinishReason == "length" {
		return "", 0, permanentError{errors.New("chat answer was cut at the model's length limit")}
	}
	if strings.TrimSpace(ch.Message.Content) == "" {
		return "", 0, permanentError{errors.New("chat answer is empty")}
	}
	return ch.Message.Content, 0, nil
}
