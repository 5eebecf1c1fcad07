package conversation

import (
	"context"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/cputime"
)

// activity is a fixed request count for pacing tests.
type activity struct {
	inFlight int64
	started  uint64
}

func (a *activity) Activity() (int64, uint64) { return a.inFlight, a.started }

// TestPaceYieldsOnlyToRequests checks when a round of analysis rests: never
// with no request in sight, always while one is in flight or arrived during
// the round, and always without an Activity to ask. A round "worked" an
// hour, so a rest shows as the context's deadline passing.
func TestPaceYieldsOnlyToRequests(t *testing.T) {
	tests := []struct {
		name     string
		activity *activity // nil: no Activity
		seen     uint64    // requests counted when the round began
		rests    bool
	}{
		{"idle", &activity{started: 7}, 7, false},
		{"request in flight", &activity{inFlight: 1, started: 7}, 7, true},
		{"request arrived and finished during the round", &activity{started: 8}, 7, true},
		{"no activity signal", nil, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewService(Deps{}, Config{AnalysisDuty: 0.5})
			if tt.activity != nil {
				s.busy = tt.activity
			}
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			err := s.pace(ctx, time.Hour, tt.seen)
			if rested := err != nil; rested != tt.rests {
				t.Errorf("rested = %v (err %v), want %v", rested, err, tt.rests)
			}
		})
	}
}

// TestWorkClockCountsNoWaits checks that a round's work, which pacing
// rests in proportion to, leaves out the time the round waited (for the
// database, or for a core): work that only waited used no core.
func TestWorkClockCountsNoWaits(t *testing.T) {
	if cputime.Thread() == 0 {
		t.Skip("this platform does not measure a thread's processor time: pacing counts wall time")
	}
	var w workClock
	w.run(func() { time.Sleep(200 * time.Millisecond) }) // the wait measured, not background work
	if w.used >= 100*time.Millisecond {
		t.Errorf("work = %v for a part that waited 200ms, want far less", w.used)
	}
}
