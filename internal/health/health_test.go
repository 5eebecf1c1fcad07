package health_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/health"
	"github.com/fathom-oss/fathom/internal/store"
)

// clock is a hand-moved clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func logs(buf *bytes.Buffer, msg string) int { return strings.Count(buf.String(), "msg=\""+msg) }

var errFull = fmt.Errorf("commit: %w: %w", store.ErrUnavailable, errors.New("database or disk is full (13)"))

func TestWriteIncidentLoggedOnceAndEndedByAWrite(t *testing.T) {
	var buf bytes.Buffer
	c := &clock{now: time.Unix(1_000_000, 0)}
	m := health.New(health.Config{Logger: slog.New(slog.NewTextHandler(&buf, nil)), Now: c.Now})
	ctx := context.Background()

	m.ObserveWrite(errors.New("a conflict, not the storage"))
	if err := m.Ready(ctx); err != nil {
		t.Fatalf("ready after an unrelated error: %v", err)
	}
	for range 100 {
		m.ObserveWrite(errFull)
	}
	err := m.Ready(ctx)
	if fathom.ErrorCode(err) != fathom.EUNAVAILABLE || !strings.Contains(fathom.ErrorMessage(err), "writes are failing") {
		t.Fatalf("ready during failing writes: %v, want EUNAVAILABLE naming the cause", err)
	}
	if m.Paused() == nil || !m.Failing() {
		t.Fatal("background work not paused, or no incident reported, while writes fail")
	}
	if n := logs(&buf, "database writes failing"); n != 1 {
		t.Fatalf("incident start logged %d times for 100 failed writes, want 1", n)
	}
	m.ObserveWrite(nil)
	m.ObserveWrite(nil)
	if err := m.Ready(ctx); err != nil || m.Failing() {
		t.Fatalf("ready after a write succeeded: %v (failing %v)", err, m.Failing())
	}
	if n := logs(&buf, "database writes succeed again"); n != 1 || !strings.Contains(buf.String(), "failed_writes=100") {
		t.Fatalf("incident end logged %d times, want 1 with the count:\n%s", n, buf.String())
	}
}

func TestProbeEndsIncidentAtMostEveryInterval(t *testing.T) {
	c := &clock{now: time.Unix(1_000_000, 0)}
	probes, probeErr := 0, errors.New("still full")
	m := health.New(health.Config{Now: c.Now, Every: 5 * time.Second, Logger: slog.New(slog.DiscardHandler),
		Probe: func(context.Context) error { probes++; return probeErr }})
	ctx := context.Background()
	m.ObserveWrite(errFull)
	for range 10 {
		if m.Ready(ctx) == nil {
			t.Fatal("ready before any probe")
		}
	}
	if probes != 0 {
		t.Fatalf("%d probes within the interval, want 0", probes)
	}
	c.add(5 * time.Second)
	if m.Ready(ctx) == nil || probes != 1 {
		t.Fatalf("failed probe: ready or %d probes, want not ready after 1", probes)
	}
	probeErr = nil
	if m.Ready(ctx) == nil || probes != 1 {
		t.Fatalf("probes %d within the interval, want 1", probes)
	}
	c.add(5 * time.Second)
	if err := m.Ready(ctx); err != nil || probes != 2 {
		t.Fatalf("after a successful probe: %v (%d probes), want ready", err, probes)
	}
}

func TestFreeSpaceFloorPausesAndResumes(t *testing.T) {
	var buf bytes.Buffer
	c := &clock{now: time.Unix(1_000_000, 0)}
	free, measures := int64(300<<20), 0
	m := health.New(health.Config{Dir: "/data", MinFree: 256 << 20, Every: 5 * time.Second, Now: c.Now,
		Logger:    slog.New(slog.NewTextHandler(&buf, nil)),
		FreeSpace: func(dir string) (int64, error) { measures++; return free, nil }})
	if err := m.Paused(); err != nil {
		t.Fatalf("paused above the floor: %v", err)
	}
	free = 10 << 20
	for range 50 {
		_ = m.Paused()
	}
	if measures != 1 {
		t.Fatalf("%d measures within the interval, want 1 (not one per call)", measures)
	}
	c.add(5 * time.Second)
	err := m.Paused()
	if err == nil || !strings.Contains(err.Error(), "10.0 MiB") || !strings.Contains(err.Error(), "--min-free-disk 256.0 MiB") {
		t.Fatalf("under the floor: %v, want a pause naming free space and floor", err)
	}
	if err := m.Ready(context.Background()); err != nil {
		t.Fatalf("ready turned not ready under the floor alone: %v", err)
	}
	c.add(5 * time.Second)
	_ = m.Paused()
	free = 400 << 20
	c.add(5 * time.Second)
	if err := m.Paused(); err != nil {
		t.Fatalf("space returned, still paused: %v", err)
	}
	if logs(&buf, "free disk below") != 1 || logs(&buf, "free disk back above") != 1 {
		t.Fatalf("want one log line at each crossing:\n%s", buf.String())
	}
}

func TestNoFloorNeverMeasures(t *testing.T) {
	m := health.New(health.Config{Dir: "/data", MinFree: 0,
		FreeSpace: func(string) (int64, error) { t.Fatal("measured with no floor"); return 0, nil }})
	if err := m.Paused(); err != nil {
		t.Fatal(err)
	}
}

func TestFileProbe(t *testing.T) {
	if err := health.FileProbe(t.TempDir())(context.Background()); err != nil {
		t.Fatalf("probe on a writable directory: %v", err)
	}
	if err := health.FileProbe("/nonexistent/dir")(context.Background()); err == nil {
		t.Fatal("probe on a missing directory succeeded")
	}
}
