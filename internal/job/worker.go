package job

import (
	"context"
	"errors"
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
	analyzer Analyzer
}

func (w *analyzeWorker) Work(ctx context.Context, j *river.Job[AnalyzeArgs]) error {
	if w.analyzer == nil {
		return errors.New("no analyzer configured")
	}
	err := w.analyzer.AnalyzeTenant(ctx, j.Args.TenantID)
	// Another server is analysing the tenant (servers sharing a
	// database): try again once it may be done, without counting a
	// failure.
	var busy interface{ RetryAfter() time.Duration }
	if errors.As(err, &busy) {
		return river.JobSnooze(busy.RetryAfter())
	}
	return err
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
