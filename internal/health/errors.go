package health

import (
	"context"
	"errors"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// StoreErrors counts the writes that failed since the start, by kind.
type StoreErrors struct {
	// Unavailable failed for want of storage (disk full, connection
	// lost): store.ErrUnavailable.
	Unavailable uint64
	// Other failed for any other reason that is not an answer to the
	// request: a not-found, a duplicate, a rule's refusal (an error with
	// a code other than EINTERNAL) and a cancelled request are not
	// counted.
	Other uint64
}

// StoreErrors returns the counts of failed writes.
func (m *Monitor) StoreErrors() StoreErrors {
	return StoreErrors{Unavailable: m.unavailable.Load(), Other: m.otherErrors.Load()}
}

// countWrite counts a failed write by kind.
func (m *Monitor) countWrite(err error) {
	switch {
	case err == nil:
	case errors.Is(err, store.ErrUnavailable):
		m.unavailable.Add(1)
	case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrDuplicate),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
		fathom.ErrorCode(err) != fathom.EINTERNAL:
	default:
		m.otherErrors.Add(1)
	}
}

// FreeSpace returns the bytes free under Config.Dir as last measured,
// measuring again when the measure is older than Config.Every; false when
// the monitor watches no directory (PostgreSQL) or no measure succeeded.
func (m *Monitor) FreeSpace() (int64, bool) {
	if m.cfg.Dir == "" {
		return 0, false
	}
	m.measure()
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.free, m.free >= 0
}
