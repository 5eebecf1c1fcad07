package meeting

import (
	"context"
	"errors"
	"slices"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/webhook"
)

// WebhookParams describe a new webhook.
type WebhookParams struct {
	URL          string
	TriggeredFor []string
	Include      fathom.Include
}

// CreateWebhook subscribes the caller to new meetings. The returned
// webhook carries its secret, which is shown only here.
func (s *Service) CreateWebhook(ctx context.Context, c *Caller, p WebhookParams) (*fathom.Webhook, error) {
	if _, err := s.guard.CheckURL(p.URL); err != nil {
		return nil, fathom.Errorf(fathom.EINVALID, "destination_url %v", err)
	}
	if len(p.TriggeredFor) == 0 {
		return nil, fathom.Errorf(fathom.EINVALID, "triggered_for must name at least one of %v", fathom.Triggers)
	}
	var triggers []string
	for i, t := range p.TriggeredFor {
		if !slices.Contains(fathom.Triggers, t) {
			return nil, fathom.Errorf(fathom.EINVALID, "triggered_for[%d] must be one of %v, got %q", i, fathom.Triggers, t)
		}
		if !slices.Contains(triggers, t) {
			triggers = append(triggers, t)
		}
	}
	if !p.Include.Any() {
		return nil, fathom.Errorf(fathom.EINVALID,
			"at least one of include_transcript, include_summary, include_action_items, include_crm_matches must be true")
	}
	secret, err := webhook.NewSecret()
	if err != nil {
		return nil, err
	}
	w := &fathom.Webhook{ID: webhook.NewID(), TenantID: c.TenantID, UserID: c.ID, URL: p.URL, Secret: secret,
		Include: p.Include, TriggeredFor: triggers, CreatedAt: s.now().UTC().Truncate(1e9)}
	return w, s.store.Write(ctx, func(tx store.Tx) error { return tx.WebhookCreate(ctx, w) })
}

// DeleteWebhook stops a webhook of the caller.
func (s *Service) DeleteWebhook(ctx context.Context, c *Caller, id string) error {
	err := s.store.Write(ctx, func(tx store.Tx) error { return tx.WebhookDelete(ctx, c.TenantID, c.ID, id, s.now()) })
	if errors.Is(err, store.ErrNotFound) {
		return fathom.Errorf(fathom.ENOTFOUND, "no webhook %q", id)
	}
	return err
}

// Webhooks lists the caller's webhooks (our extension).
func (s *Service) Webhooks(ctx context.Context, c *Caller) ([]*fathom.Webhook, error) {
	return s.store.WebhookList(ctx, c.TenantID, c.ID)
}

// webhook returns a live webhook of the caller.
func (s *Service) webhook(ctx context.Context, c *Caller, id string) (*fathom.Webhook, error) {
	w, err := s.store.WebhookGet(ctx, c.TenantID, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && w.UserID != c.ID) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "no webhook %q", id)
	}
	return w, err
}

// Deliveries is a page of a webhook's delivery log, newest first, with
// each delivery's attempts (our extension).
func (s *Service) Deliveries(ctx context.Context, c *Caller, webhookID string, beforeID int64, limit int) ([]*DeliveryLog, error) {
	if _, err := s.webhook(ctx, c, webhookID); err != nil {
		return nil, err
	}
	ds, err := s.store.DeliveryList(ctx, webhookID, beforeID, limit)
	if err != nil {
		return nil, err
	}
	out := make([]*DeliveryLog, 0, len(ds))
	for _, d := range ds {
		as, err := s.store.DeliveryAttemptList(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, &DeliveryLog{Delivery: d, Attempts: as})
	}
	return out, nil
}

// DeliveryLog is a delivery with its attempts.
type DeliveryLog struct {
	*fathom.Delivery
	Attempts []*fathom.DeliveryAttempt
}

// Redeliver sends a logged delivery again, with the same message id and
// body, whatever became of it (our extension).
func (s *Service) Redeliver(ctx context.Context, c *Caller, webhookID string, deliveryID int64) (*fathom.Delivery, error) {
	if _, err := s.webhook(ctx, c, webhookID); err != nil {
		return nil, err
	}
	d, err := s.store.DeliveryGet(ctx, c.TenantID, deliveryID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && d.WebhookID != webhookID) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "no delivery %d of webhook %q", deliveryID, webhookID)
	}
	if err != nil {
		return nil, err
	}
	return d, s.store.Write(ctx, func(tx store.Tx) error {
		return s.queue.EnqueueDeliveryTx(ctx, tx, d.TenantID, d.ID, true)
	})
}

// Callback kinds.
const (
	CallbackSummary    = "summary"
	CallbackTranscript = "transcript"
)

// Callback queues the asynchronous delivery of a recording's summary or
// transcript to url, signed with the caller's callback secret.
func (s *Service) Callback(ctx context.Context, c *Caller, meetingID int64, kind, url string) error {
	if _, err := s.guard.CheckURL(url); err != nil {
		return fathom.Errorf(fathom.EINVALID, "destination_url %v", err)
	}
	m, err := s.get(ctx, c, meetingID)
	if err != nil {
		return err
	}
	var body []byte
	if kind == CallbackSummary {
		body, err = s.renderer.SummaryBody(m.ID, m.Summary)
	} else {
		var items []fathom.TranscriptItem
		if items, _, err = s.store.MeetingContent(ctx, m.ID); err == nil {
			body, err = s.renderer.TranscriptBody(m.ID, items)
		}
	}
	if err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx store.Tx) error {
		secret, err := s.callbackSecret(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		d := &fathom.Delivery{TenantID: c.TenantID, UserID: c.ID, Kind: fathom.DeliveryCallback, MeetingID: m.ID,
			URL: url, Secret: secret, MessageID: webhook.NewMessageID(), Body: body, Status: fathom.DeliveryPending,
			CreatedAt: s.now()}
		if err := tx.DeliveryCreate(ctx, d); err != nil {
			return err
		}
		return s.queue.EnqueueDeliveryTx(ctx, tx, d.TenantID, d.ID, false)
	})
}

// CallbackSecret returns the secret that signs the caller's callbacks,
// made on first use (our extension).
func (s *Service) CallbackSecret(ctx context.Context, c *Caller) (string, error) {
	var secret string
	err := s.store.Write(ctx, func(tx store.Tx) (err error) {
		secret, err = s.callbackSecret(ctx, tx, c.ID)
		return err
	})
	return secret, err
}

func (s *Service) callbackSecret(ctx context.Context, tx store.Tx, userID int64) (string, error) {
	secret, err := tx.UserCallbackSecret(ctx, userID)
	if err != nil || secret != "" {
		return secret, err
	}
	if secret, err = webhook.NewSecret(); err != nil {
		return "", err
	}
	return secret, tx.UserSetCallbackSecret(ctx, userID, secret)
}
