package providertest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Embedder is what the fake server embeds with (provider.Embedder's
// Embed): a real model, so that its vectors mean something.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Request is one request the fake server received.
type Request struct {
	Auth  string   // the Authorization header
	Model string   // the model asked for
	Input []string // the texts
}

// Server is a local OpenAI-compatible /v1/embeddings endpoint. It records
// every request; Fail makes it answer with that status (and RetryAfter's
// header), Delay makes it slow.
type Server struct {
	*httptest.Server
	emb Embedder

	// Fail, when not 0, is the status every request is answered with.
	Fail atomic.Int32
	// RetryAfter, when not empty, is sent as Retry-After with failures.
	RetryAfter atomic.Value
	// Delay is how long each request waits before answering, in ns.
	Delay atomic.Int64

	mu       sync.Mutex
	requests []Request
}

// NewServer starts a fake endpoint embedding with emb, closed at the end
// of the test. Its base URL is srv.URL + "/v1".
func NewServer(t testing.TB, emb Embedder) *Server {
	s := &Server{emb: emb}
	s.RetryAfter.Store("")
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
		http.NotFound(w, r)
		return
	}
	var req struct {
		Model string   `json:"model"`
		Input []string `json:"input"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, Request{Auth: r.Header.Get("Authorization"), Model: req.Model, Input: req.Input})
	s.mu.Unlock()
	if d := time.Duration(s.Delay.Load()); d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	if code := int(s.Fail.Load()); code != 0 {
		if ra, _ := s.RetryAfter.Load().(string); ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		http.Error(w, `{"error":{"message":"failing on purpose"}}`, code)
		return
	}
	vecs, err := s.emb.Embed(r.Context(), req.Input)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	type datum struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	resp := struct {
		Object string         `json:"object"`
		Data   []datum        `json:"data"`
		Model  string         `json:"model"`
		Usage  map[string]int `json:"usage"`
	}{Object: "list", Model: req.Model}
	tokens := 0
	for i, v := range vecs {
		resp.Data = append(resp.Data, datum{"embedding", i, v})
		tokens += len(req.Input[i])/4 + 1
	}
	resp.Usage = map[string]int{"prompt_tokens": tokens, "total_tokens": tokens}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Texts", strconv.Itoa(len(vecs)))
	_ = json.NewEncoder(w).Encode(resp)
}
