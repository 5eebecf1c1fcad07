package provider_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/provider"
)

// chatServer answers /v1/chat/completions with whatever answer returns for
// the n-th request (from 0), and records the requests.
type chatServer struct {
	mu    sync.Mutex
	reqs  []map[string]any
	auths []string
	times []time.Time
}

func newChatServer(t *testing.T, answer func(n int, w http.ResponseWriter)) (*httptest.Server, *chatServer) {
	t.Helper()
	cs := &chatServer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		cs.mu.Lock()
		n := len(cs.reqs)
		cs.reqs = append(cs.reqs, body)
		cs.auths = append(cs.auths, r.Header.Get("Authorization"))
		cs.times = append(cs.times, time.Now())
		cs.mu.Unlock()
		answer(n, w)
	}))
	t.Cleanup(srv.Close)
	return srv, cs
}

func writeAnswer(w http.ResponseWriter, content string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"choices": []any{
		map[string]any{"message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}}})
}

func newChat(t *testing.T, url string, cfg provider.ChatConfig) *provider.ChatClient {
	t.Helper()
	cfg.URL, cfg.Model, cfg.Key = url+"/v1", "tiny-chat", testKey
	c, err := provider.NewChatClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestChatCompletes(t *testing.T) {
	t.Parallel()
	srv, cs := newChatServer(t, func(_ int, w http.ResponseWriter) { writeAnswer(w, "the answer") })
	got, err := newChat(t, srv.URL, provider.ChatConfig{}).Complete(context.Background(), "be brief", "say it")
	if err != nil || got != "the answer" {
		t.Fatalf("Complete = %q, %v", got, err)
	}
	if cs.auths[0] != "Bearer "+testKey || cs.reqs[0]["model"] != "tiny-chat" {
		t.Errorf("auth %q model %v", cs.auths[0], cs.reqs[0]["model"])
	}
	msgs, _ := cs.reqs[0]["messages"].([]any)
	if len(msgs) != 2 || msgs[0].(map[string]any)["role"] != "system" || msgs[1].(map[string]any)["content"] != "say it" {
		t.Errorf("messages %v", msgs)
	}
}

// A 503 with Retry-After is tried again after at least that wait and then
// succeeds.
func TestChatRetriesHonourRetryAfter(t *testing.T) {
	t.Parallel()
	srv, cs := newChatServer(t, func(n int, w http.ResponseWriter) {
		if n == 0 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		writeAnswer(w, "ok")
	})
	got, err := newChat(t, srv.URL, provider.ChatConfig{}).Complete(context.Background(), "s", "u")
	if err != nil || got != "ok" {
		t.Fatalf("Complete = %q, %v", got, err)
	}
	if len(cs.times) != 2 {
		t.Fatalf("%d requests, want 2", len(cs.times))
	}
	if gap := cs.times[1].Sub(cs.times[0]); gap < 900*time.Millisecond {
		t.Errorf("retried after %s, before the server's Retry-After of 1s", gap)
	}
}

// A 400 is not tried again, spent retries give up, and no error shows the
// key even when the endpoint echoes it.
func TestChatFailuresNeverShowKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
		body   string
		want   int // requests
	}{
		{"bad request", http.StatusBadRequest, "bad key " + testKey, 1},
		{"always down", http.StatusInternalServerError, "down for " + testKey, 2},
		{"garbage", http.StatusOK, "not json " + testKey, 1},
		{"no choices", http.StatusOK, `{"choices":[]}`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, cs := newChatServer(t, func(_ int, w http.ResponseWriter) {
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			_, err := newChat(t, srv.URL, provider.ChatConfig{Retries: 1, MaxBackoff: 10 * time.Millisecond}).Complete(context.Background(), "s", "u")
			if !errors.Is(err, provider.ErrChatUnavailable) {
				t.Fatalf("err %v, want ErrUnavailable", err)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error shows the key: %v", err)
			}
			if len(cs.reqs) != tc.want {
				t.Errorf("%d requests, want %d", len(cs.reqs), tc.want)
			}
		})
	}
}

// An attempt slower than Timeout fails; the caller gets an error, not a
// hang.
func TestChatTimeout(t *testing.T) {
	t.Parallel()
	srv, _ := newChatServer(t, func(_ int, w http.ResponseWriter) {
		time.Sleep(500 * time.Millisecond)
		writeAnswer(w, "late")
	})
	start := time.Now()
	_, err := newChat(t, srv.URL, provider.ChatConfig{Timeout: 50 * time.Millisecond, Retries: -1}).Complete(context.Background(), "s", "u")
	if !errors.Is(err, provider.ErrChatUnavailable) {
		t.Fatalf("err %v, want ErrUnavailable", err)
	}
	if took := time.Since(start); took > 400*time.Millisecond {
		t.Errorf("gave up after %s, want about the 50ms timeout", took)
	}
}
