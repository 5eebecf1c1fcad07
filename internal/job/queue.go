// Package job wires the durable job queue (River) to the work that follows a
// write: analysing a tenant's changed conversations and purging expired
// idempotency records. Jobs are inserted in the same transaction as the data
// that causes them, so a crash between the response and the job loses
// nothing. This package holds no rules of its own: workers call services.
package job

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/fathom-oss/fathom/internal/store"
)

// Analyzer analyses a tenant's conversations that changed since last time.
type Analyzer interface {
	AnalyzeTenant(ctx context.Context, tenantID int64) error
	// AnalysisAbandoned is told that the tenant's analysis job failed its
	// last attempt and is discarded: the tenant must get a new job, or
	// its waiting conversations would wait until its next write.
	AnalysisAbandoned(ctx context.Context, tenantID int64) error
	// AnalysisResume makes sure every tenant with conversations waiting
	// for analysis has a job (on a shared database, every tenant whose
	// saved model lacks conversations another server analysed before it
	// died, too); the queue calls it every AnalysisSweep.
	AnalysisResume(ctx context.Context) error
}

// Purger deletes what has outlived its retention.
type Purger interface {
	Purge(ctx context.Context) error
}

// Config sets up the queue.
type Config struct {
	// Workers is how many jobs run at once; 0 makes an insert-only queue
	// (jobs wait in the database until a process with workers runs them).
	Workers int
	// PollInterval is how often workers look for new jobs (default 50ms).
	PollInterval time.Duration
	// MaxAttempts is how many times a failing job is tried before it is
	// discarded (default 10; River's backoff spaces the tries over about
	// four hours).
	MaxAttempts int
	// AnalysisSweep is how often the leader checks that every tenant with
	// conversations waiting for analysis has a job (default 1m).
	AnalysisSweep time.Duration
	// StopGrace is how long Stop lets running jobs finish before it
	// cancels them (default 2s). Every job is safe to cancel: an analysis
	// leaves its conversations waiting, and the next start enqueues them;
	// a meeting job or a delivery is retried.
	StopGrace time.Duration
	// Pause, when set, is asked before each analysis, embeddings backfill
	// and meeting processing job: while it returns an error (free disk below the
	// floor, writes failing) those jobs wait PauseRetry and ask again,
	// without counting an attempt. Purges and deliveries still run: a
	// purge frees space and a delivery writes little.
	Pause func() error
	// BackfillSlice is how long one run of an embeddings backfill job
	// works before it saves and is run again (default and most 2m).
	BackfillSlice time.Duration
	// PauseRetry is how long a paused job waits before asking again
	// (default 5s).
	PauseRetry time.Duration
	// Failing, when set, says whether the database is known to refuse
	// writes (an incident the server logs once): meanwhile the queue's own
	// error lines, which repeat at every poll, are dropped.
	Failing func() bool
	Logger  *slog.Logger
}

const (
	// jobTimeout cancels a job's context: the longest a job runs (a
	// webhook delivery has 30s of its own).
	jobTimeout = 5 * time.Minute
	// rescueAfter is how long a job may stay running before the queue
	// takes its process for dead and runs it again: jobTimeout, plus room
	// for a cancelled job to return and for clocks of servers sharing a
	// PostgreSQL database to differ.
	rescueAfter = jobTimeout + 5*time.Minute
)

// RequeueOrphans makes the jobs left running by a process that ended
// without finishing them (killed, crashed) available again, so that they
// run at once rather than after the queue's rescue delay, and returns how
// many there were. Call it only while no other process can be running
// jobs on the database: on SQLite, holding the data directory's server
// lock, before Start. On PostgreSQL, where servers share the jobs, it does
// nothing: a running job may belong to a live server, and the queue's
// rescuer runs a dead one's again after ten minutes.
func RequeueOrphans(ctx context.Context, e Engine) (int64, error) {
	if e.requeue == nil {
		return 0, nil
	}
	n, err := e.requeue(ctx)
	if err != nil {
		return 0, fmt.Errorf("requeue interrupted jobs: %w", err)
	}
	return n, nil
}

// Queue inserts and runs jobs.
type Queue struct {
	client    client
	analyzer  *analyzeWorker
	sweeper   *sweepWorker
	purger    *purgeWorker
	processor *processWorker
	// supportCalls applies changed support-call rules to processed meetings.
	supportCalls *supportCallsWorker
	deliverer    *deliverWorker
	backfiller   *backfillWorker
	workers      int
	grace        time.Duration
}

// Migrate creates or updates the queue's own tables (River's migrations)
// in the engine's database.
func Migrate(ctx context.Context, e Engine) error { return e.migrate(ctx) }

// MigrationPending reports whether Migrate has anything to apply.
func MigrationPending(ctx context.Context, e Engine) (bool, error) { return e.pending(ctx) }

// How many default polls one poll of the delivery and backfill queues is.
const (
	deliveryPolls = 4
	backfillPolls = 20
)

