package job_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/store"
)

// TestBacklogCountsWaitingJobs: on each engine, the backlog counts the
// jobs waiting by kind and state and dates the oldest ready one.
func TestBacklogCountsWaitingJobs(t *testing.T) {
	for name, open := range engines {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			e := open(t)
			q := migratedQueue(t, e, job.Config{}) // insert-only: the jobs wait
			empty, err := e.backlog.Read(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(empty.Counts) != 0 || !empty.OldestAvailable.IsZero() {
				t.Fatalf("empty queue's backlog = %+v", empty)
			}
			before := time.Now().Add(-time.Second) // River's SQLite times are to the millisecond
			err = e.store.Write(ctx, func(tx store.Tx) error {
				for _, tenant := range []int64{1, 2} {
					if err := q.EnqueueAnalysisTx(ctx, tx, tenant); err != nil {
						return err
					}
				}
				return q.EnqueueProcessTx(ctx, tx, 1, 7)
			})
			if err != nil {
				t.Fatal(err)
			}
			after := time.Now().Add(time.Second)
			b, err := e.backlog.Read(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := []job.JobCount{{Kind: "analyze_tenant", State: "available", Count: 2}, {Kind: "process_meeting", State: "available", Count: 1}}
			if !slices.Equal(b.Counts, want) {
				t.Fatalf("counts = %+v, want %+v", b.Counts, want)
			}
			if b.OldestAvailable.Before(before) || b.OldestAvailable.After(after) {
				t.Fatalf("oldest available at %v, want between %v and %v", b.OldestAvailable, before, after)
			}
		})
	}
}
