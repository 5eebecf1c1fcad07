package job_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/store"
)

// TestPausedJobsWaitAndResume: while Pause says no (free disk below the
// floor), an analysis job is not run but asked again; once it says yes the
// job runs, with nothing restarted.
func TestPausedJobsWaitAndResume(t *testing.T) {
	ctx := context.Background()
	e := sqliteEngine(t)
	var paused atomic.Bool
	paused.Store(true)
	asked := make(chan struct{}, 100)
	q := migratedQueue(t, e, job.Config{Workers: 1, PollInterval: 10 * time.Millisecond, PauseRetry: 20 * time.Millisecond,
		Pause: func() error {
			if !paused.Load() {
				return nil
			}
			select {
			case asked <- struct{}{}:
			default:
			}
			return errors.New("free disk below the floor")
		}})
	runs := make(signalAnalyzer, 1)
	q.SetAnalyzer(runs)
	if err := e.store.Write(ctx, func(tx store.Tx) error { return q.EnqueueAnalysisTx(ctx, tx, 7) }); err != nil {
		t.Fatal(err)
	}
	start(t, q)
	for i := range 3 { // asked, snoozed, asked again: the job is kept and retried
		select {
		case <-asked:
		case got := <-runs:
			t.Fatalf("tenant %d analysed while paused", got)
		case <-time.After(15 * time.Second):
			t.Fatalf("pause asked %d times, want 3", i)
		}
	}
	paused.Store(false)
	select {
	case got := <-runs:
		if got != 7 {
			t.Fatalf("analysed tenant %d, want 7", got)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the job did not run once the pause ended")
	}
}
