package job

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// Meetings processes recordings and delivers webhooks and callbacks.
type Meetings interface {
	Process(ctx context.Context, tenantID, meetingID int64) error
	Deliver(ctx context.Context, p meeting.DeliverParams) error
	ApplySupportCallRules(ctx context.Context, tenantID, afterID int64) error
}

// ProcessArgs asks for a recording to be processed.
type ProcessArgs struct {
	TenantID  int64 `json:"tenant_id"`
	MeetingID int64 `json:"meeting_id"`
}

// Kind names the job in the queue's table.
func (ProcessArgs) Kind() string { return "process_meeting" }

type processWorker struct {
	river.WorkerDefaults[ProcessArgs]
	gate
	meetings Meetings
}

func (w *processWorker) Work(ctx context.Context, j *river.Job[ProcessArgs]) error {
	if w.meetings == nil {
		return errors.New("no meeting service configured")
	}
	if err := w.wait(); err != nil {
		return err
	}
	return w.meetings.Process(ctx, j.Args.TenantID, j.Args.MeetingID)
}

// SupportCallsArgs asks for a tenant's support-call rules to be applied
// to the meetings processed before they were set.
type SupportCallsArgs struct {
	TenantID int64 `json:"tenant_id"`
	AfterID  int64 `json:"after_id,omitempty"` // the meetings above this id
}

// Kind names the job in the queue's table.
func (SupportCallsArgs) Kind() string { return "apply_support_call_rules" }

type supportCallsWorker struct {
	river.WorkerDefaults[SupportCallsArgs]
	gate
	meetings Meetings
}

func (w *supportCallsWorker) Work(ctx context.Context, j *river.Job[SupportCallsArgs]) error {
	if w.meetings == nil {
		return errors.New("no meeting service configured")
	}
	if err := w.wait(); err != nil {
		return err
	}
	return w.meetings.ApplySupportCallRules(ctx, j.Args.TenantID, j.Args.AfterID)
}

// DeliverArgs asks for a delivery to be attempted.
type DeliverArgs struct {
	TenantID   int64 `json:"tenant_id"`
	DeliveryID int64 `json:"delivery_id"`
	Redeliver  bool  `json:"redeliver,omitempty"`
}

// Kind names the job in the queue's table.
func (DeliverArgs) Kind() string { return "deliver" }

// QueueDelivery is the queue deliveries run in, with deliveryWorkers.
const (
	QueueDelivery   = "delivery"
	deliveryWorkers = 8
)

// InsertOpts give deliveries their queue and as many attempts as the retry
// schedule has.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDelivery, MaxAttempts: webhook.MaxAttempts}
}

type deliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	meetings Meetings
}

func (w *deliverWorker) Work(ctx context.Context, j *river.Job[DeliverArgs]) error {
	if w.meetings == nil {
		return errors.New("no meeting service configured")
	}
	return w.meetings.Deliver(ctx, meeting.DeliverParams{TenantID: j.Args.TenantID, DeliveryID: j.Args.DeliveryID,
		Redeliver: j.Args.Redeliver, Attempt: j.Attempt})
}

// NextRetry follows the delivery schedule instead of River's default.
func (w *deliverWorker) NextRetry(j *river.Job[DeliverArgs]) time.Time {
	d, _ := webhook.RetryDelay(j.Attempt + 1)
	return time.Now().Add(d)
}

// Timeout leaves room for the sender's own 15 s limit.
func (w *deliverWorker) Timeout(*river.Job[DeliverArgs]) time.Duration { return 30 * time.Second }

// SetMeetings sets what meeting jobs call.
func (q *Queue) SetMeetings(m Meetings) {
	q.processor.meetings = m
	q.deliverer.meetings = m
	q.supportCalls.meetings = m
}

// EnqueueProcessTx inserts a processing job for a recording in tx.
func (q *Queue) EnqueueProcessTx(ctx context.Context, tx store.Tx, tenantID, meetingID int64) error {
	if err := q.client.insertTx(ctx, tx, ProcessArgs{TenantID: tenantID, MeetingID: meetingID}); err != nil {
		return fmt.Errorf("enqueue processing: %w", err)
	}
	return nil
}

// EnqueueDeliveryTx inserts a delivery job in tx.
func (q *Queue) EnqueueDeliveryTx(ctx context.Context, tx store.Tx, tenantID, deliveryID int64, redeliver bool) error {
	args := DeliverArgs{TenantID: tenantID, DeliveryID: deliveryID, Redeliver: redeliver}
	if err := q.client.insertTx(ctx, tx, args); err != nil {
		return fmt.Errorf("enqueue delivery: %w", err)
	}
	return nil
}

// EnqueueSupportCallsTx inserts, in tx, a job applying the tenant's
// support-call rules to its processed meetings above afterID.
func (q *Queue) EnqueueSupportCallsTx(ctx context.Context, tx store.Tx, tenantID, afterID int64) error {
	if err := q.client.insertTx(ctx, tx, SupportCallsArgs{TenantID: tenantID, AfterID: afterID}); err != nil {
		return fmt.Errorf("enqueue support-call rules: %w", err)
	}
	return nil
}
