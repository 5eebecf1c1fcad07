package provider_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/provider"
)

func TestRedactURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1"},
		{"https://user:pass@api.example.com/v1?key=abc#frag", "https://api.example.com/v1"},
		{"https://api.example.com/v1?api-key=abc&x=1", "https://api.example.com/v1"},
		{"https://token@api.example.com", "https://api.example.com"},
		{"::not a url", "(unparsable)"},
		{"api.example.com/v1?key=abc", "(unparsable)"},
	} {
		if got := provider.RedactURL(tc.in); got != tc.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := provider.RedactURL(tc.in); strings.Contains(got, "abc") || strings.Contains(got, "pass") {
			t.Errorf("RedactURL(%q) = %q still shows a credential", tc.in, got)
		}
	}
}

// A base URL carrying its key in the query reaches the endpoint's path
// with the query kept, for both clients.
func TestProviderURLQueryKept(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path+"?"+r.URL.RawQuery)
		mu.Unlock()
		http.Error(w, "no", http.StatusBadRequest)
	}))
	t.Cleanup(srv.Close)
	e, err := provider.NewClient(provider.ClientConfig{URL: srv.URL + "/v1/?key=q-secret", Model: "m", Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = e.Embed(context.Background(), []string{"x"})
	c, err := provider.NewChatClient(provider.ChatConfig{URL: srv.URL + "/v1?key=q-secret", Model: "m", Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.Complete(context.Background(), "s", "u")
	mu.Lock()
	defer mu.Unlock()
	want := []string{"/v1/embeddings?key=q-secret", "/v1/chat/completions?key=q-secret"}
	if strings.Join(seen, " ") != strings.Join(want, " ") {
		t.Errorf("requests went to %q, want %q", seen, want)
	}
}

// A transport error quotes the request URL: the error, and so the retry
// log line, must show neither the user part nor the query.
func TestProviderTransportErrorRedactsURL(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	base := strings.Replace(srv.URL, "http://", "http://user:p-secret@", 1) + "/v1?key=q-secret"
	srv.Close() // connection refused from now on
	e, err := provider.NewClient(provider.ClientConfig{URL: base, Model: "m", Retries: -1, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, embedErr := e.Embed(context.Background(), []string{"x"})
	c, err := provider.NewChatClient(provider.ChatConfig{URL: base, Model: "m", Retries: -1, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, chatErr := c.Complete(context.Background(), "s", "u")
	for _, err := range []error{embedErr, chatErr} {
		if err == nil {
			t.Fatal("a closed server answered")
		}
		if s := err.Error(); strings.Contains(s, "secret") || strings.Contains(s, "user") {
			t.Errorf("error shows a credential: %s", s)
		}
	}
}