// New builds a queue on the engine. Call SetAnalyzer, SetPurger and
// SetMeetings before Start.
func New(e Engine, cfg Config) (*Queue, error) {
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 50 * time.Millisecond
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 10
	}
	if cfg.AnalysisSweep <= 0 {
		cfg.AnalysisSweep = time.Minute
	}
	if cfg.StopGrace <= 0 {
		cfg.StopGrace = 2 * time.Second
	}
	if cfg.BackfillSlice <= 0 || cfg.BackfillSlice > backfillSlice {
		cfg.BackfillSlice = backfillSlice
	}
	if cfg.PauseRetry <= 0 {
		cfg.PauseRetry = 5 * time.Second
	}
	g := gate{pause: cfg.Pause, retry: cfg.PauseRetry}
	q := &Queue{analyzer: &analyzeWorker{logger: cfg.Logger, gate: g}, sweeper: &sweepWorker{gate: g}, purger: &purgeWorker{},
		processor: &processWorker{gate: g}, supportCalls: &supportCallsWorker{gate: g},
		deliverer: &deliverWorker{}, backfiller: &backfillWorker{gate: g, slice: cfg.BackfillSlice, logger: cfg.Logger},
		workers: cfg.Workers, grace: cfg.StopGrace}
	rc := &river.Config{
		Logger:      quietLogger(cfg.Logger, cfg.Failing),
		MaxAttempts: cfg.MaxAttempts,
		JobTimeout:  jobTimeout,
		// A job left running by a process that died (SIGKILL, power
		// loss) is run again after this; River's default, an hour, would
		// hold a tenant's analysis or a meeting's processing that long.
		// It exceeds the longest a live job runs (jobTimeout cancels it),
		// so a live job is never run twice at once. On SQLite a server
		// requeues such jobs at start already (RequeueOrphans).
		RescueStuckJobsAfter: rescueAfter,
		// Completed jobs are only history; keep a day of it.
		CompletedJobRetentionPeriod: 24 * time.Hour,
	}
	if cfg.Workers > 0 {
		workers := river.NewWorkers()
		river.AddWorker(workers, q.analyzer)
		river.AddWorker(workers, q.purger)
		river.AddWorker(workers, q.sweeper)
		river.AddWorker(workers, q.processor)
		river.AddWorker(workers, q.supportCalls)
		river.AddWorker(workers, q.deliverer)
		river.AddWorker(workers, q.backfiller)
		rc.Workers = workers
		// Deliveries wait on the network, not the CPU, and must not queue
		// behind analysis: they have a queue and workers of their own.
		//
		// Each empty poll is a write transaction (about 0.6 ms of processor
		// time on SQLite: its connections keep River's statements
		// prepared, but SQLite plans the poll again at every run), so
		// only the default queue, whose jobs are enqueued inside the
		// writes that need them and are waited for, polls at PollInterval. A
		// delivery may wait a few polls more (its target is a second); a
		// backfill is enqueued outside a transaction, which wakes its
		// queue at once, and runs for minutes.
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers},
			QueueDelivery: {MaxWorkers: deliveryWorkers, FetchPollInterval: deliveryPolls * cfg.PollInterval},
			QueueBackfill: {MaxWorkers: 1, FetchPollInterval: backfillPolls * cfg.PollInterval}}
		rc.FetchPollInterval = cfg.PollInterval
		rc.FetchCooldown = cfg.PollInterval / 2
		rc.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return PurgeArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(cfg.AnalysisSweep),
				func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil }, nil)}
	}
	c, err := e.client(rc)
	if err != nil {
		return nil, fmt.Errorf("job queue on %s: %w", e.name, err)
	}
	q.client = c
	return q, nil
}

// SetAnalyzer sets what analysis jobs call.
func (q *Queue) SetAnalyzer(a Analyzer) { q.analyzer.analyzer, q.sweeper.analyzer = a, a }

// SetPurger sets what purge jobs call.
func (q *Queue) SetPurger(p Purger) { q.purger.purger = p }

// Start starts the workers; an insert-only queue does nothing.
func (q *Queue) Start(ctx context.Context) error {
	if q.workers == 0 {
		return nil
	}
	return q.client.Start(ctx)
}

// Stop waits for running jobs to finish, for StopGrace or up to ctx's
// deadline if sooner, after which it cancels them (they are retried, and
// the next start enqueues every tenant with conversations waiting).
func (q *Queue) Stop(ctx context.Context) error {
	if q.workers == 0 {
		return nil
	}
	soft, cancel := context.WithTimeout(ctx, q.grace)
	defer cancel()
	if err := q.client.Stop(soft); err != nil {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		return q.client.StopAndCancel(cctx)
	}
	return nil
}

// EnqueueAnalysisTx inserts an analysis job for the tenant in tx.
func (q *Queue) EnqueueAnalysisTx(ctx context.Context, tx store.Tx, tenantID int64) error {
	if err := q.client.insertTx(ctx, tx, AnalyzeArgs{TenantID: tenantID}); err != nil {
		return fmt.Errorf("enqueue analysis: %w", err)
	}
	return nil
}

// quietLogger keeps River's routine chatter out of the server log.
func quietLogger(l *slog.Logger, failing func() bool) *slog.Logger {
	return slog.New(levelFloor{orDefault(l).Handler(), slog.LevelWarn, failing})
}

type levelFloor struct {
	slog.Handler
	min     slog.Level
	failing func() bool
}

func (h levelFloor) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

// Handle drops what River reports of its own stopping: errors that are a
// cancelled context are how a graceful shutdown looks, not a failure.
func (h levelFloor) Handle(ctx context.Context, r slog.Record) error {
	if h.failing != nil && h.failing() {
		return nil
	}
	cancelled := false
	r.Attrs(func(a slog.Attr) bool {
		if err, ok := a.Value.Any().(error); ok && errors.Is(err, context.Canceled) {
			cancelled = true
		}
		// River passes some errors as their text.
		if a.Key == "error" && a.Value.Kind() == slog.KindString && a.Value.String() == context.Canceled.Error() {
			cancelled = true
		}
		return !cancelled
	})
	if cancelled {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

func (h levelFloor) WithAttrs(as []slog.Attr) slog.Handler {
	return levelFloor{h.Handler.WithAttrs(as), h.min, h.failing}
}

func (h levelFloor) WithGroup(name string) slog.Handler {
	return levelFloor{h.Handler.WithGroup(name), h.min, h.failing}
}
