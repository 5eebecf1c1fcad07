package job

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Backfiller embeds a tenant's conversations that have no vector of their
// current text, in one vector space (the model's name), resuming after
// what was saved; it returns ctx's error when ctx ends first.
type Backfiller interface {
	BackfillTenant(ctx context.Context, tenantID int64, space string) error
	// BackfillSpace is the space the server embeds in, "" for none.
	BackfillSpace() string
}

// BackfillArgs asks for a tenant's conversations to be embedded in a
// vector space.
type BackfillArgs struct {
	TenantID int64  `json:"tenant_id"`
	Space    string `json:"space"`
}

// Kind names the job in the queue's table.
func (BackfillArgs) Kind() string { return "embeddings_backfill" }

// InsertOpts keep one job per tenant and space waiting or running: every
// server's start enqueues it, one server runs it. A finished job does not
// count, so a later start enqueues another, which finds little or nothing
// to do.
func (BackfillArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueBackfill, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// QueueBackfill is the queue backfill jobs run in, one at a time: a
// backfill runs for minutes and must not hold the workers analysis
// needs.
const QueueBackfill = "backfill"

// backfillSlice is how long one run of a backfill job embeds before it
// saves and hands the job back to the queue, well within jobTimeout: a
// backfill of a large tenant through a remote provider takes longer than
// any job may run.
const backfillSlice = 2 * time.Minute

// otherSpaceWait is how long a backfill job of another model than the
// server's is put off before it is dropped.
const otherSpaceWait = time.Hour

type backfillWorker struct {
	river.WorkerDefaults[BackfillArgs]
	gate
	backfiller Backfiller
	slice      time.Duration
	logger     *slog.Logger
}

func (w *backfillWorker) log() *slog.Logger { return orDefault(w.logger) }

func (w *backfillWorker) Work(ctx context.Context, j *river.Job[BackfillArgs]) error {
	if w.backfiller == nil {
		return errors.New("no backfiller configured")
	}
	if err := w.wait(); err != nil {
		return err
	}
	if space := w.backfiller.BackfillSpace(); space != j.Args.Space {
		// A job of another model, enqueued by a server configured with
		// it (servers being moved to a new model, or one without
		// embeddings): left to those servers while they may be about,
		// then dropped, since a start of theirs enqueues it again.
		if time.Since(j.CreatedAt) < otherSpaceWait {
			return river.JobSnooze(time.Minute)
		}
		w.log().Warn("embeddings backfill of a model no server ran for an hour dropped", "tenant", j.Args.TenantID,
			"job_model", j.Args.Space)
		return nil
	}
	sctx, cancel := context.WithTimeout(ctx, w.slice)
	defer cancel()
	err := w.backfiller.BackfillTenant(sctx, j.Args.TenantID, j.Args.Space)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		// The server is stopping: the job is available again at once,
		// to another server or the next start, without counting an
		// attempt; it resumes after the vectors saved.
		return river.JobSnooze(0)
	case sctx.Err() != nil:
		// The slice is over: the rest in the next run.
		return river.JobSnooze(0)
	}
	return err
}

// SetBackfiller sets what backfill jobs call.
func (q *Queue) SetBackfiller(b Backfiller) { q.backfiller.backfiller = b }

// EnqueueBackfill inserts a tenant's backfill job in space, unless one is
// waiting or running already.
func (q *Queue) EnqueueBackfill(ctx context.Context, tenantID int64, space string) error {
	if err := q.client.insert(ctx, BackfillArgs{TenantID: tenantID, Space: space}); err != nil {
		return fmt.Errorf("enqueue embeddings backfill: %w", err)
	}
	return nil
}
