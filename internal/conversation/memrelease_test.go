package conversation

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestReleaseMemory checks when the free memory analysis leaves is
// returned: only after a backlog, only when no other analysis is under
// way, and at most once every releaseEvery.
func TestReleaseMemory(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	released := func() bool {
		defer buf.Reset()
		return strings.Contains(buf.String(), "memory returned after analysis")
	}
	var r releaser
	r.analysed.Add(releaseAfter - 1)
	if r.release(logger, 1); released() {
		t.Fatal("released after fewer than a backlog")
	}
	r.analysed.Add(1)
	if r.release(logger, 2); released() {
		t.Fatal("released while another analysis was under way")
	}
	if r.release(logger, 1); !released() {
		t.Fatal("not released after a drained backlog")
	}
	if n := r.analysed.Load(); n != 0 {
		t.Fatalf("count after a release: %d, want 0", n)
	}
	r.analysed.Add(releaseAfter)
	if r.release(logger, 1); released() {
		t.Fatal("released twice within releaseEvery")
	}
	r.last, r.cost = time.Now().Add(-releaseEvery), 0
	if r.release(logger, 1); !released() {
		t.Fatal("not released once releaseEvery had passed")
	}
	// A costly release waits releaseCost times its cost.
	r.analysed.Add(releaseAfter)
	r.last, r.cost = time.Now().Add(-2*releaseEvery), releaseEvery/releaseCost*3
	if r.release(logger, 1); released() {
		t.Fatal("released before releaseCost times the last release's cost")
	}
	r.last = time.Now().Add(-3 * releaseEvery)
	if r.release(logger, 1); !released() {
		t.Fatal("not released once releaseCost times its cost had passed")
	}
}

// TestReleaseAfterLoad checks that a start returns the free memory its
// load leaves once, only when it loaded a backlog's worth, and that the
// next return after analysis then waits releaseEvery.
func TestReleaseAfterLoad(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	var r releaser
	if done := r.afterLoad(logger, releaseAfter-1); done != nil || !r.last.IsZero() {
		t.Fatal("a small load returned memory")
	}
	done := r.afterLoad(logger, releaseAfter)
	if done == nil {
		t.Fatal("a load of a backlog's worth returned nothing")
	}
	<-done
	if !strings.Contains(buf.String(), "memory returned after the load") || r.last.IsZero() {
		t.Fatalf("no return logged: %q", buf.String())
	}
	buf.Reset()
	r.analysed.Add(releaseAfter)
	if r.release(logger, 1); strings.Contains(buf.String(), "memory returned") {
		t.Fatal("analysis returned memory again within releaseEvery of the load's return")
	}
}
