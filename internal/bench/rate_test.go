package bench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestTrackAtIsOpenLoop: a server that answers nothing does not slow the
// load down: every due request is either sent (up to the in-flight cap)
// or counted as skipped, and the server received exactly those sent.
func TestTrackAtIsOpenLoop(t *testing.T) {
	var received atomic.Int64
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		received.Add(1)
		<-release
	}))
	defer srv.Close()
	defer close(release)
	c := &Corpus{Texts: []string{"my card was declined"}}
	target := NewTarget(srv.URL, "k", 8)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The load's window ends after 100 due requests whatever the server
	// does; the 5 sent are still waiting: once the server has them all,
	// cancel them.
	r := trackAt(ctx, target, c, "p", 200, 500*time.Millisecond, 5, func() {
		deadline := time.Now().Add(30 * time.Second)
		for received.Load() < 5 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	})
	if r.Sent != 5 || r.Sent+r.Skipped != 100 {
		t.Errorf("sent %d, skipped %d: want 5 sent (the in-flight cap) and 100 due in all", r.Sent, r.Skipped)
	}
	if got := received.Load(); got != int64(r.Sent) {
		t.Errorf("the server received %d requests, the load says it sent %d", got, r.Sent)
	}
	if r.Achieved != 0 || r.Requests != 0 {
		t.Errorf("achieved %.0f/s over %d answered requests, want none answered", r.Achieved, r.Requests)
	}
}

// TestTrackAtCountsAnswers: against a server that answers at once, every
// due request is sent and acknowledged.
func TestTrackAtCountsAnswers(t *testing.T) {
	var received atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		received.Add(1)
	}))
	defer srv.Close()
	c := &Corpus{Texts: []string{"my card was declined"}}
	r := TrackAt(context.Background(), NewTarget(srv.URL, "k", 64), c, "p", 100, 300*time.Millisecond, 1000)
	if r.Sent != 30 || r.Skipped != 0 || r.Requests != 30 || r.Errors != 0 || received.Load() != 30 {
		t.Errorf("sent %d, skipped %d, answered %d (%d errors), received %d: want 30 of each and none skipped or failed",
			r.Sent, r.Skipped, r.Requests, r.Errors, received.Load())
	}
}
