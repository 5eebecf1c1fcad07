package job_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/job"
)

// sliceBackfiller works through its first slice to the end (ctx's
// deadline) and finishes in its second, reporting each call.
type sliceBackfiller struct {
	space string
	calls atomic.Int64
	other atomic.Int64 // runs for another space
	done  chan job.BackfillArgs
}

func (b *sliceBackfiller) BackfillSpace() string { return b.space }

func (b *sliceBackfiller) BackfillTenant(ctx context.Context, tenantID int64, space string) error {
	if space != b.space {
		b.other.Add(1)
		return nil
	}
	if b.calls.Add(1) == 1 {
		<-ctx.Done()
		return ctx.Err()
	}
	b.done <- job.BackfillArgs{TenantID: tenantID, Space: space}
	return nil
}

// TestBackfillJob: on each engine, a tenant's backfill enqueued twice in
// a space is one job; a run whose slice ends is run again at once and
// finishes; a job of another space than the server's is not run by it; a
// finished job does not keep the next start from enqueueing another.
func TestBackfillJob(t *testing.T) {
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			e := open(t)
			q := migratedQueue(t, e, job.Config{})
			for _, space := range []string{"m1", "m1", "m2"} {
				if err := q.EnqueueBackfill(ctx, 7, space); err != nil {
					t.Fatal(err)
				}
			}
			b := &sliceBackfiller{space: "m1", done: make(chan job.BackfillArgs, 2)}
			w, err := job.New(e.jobs, job.Config{Workers: 1, PollInterval: 10 * time.Millisecond, BackfillSlice: 200 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			w.SetBackfiller(b)
			start(t, w)
			select {
			case a := <-b.done:
				if a != (job.BackfillArgs{TenantID: 7, Space: "m1"}) {
					t.Errorf("finished %+v, want tenant 7 in m1", a)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("the backfill did not finish")
			}
			// The finished job may still be completing: enqueue until a
			// new one runs.
			deadline := time.After(15 * time.Second)
		again:
			for {
				if err := q.EnqueueBackfill(ctx, 7, "m1"); err != nil {
					t.Fatal(err)
				}
				select {
				case <-b.done:
					break again
				case <-time.After(100 * time.Millisecond):
				case <-deadline:
					t.Fatal("a backfill enqueued after one finished did not run")
				}
			}
			if n := b.other.Load(); n != 0 {
				t.Errorf("%d runs for another space than the server's, want 0", n)
			}
			if n := b.calls.Load(); n != 3 {
				t.Errorf("%d runs, want 3 (one slice cut short, two finished; none of m2)", n)
			}
		})
	}
}
