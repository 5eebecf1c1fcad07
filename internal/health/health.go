// Package health follows whether the server can store data: whether the
// database's writes fail for want of disk or connection (an incident,
// logged once when it starts and once when it ends) and whether the free
// space under the database is below the operator's floor. /readyz and the
// background jobs ask it; it answers from what it last saw, and checks free
// space at most every few seconds, never once per request. It holds no HTTP
// and no SQL.
package health

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Config sets up a Monitor. Every field is optional.
type Config struct {
	// Dir is the directory whose file system holds the database (SQLite's
	// data directory); empty checks no free space.
	Dir string
	// MinFree is the free-space floor in bytes under Dir: below it,
	// Paused reports an error (0: no floor).
	MinFree int64
	// Every is how often free space is measured and, during an incident,
	// the probe is run (default 5s).
	Every time.Duration
	// Probe tries a small write; during an incident, its success ends the
	// incident as a successful client write would (nil: only client writes
	// end it).
	Probe func(ctx context.Context) error
	// FreeSpace returns the bytes free to the server under dir (default:
	// statfs).
	FreeSpace func(dir string) (int64, error)
	Logger    *slog.Logger
	Now       func() time.Time
}

// Monitor is the server's view of its storage. Its methods are safe for
// concurrent use.
type Monitor struct {
	cfg Config

	mu        sync.Mutex
	failing   error     // the first error of the open write incident
	since     time.Time // when it began
	failures  int64     // failed writes during it
	probed    time.Time // last probe during it
	measured  time.Time // last free-space measure
	free      int64     // bytes free at that measure; -1 unknown
	low       bool      // free < MinFree at that measure
	measuring bool

	unavailable atomic.Uint64 // failed writes, see StoreErrors
	otherErrors atomic.Uint64
}

// New returns a Monitor.
func New(cfg Config) *Monitor {
	if cfg.Every <= 0 {
		cfg.Every = 5 * time.Second
	}
	if cfg.FreeSpace == nil {
		cfg.FreeSpace = freeSpace
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Monitor{cfg: cfg, free: -1}
}

// ObserveWrite is told the outcome of every database write. An error
// wrapping store.ErrUnavailable opens an incident (or counts in the open
// one); a success closes it. Other errors (a conflict, a bad request)
// say nothing about the storage and are ignored.
func (m *Monitor) ObserveWrite(err error) {
	m.countWrite(err)
	switch {
	case err == nil:
		m.mu.Lock()
		m.endLocked("write succeeded")
		m.mu.Unlock()
	case errors.Is(err, store.ErrUnavailable):
		m.mu.Lock()
		defer m.mu.Unlock()
		m.failures++
		if m.failing != nil {
			return
		}
		m.failing, m.since, m.probed = err, m.cfg.Now(), m.cfg.Now()
		m.cfg.Logger.Error("database writes failing: clients get 503 and /readyz is not ready until a write succeeds", "err", err)
	}
}

func (m *Monitor) endLocked(how string) {
	if m.failing == nil {
		return
	}
	m.cfg.Logger.Warn("database writes succeed again", "how", how, "failed_writes", m.failures,
		"duration", m.cfg.Now().Sub(m.since).Round(time.Millisecond))
	m.failing, m.failures = nil, 0
}

// Ready returns nil when writes are not known to fail, and otherwise an
// EUNAVAILABLE error whose message names the cause, safe for clients.
// During an incident it runs the probe at most every Config.Every.
func (m *Monitor) Ready(ctx context.Context) error {
	m.mu.Lock()
	failing, probe := m.failing != nil, false
	if failing && m.cfg.Probe != nil && m.cfg.Now().Sub(m.probed) >= m.cfg.Every {
		m.probed, probe = m.cfg.Now(), true
	}
	since := m.since
	m.mu.Unlock()
	if !failing {
		return nil
	}
	if probe {
		if err := m.cfg.Probe(ctx); err == nil {
			m.mu.Lock()
			m.endLocked("probe write succeeded")
			m.mu.Unlock()
			return nil
		}
	}
	return fathom.Errorf(fathom.EUNAVAILABLE, "database writes are failing since %s (disk full or database unavailable)",
		since.UTC().Format(time.RFC3339))
}

// Failing reports whether a write incident is open.
func (m *Monitor) Failing() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.failing != nil
}

// Paused returns nil when background work may run, and otherwise an error
// naming why it waits: writes are failing, or free space under the
// database is below the floor.
func (m *Monitor) Paused() error {
	low := m.Low() // measured even during an incident: its end may wait for space
	m.mu.Lock()
	failing := m.failing != nil
	m.mu.Unlock()
	if failing && low == nil {
		return fathom.Errorf(fathom.EUNAVAILABLE, "database writes are failing: background work is paused")
	}
	return low
}

// Low returns an error naming the free space when it is below the floor,
// measuring it again when the last measure is older than Config.Every.
func (m *Monitor) Low() error {
	if m.cfg.Dir == "" || m.cfg.MinFree <= 0 {
		return nil
	}
	m.measure()
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.low {
		return nil
	}
	return fathom.Errorf(fathom.EUNAVAILABLE, "free disk %s under %s is below --min-free-disk %s: background work is paused",
		mib(m.free), m.cfg.Dir, mib(m.cfg.MinFree))
}

// measure takes a new free-space measure when the last is stale; one
// caller measures while the others use the last figure.
func (m *Monitor) measure() {
	m.mu.Lock()
	if m.measuring || (!m.measured.IsZero() && m.cfg.Now().Sub(m.measured) < m.cfg.Every) {
		m.mu.Unlock()
		return
	}
	m.measuring = true
	m.mu.Unlock()
	free, err := m.cfg.FreeSpace(m.cfg.Dir)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.measuring, m.measured = false, m.cfg.Now()
	if err != nil {
		m.cfg.Logger.Debug("free disk space unknown", "dir", m.cfg.Dir, "err", err)
		return // keep the last verdict
	}
	low := free < m.cfg.MinFree
	switch {
	case low && !m.low:
		m.cfg.Logger.Error("free disk below --min-free-disk: background work paused until space returns",
			"dir", m.cfg.Dir, "free", mib(free), "min_free_disk", mib(m.cfg.MinFree))
	case !low && m.low:
		m.cfg.Logger.Warn("free disk back above --min-free-disk: background work resumes",
			"dir", m.cfg.Dir, "free", mib(free), "min_free_disk", mib(m.cfg.MinFree))
	}
	m.free, m.low = free, low
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
