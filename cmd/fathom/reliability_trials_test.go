package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestReliabilitySignInCountsDroppedCalls: the sign-in flood's clients
// count a sign-in whose connection the server closes without an answer,
// and such a call fails the trial's verdict, where it used to be skipped.
func TestReliabilitySignInCountsDroppedCalls(t *testing.T) {
	t.Parallel()
	h := newHangUps(10)
	var posts atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			_, _ = w.Write([]byte(`<form><input type="hidden" name="csrf" value="c"></form>`))
			return
		}
		if err := r.ParseForm(); err != nil || r.PostForm.Get("csrf") != "c" || r.PostForm.Get("action") != "signin" {
			t.Errorf("sign-in form %v (%v), want the page's hidden field and action=signin", r.PostForm, err)
		}
		if posts.Add(1)%2 == 0 {
			h.hangUp(t, w)
			return
		}
		h.served.Add(1)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()

	var counts statusCounts
	var noRetry atomic.Int64
	signInClient(srv.URL, srv.URL+"/external/v1/oauth2/authorize", 1, h.stop, &counts, &noRetry)
	n, first := counts.droppedCalls()
	if n == 0 || first == "" {
		t.Fatalf("dropped calls = %d (%q), want some; answers %s", n, first, &counts)
	}
	if counts.total() == 0 || counts.unexpected(http.StatusUnauthorized) != "" || !strings.Contains(counts.withDropped(), fmt.Sprintf(", %d×no answer", n)) {
		t.Fatalf("answers %s: want 401s and the calls without an answer", counts.withDropped())
	}
	r := &trialRun{}
	answered(r, "sign-ins", &counts)
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "got no answer") {
		t.Fatalf("verdict failures = %q, want one for the calls without an answer", r.failures)
	}
}

// TestReliabilitySlowReaderCountsDroppedConnections: a slow reader whose
// connection is refused, or closed before the end of the attack, counts
// as a call without an answer (a server that sheds its readers would
// otherwise pass the memory bound by holding nothing).
func TestReliabilitySlowReaderCountsDroppedConnections(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	var counts statusCounts
	var received atomic.Int64
	never := make(chan struct{})
	slowReader(ln.Addr().String(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n", never, &counts, &received)
	if n, first := counts.droppedCalls(); n != 1 || !strings.Contains(first, "closed after 0 bytes") {
		t.Fatalf("a connection closed at once: dropped %d (%q), want 1 closed after 0 bytes", n, first)
	}
	ln.Close()
	slowReader(ln.Addr().String(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n", never, &counts, &received)
	if n, _ := counts.droppedCalls(); n != 2 || counts.total() != 0 {
		t.Fatalf("a refused connection: dropped %d, answers %s; want 2 dropped and no answer", n, &counts)
	}
	r := &trialRun{}
	answered(r, "slow readers", &counts)
	if len(r.failures) != 1 {
		t.Fatalf("verdict failures = %q, want one", r.failures)
	}
}

// TestReliabilityStatusCode reads the status of an answer's first bytes.
func TestReliabilityStatusCode(t *testing.T) {
	t.Parallel()
	for head, want := range map[string]int{
		"HTTP/1.1 200":           200,
		"HTTP/1.1 503 Service U": 503,
		"HTTP/1.0 404 Not Found": 404,
		"HTTP/1.1 20":            0,
		"":                       0,
		"garbage and more bytes": 0,
	} {
		if got := statusCode([]byte(head)); got != want {
			t.Errorf("statusCode(%q) = %d, want %d", head, got, want)
		}
	}
}
