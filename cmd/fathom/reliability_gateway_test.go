package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// hangUps is a test server's way of closing some connections without an
// answer: stop closes once it has hung up on n calls and answered n.
type hangUps struct {
	n              int64
	stop           chan struct{}
	once           sync.Once
	served, closed atomic.Int64
}

func newHangUps(n int64) *hangUps { return &hangUps{n: n, stop: make(chan struct{})} }

// hangUp closes w's connection without an answer.
func (h *hangUps) hangUp(t *testing.T, w http.ResponseWriter) {
	if h.closed.Add(1) >= h.n && h.served.Load() >= h.n {
		h.once.Do(func() { close(h.stop) })
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	conn.Close()
}

// TestReliabilityGatewayCountsDroppedCalls: the gateway trial's clients
// count a call whose connection the server closes without an answer, and
// such a call fails the trial's verdict, where it used to go unseen.
func TestReliabilityGatewayCountsDroppedCalls(t *testing.T) {
	t.Parallel()
	h := newHangUps(10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Maton-Connection") == "drop" {
			h.hangUp(t, w)
			return
		}
		h.served.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()

	var counts statusCounts
	hammer(srv.URL, []gatewayConn{{key: "k", id: "ok"}, {key: "k", id: "drop"}}, 2, h.stop, &counts)
	n, first := counts.droppedCalls()
	if n == 0 || first == "" {
		t.Fatalf("dropped calls = %d (%q), want some; answers %s", n, first, &counts)
	}
	if counts.total() == 0 || counts.unexpected(http.StatusOK) != "" || !strings.Contains(counts.withDropped(), fmt.Sprintf(", %d×no answer", n)) {
		t.Fatalf("answers %s: want 200s and the calls without an answer", &counts)
	}
	r := &trialRun{}
	answered(r, "stage", &counts)
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "got no answer") {
		t.Fatalf("verdict failures = %q, want one for the calls without an answer", r.failures)
	}
	var all statusCounts
	all.add(http.StatusOK)
	answered(r, "stage", &all)
	if len(r.failures) != 1 {
		t.Fatalf("verdict failures = %q after a stage where every call was answered, want still one", r.failures)
	}
}
