package meeting

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// ErrRetry is returned, wrapped, by Deliver when an attempt failed and
// another is due; the job queue schedules it with webhook.RetryDelay.
var ErrRetry = errors.New("delivery attempt failed")

// DeliverParams name a delivery job's attempt.
type DeliverParams struct {
	TenantID   int64
	DeliveryID int64
	// Redeliver starts a new series of attempts on a logged delivery,
	// whatever became of it.
	Redeliver bool
	// Attempt is the job's attempt number, from 1: its place in the
	// series, which decides whether another attempt follows a failure.
	Attempt int
}

// Deliver makes one attempt of a delivery and logs it. A delivery already
// acknowledged or given up is left alone unless this is the first attempt
// of a redelivery.
func (s *Service) Deliver(ctx context.Context, p DeliverParams) error {
	d, err := s.store.DeliveryGet(ctx, p.TenantID, p.DeliveryID)
	if err != nil {
		return fmt.Errorf("delivery %d: %w", p.DeliveryID, err)
	}
	if d.Status != fathom.DeliveryPending && !(p.Redeliver && p.Attempt == 1) {
		return nil
	}
	start := s.now()
	res := s.sender.Send(ctx, webhook.Request{URL: d.URL, Secret: d.Secret, MessageID: d.MessageID, Body: d.Body})
	a := &fathom.DeliveryAttempt{DeliveryID: d.ID, Attempt: d.Attempts + 1, At: start, StatusCode: res.StatusCode,
		Duration: res.Duration, Response: res.ResponseSnippet}
	status := fathom.DeliveryDelivered
	if res.Err != nil {
		a.Error = res.Err.Error()
		status = fathom.DeliveryFailed
		if _, more := webhook.RetryDelay(p.Attempt + 1); more && !permanent(res.Err) {
			status = fathom.DeliveryPending
		}
	}
	err = s.store.Write(ctx, func(tx store.Tx) error {
		// Another server may have tried the delivery meanwhile (a retry
		// beside a redelivery): the read holds the delivery, and this
		// attempt is numbered after every one logged.
		cur, err := tx.DeliveryGet(ctx, p.TenantID, d.ID)
		if err != nil {
			return err
		}
		a.Attempt = cur.Attempts + 1
		return tx.DeliveryRecord(ctx, a, status)
	})
	if err != nil {
		return err
	}
	s.logger.Info("delivery attempt", "delivery", d.ID, "kind", d.Kind, "webhook", d.WebhookID, "attempt", a.Attempt,
		"status", res.StatusCode, "result", status, "duration", res.Duration.Round(time.Millisecond), "err", a.Error)
	if status == fathom.DeliveryPending {
		return fmt.Errorf("%w: %s", ErrRetry, a.Error)
	}
	return nil
}

// permanent reports a failure that no retry can mend: a body, secret or
// id the receiver could never verify, or a target the guard refuses.
func permanent(err error) bool {
	for _, e := range []error{webhook.ErrInvalidPayload, webhook.ErrBadSecret, webhook.ErrBadMessageID,
		webhook.ErrInvalidURL, webhook.ErrPrivateAddress} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
