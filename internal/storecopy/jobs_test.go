package storecopy_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riversqlite"

	"github.com/fathom-oss/fathom/internal/storecopy"
)

type testJob struct {
	N int `json:"n"`
}

func (testJob) Kind() string { return "copy_test" }

// TestCopyJobs: pending jobs arrive with their arguments, queue, schedule
// and attempt count; finished ones stay behind.
func TestCopyJobs(t *testing.T) {
	ctx := context.Background()
	dst, version := target(t)
	db, file := sourceAt(t, t.TempDir(), version)
	client, err := river.NewClient(riversqlite.New(db.Writer()), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	ids := map[int]int64{}
	for n, opts := range map[int]*river.InsertOpts{
		1: nil,
		2: {Queue: "delivery", ScheduledAt: later, MaxAttempts: 8},
		3: {Priority: 2},
		4: nil,
	} {
		res, err := client.Insert(ctx, testJob{N: n}, opts)
		if err != nil {
			t.Fatal(err)
		}
		ids[n] = res.Job.ID
	}
	// Job 3 failed twice and waits for its next try; job 4 is done.
	exec(t, db.Writer(), `UPDATE river_job SET state = 'retryable', attempt = 2 WHERE id = ?`, ids[3])
	exec(t, db.Writer(), `UPDATE river_job SET state = 'completed', attempt = 1, finalized_at = ? WHERE id = ?`,
		time.Now().UTC().Format(time.RFC3339Nano), ids[4])
	db.Close()

	cfg := open(t, file)
	cfg.Target = dst
	rep, err := storecopy.Copy(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Jobs != 3 {
		t.Fatalf("%d jobs carried over, want 3", rep.Jobs)
	}
	rows, err := dst.Query(ctx, `SELECT args, queue, priority, max_attempts, attempt, state, scheduled_at FROM river_job WHERE kind = 'copy_test'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int]bool{}
	for rows.Next() {
		var args []byte
		var queue, state string
		var priority, maxAttempts, attempt int
		var at time.Time
		if err := rows.Scan(&args, &queue, &priority, &maxAttempts, &attempt, &state, &at); err != nil {
			t.Fatal(err)
		}
		var a testJob
		if err := json.Unmarshal(args, &a); err != nil {
			t.Fatal(err)
		}
		got[a.N] = true
		switch a.N {
		case 2:
			if queue != "delivery" || maxAttempts != 8 || state != "scheduled" || !at.Equal(later) {
				t.Errorf("scheduled job: queue %s, max %d, state %s, at %v (want %v)", queue, maxAttempts, state, at, later)
			}
		case 3:
			if attempt != 2 || priority != 2 {
				t.Errorf("retried job: attempt %d, priority %d; want 2 and 2", attempt, priority)
			}
		case 4:
			t.Error("a completed job was carried over")
		}
	}
	if !got[1] || !got[2] || !got[3] {
		t.Errorf("jobs in the target: %v, want 1, 2 and 3", got)
	}
	// Run again: the jobs are not inserted twice.
	if _, err := storecopy.Copy(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := dst.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'copy_test'`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("%d jobs after a second run (%v), want 3", n, err)
	}
}
