package postgres

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// A delivery is one message for one URL; each try of it is a row of
// delivery_attempts, and the delivery row keeps the outcome of the last.

const deliveryColumns = `id, tenant_id, user_id, kind, webhook_id, meeting_id, url, secret, message_id, body, status,
attempts, last_status, last_error, created_at, delivered_at`

func scanDelivery(row interface{ Scan(...any) error }) (*fathom.Delivery, error) {
	var d fathom.Delivery
	err := row.Scan(&d.ID, &d.TenantID, &d.UserID, &d.Kind, &d.WebhookID, &d.MeetingID, &d.URL, &d.Secret, &d.MessageID,
		&d.Body, &d.Status, &d.Attempts, &d.LastStatus, &d.LastError, &d.CreatedAt, &d.DeliveredAt)
	if err != nil {
		return nil, interpretError(err)
	}
	return &d, nil
}

// DeliveryGet inside a transaction locks the delivery: whoever reads it to
// record the next attempt holds it until the commit, so two servers
// working on one delivery (a retry and a redelivery) number their attempts
// one after the other instead of colliding.
func (q queries) DeliveryGet(ctx context.Context, tenantID, id int64) (*fathom.Delivery, error) {
	query := `SELECT ` + deliveryColumns + ` FROM deliveries WHERE id = $1 AND tenant_id = $2` + q.forUpdate()
	return scanDelivery(q.q.QueryRow(ctx, query, id, tenantID))
}

func (q queries) DeliveryList(ctx context.Context, webhookID string, beforeID int64, limit int) ([]*fathom.Delivery, error) {
	if beforeID <= 0 {
		beforeID = math.MaxInt64
	}
	rows, err := q.q.Query(ctx, `SELECT `+deliveryColumns+` FROM deliveries WHERE webhook_id = $1 AND id < $2
ORDER BY id DESC LIMIT $3`, webhookID, beforeID, limitOrAll(limit))
	if err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	defer rows.Close()
	var out []*fathom.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func (q queries) DeliveryAttemptList(ctx context.Context, deliveryID int64) ([]*fathom.DeliveryAttempt, error) {
	rows, err := q.q.Query(ctx, `SELECT attempt, at, status_code, error, duration_ms, response FROM delivery_attempts
WHERE delivery_id = $1 ORDER BY attempt`, deliveryID)
	if err != nil {
		return nil, fmt.Errorf("list delivery attempts: %w", err)
	}
	defer rows.Close()
	var out []*fathom.DeliveryAttempt
	for rows.Next() {
		a := &fathom.DeliveryAttempt{DeliveryID: deliveryID}
		var ms int64
		if err := rows.Scan(&a.Attempt, &a.At, &a.StatusCode, &a.Error, &ms, &a.Response); err != nil {
			return nil, err
		}
		a.Duration = time.Duration(ms) * time.Millisecond
		out = append(out, a)
	}
	return out, rows.Err()
}

func (t *tx) DeliveryCreate(ctx context.Context, d *fathom.Delivery) error {
	status := d.Status
	if status == "" {
		status = fathom.DeliveryPending
	}
	body := d.Body
	if body == nil {
		body = []byte{} // body is NOT NULL
	}
	err := t.q.QueryRow(ctx, `INSERT INTO deliveries (tenant_id, user_id, kind, webhook_id, meeting_id, url, secret,
message_id, body, status, attempts, last_status, last_error, created_at, delivered_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`, d.TenantID, d.UserID, d.Kind,
		d.WebhookID, d.MeetingID, d.URL, d.Secret, d.MessageID, body, status, d.Attempts, d.LastStatus, d.LastError,
		d.CreatedAt, d.DeliveredAt).Scan(&d.ID)
	if err != nil {
		return fmt.Errorf("create delivery: %w", interpretError(err))
	}
	d.Status = status
	return nil
}

func (t *tx) DeliveryRecord(ctx context.Context, a *fathom.DeliveryAttempt, status string) error {
	_, err := t.q.Exec(ctx, `INSERT INTO delivery_attempts (delivery_id, attempt, at, status_code, error, duration_ms, response)
VALUES ($1, $2, $3, $4, $5, $6, $7)`, a.DeliveryID, a.Attempt, a.At, a.StatusCode, a.Error, a.Duration.Milliseconds(), a.Response)
	if err != nil {
		return fmt.Errorf("record delivery attempt: %w", interpretError(err))
	}
	tag, err := t.q.Exec(ctx, `UPDATE deliveries SET attempts = $1, last_status = $2, last_error = $3, status = $4,
delivered_at = CASE WHEN $4 = $5 THEN coalesce(delivered_at, $6) ELSE delivered_at END WHERE id = $7`,
		a.Attempt, a.StatusCode, a.Error, status, fathom.DeliveryDelivered, a.At, a.DeliveryID)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("record delivery %d: %w", a.DeliveryID, err)
	}
	return nil
}
