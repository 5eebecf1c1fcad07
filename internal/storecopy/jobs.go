package storecopy

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
)

// pendingStates are the jobs still to run. A running job in a source no
// server holds was cut off by a crash: the target runs it again.
var pendingStates = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStateScheduled,
	rivertype.JobStateRetryable, rivertype.JobStateRunning}

// pendingJobs lists the pending jobs of reader's queue inside tx, in id
// order, a thousand a page.
func pendingJobs[TTx any](ctx context.Context, reader *river.Client[TTx], tx TTx) ([]*rivertype.JobRow, error) {
	var jobs []*rivertype.JobRow
	params := river.NewJobListParams().States(pendingStates...).OrderBy(river.JobListOrderByID, river.SortOrderAsc).First(1000)
	for {
		res, err := reader.JobListTx(ctx, tx, params)
		if err != nil {
			return nil, fmt.Errorf("list source jobs: %w", err)
		}
		jobs = append(jobs, res.Jobs...)
		if len(res.Jobs) < 1000 {
			return jobs, nil
		}
		params = params.After(res.LastCursor)
	}
}

// copyJobs carries the queue's pending jobs over, through the queue's own
// drivers (its tables differ between dialects), with their kind, queue,
// arguments, schedule and attempt count — a webhook delivery halfway
// through its retries goes on with the same schedule. Finished jobs are
// history and stay behind. All of it is one target transaction with its
// progress record.
func copyJobs(ctx context.Context, source *sql.DB, src *sql.Tx, dst *pgxpool.Pool, s *step) (int, error) {
	if s.done {
		return int(s.rows), nil
	}
	var hasQueue bool
	if err := src.QueryRowContext(ctx, `SELECT count(*) > 0 FROM pragma_table_list WHERE name = 'river_job'`).Scan(&hasQueue); err != nil {
		return 0, fmt.Errorf("inspect source job queue: %w", err)
	}
	var jobs []*rivertype.JobRow
	if hasQueue {
		reader, err := river.NewClient(riversqlite.New(source), &river.Config{})
		if err != nil {
			return 0, fmt.Errorf("source job queue: %w", err)
		}
		if jobs, err = pendingJobs(ctx, reader, src); err != nil {
			return 0, err
		}
	}
	var queue *string
	if err := dst.QueryRow(ctx, `SELECT to_regclass('river_job')::text`).Scan(&queue); err != nil {
		return 0, fmt.Errorf("inspect target job queue: %w", err)
	}
	if queue == nil {
		return 0, fmt.Errorf("target has no job queue tables: migrate it with this binary first (fathom migrate)")
	}
	writer, err := river.NewClient(riverpgxv5.New(dst), &river.Config{})
	if err != nil {
		return 0, fmt.Errorf("target job queue: %w", err)
	}
	tx, err := dst.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("write target jobs: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // after Commit, a no-op
	if err := insertJobs(ctx, writer, tx, jobs); err != nil {
		return 0, err
	}
	if err := advance(ctx, tx, s, nil, int64(len(jobs)), true); err != nil {
		return 0, err
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("commit target jobs: %w", err)
	}
	s.rows, s.done = int64(len(jobs)), true
	return len(jobs), nil
}

// insertParams are jobs as the queue inserts them again: kind, arguments,
// queue, priority, attempts allowed, schedule, tags and metadata.
func insertParams(jobs []*rivertype.JobRow) []river.InsertManyParams {
	params := make([]river.InsertManyParams, len(jobs))
	for i, j := range jobs {
		params[i] = river.InsertManyParams{Args: rawArgs{kind: j.Kind, args: j.EncodedArgs}, InsertOpts: &river.InsertOpts{
			Queue: j.Queue, Priority: j.Priority, MaxAttempts: j.MaxAttempts, ScheduledAt: j.ScheduledAt,
			Tags: j.Tags, Metadata: j.Metadata}}
	}
	return params
}

func insertJobs(ctx context.Context, writer *river.Client[pgx.Tx], tx pgx.Tx, jobs []*rivertype.JobRow) error {
	if len(jobs) == 0 {
		return nil
	}
	res, err := writer.InsertManyTx(ctx, tx, insertParams(jobs))
	if err != nil {
		return fmt.Errorf("insert target jobs: %w", err)
	}
	// The attempt count is not an insert option, and it decides what a
	// retried job does next (a delivery's retry schedule).
	for i, r := range res {
		if jobs[i].Attempt == 0 {
			continue
		}
		if _, err := tx.Exec(ctx, `UPDATE river_job SET attempt = $2, attempted_at = $3 WHERE id = $1`,
			r.Job.ID, jobs[i].Attempt, jobs[i].AttemptedAt); err != nil {
			return fmt.Errorf("carry attempt count of job %d: %w", jobs[i].ID, err)
		}
	}
	return nil
}

// rawArgs are a job's arguments as the source stored them: the copy needs
// no knowledge of what each kind carries.
type rawArgs struct {
	kind string
	args json.RawMessage
}

func (a rawArgs) Kind() string                 { return a.kind }
func (a rawArgs) MarshalJSON() ([]byte, error) { return a.args, nil }
