package job

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

// AnalyzeArgs asks for a tenant's changed conversations to be analysed.
type AnalyzeArgs struct {
	TenantID int64 `json:"tenant_id"`
}

// Kind names the job in the queue's table.
func (AnalyzeArgs) Kind() string { return "analyze_tenant" }

type analyzeWorker struct {
	river.WorkerDefaults[AnalyzeArgs]
	gate
	analyzer Analyzer
	logger   *slog.Logger
}

func (w *analyzeWorker) Work(ctx context.Context, j *river.Job[AnalyzeArgs]) error {
	if w.analyzer == nil {
		return errors.New("no analyzer configured")
	}
	if err := w.wait(); err != nil {
		return err
	}
	err := w.analyzer.AnalyzeTenant(ctx, j.Args.TenantID)
	// Another server is analysing the tenant (servers sharing a
	// database): try again once it may be done, without counting a
	// failure.
	var busy interface{ RetryAfter() time.Duration }
	if errors.As(err, &busy) {
		return river.JobSnooze(busy.RetryAfter())
	}
	if err != nil && j.Attempt >= j.MaxAttempts {
		// River discards the job now; the tenant's pending flag would
		// stay set and no write would enqueue another.
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if aerr := w.analyzer.AnalysisAbandoned(actx, j.Args.TenantID); aerr != nil {
			w.log().Error("analysis job discarded; the periodic sweep will enqueue another", "tenant", j.Args.TenantID, "err", aerr)
		}
	}
	return err
}

func (w *analyzeWorker) log() *slog.Logger { return orDefault(w.logger) }

// orDefault is l, or the default logger when l is nil.
func orDefault(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.Default()
	}
	return l
}

// SweepArgs asks that every tenant with conversations waiting for
// analysis have an analysis job.
type SweepArgs struct{}

// Kind names the job in the queue's table.
func (SweepArgs) Kind() string { return "analysis_sweep" }

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	gate
	analyzer Analyzer
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	if w.analyzer == nil {
		return errors.New("no analyzer configured")
	}
	if err := w.wait(); err != nil {
		return err
	}
	return w.analyzer.AnalysisResume(ctx)
}

// PurgeArgs asks for expired records to be deleted.
type PurgeArgs struct{}

// Kind names the job in the queue's table.
func (PurgeArgs) Kind() string { return "purge" }

type purgeWorker struct {
	river.WorkerDefaults[PurgeArgs]
	purger Purger
}

func (w *purgeWorker) Work(ctx context.Context, _ *river.Job[PurgeArgs]) error {
	if w.purger == nil {
		return errors.New("no purger configured")
	}
	return w.purger.Purge(ctx)
}

// gate holds back heavy background work while the server is short of
// storage (Config.Pause).
type gate struct {
	pause func() error
	retry time.Duration
}

// wait returns a snooze (River runs the job again after retry, without
// counting an attempt) while the pause holds, and nil when work may go on.
func (g gate) wait() error {
	if g.pause == nil || g.pause() == nil {
		return nil
	}
	return river.JobSnooze(g.retry)
}
