package sqlite

import (
	"context"
	"database/sql"
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
	var created string
	var delivered sql.NullString
	err := row.Scan(&d.ID, &d.TenantID, &d.UserID, &d.Kind, &d.WebhookID, &d.MeetingID, &d.URL, &d.Secret, &d.MessageID,
		&d.Body, &d.Status, &d.Attempts, &d.LastStatus, &d.LastError, &created, &delivered)
	if err != nil {
		return nil, interpretError(err)
	}
	d.CreatedAt, d.DeliveredAt = parseTime(created), parseTimePtr(delivered)
	return &d, nil
}

func (q queries) DeliveryGet(ctx context.Context, tenantID, id int64) (*fathom.Delivery, error) {
	return scanDelivery(q.db.QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM deliveries WHERE id = ? AND tenant_id = ?`, id, tenantID))
}

func (q queries) DeliveryList(ctx context.Context, webhookID string, beforeID int64, limit int) ([]*fathom.Delivery, error) {
	if beforeID <= 0 {
		beforeID = math.MaxInt64
	}
	rows, err := q.db.QueryContext(ctx, `SELECT `+deliveryColumns+` FROM deliveries WHERE webhook_id = ? AND id < ?
ORDER BY id DESC LIMIT ?`, webhookID, beforeID, sqlLimit(limit))
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
	rows, err := q.db.QueryContext(ctx, `SELECT attempt, at, status_code, error, duration_ms, response FROM delivery_attempts
WHERE delivery_id = ? ORDER BY attempt`, deliveryID)
	if err != nil {
		return nil, fmt.Errorf("list delivery attempts: %w", err)
	}
	defer rows.Close()
	var out []*fathom.DeliveryAttempt
	for rows.Next() {
		a := &fathom.DeliveryAttempt{DeliveryID: deliveryID}
		var at string
		var ms int64
		if err := rows.Scan(&a.Attempt, &at, &a.StatusCode, &a.Error, &ms, &a.Response); err != nil {
			return nil, err
		}
		a.At, a.Duration = parseTime(at), time.Duration(ms)*time.Millisecond
		out = append(out, a)
	}
	return out, rows.Err()
}

func (t *tx) DeliveryCreate(ctx context.Context, d *fathom.Delivery) error {
	status := d.Status
	if status == "" {
		status = fathom.DeliveryPending
	}
	var delivered any
	if d.DeliveredAt != nil {
		delivered = formatTime(*d.DeliveredAt)
	}
	body := d.Body
	if body == nil {
		body = []byte{} // body is NOT NULL
	}
	res, err := t.db.ExecContext(ctx, `INSERT INTO deliveries (tenant_id, user_id, kind, webhook_id, meeting_id, url, secret,
message_id, body, status, attempts, last_status, last_error, created_at, delivered_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.TenantID, d.UserID, d.Kind, d.WebhookID, d.MeetingID, d.URL,
		d.Secret, d.MessageID, body, status, d.Attempts, d.LastStatus, d.LastError, formatTime(d.CreatedAt), delivered)
	if err != nil {
		return fmt.Errorf("create delivery: %w", interpretError(err))
	}
	d.ID, _ = res.LastInsertId()
	d.Status = status
	return nil
}

func (t *tx) DeliveryRecord(ctx context.Context, a *fathom.DeliveryAttempt, status string) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO delivery_attempts (delivery_id, attempt, at, status_code, error, duration_ms, response)
VALUES (?, ?, ?, ?, ?, ?, ?)`, a.DeliveryID, a.Attempt, formatTime(a.At), a.StatusCode, a.Error, a.Duration.Milliseconds(), a.Response)
	if err != nil {
		return fmt.Errorf("record delivery attempt: %w", interpretError(err))
	}
	err = execOne(ctx, t.db, `UPDATE deliveries SET attempts = ?, last_status = ?, last_error = ?, status = ?,
delivered_at = CASE WHEN ? = ? THEN coalesce(delivered_at, ?) ELSE delivered_at END WHERE id = ?`,
		a.Attempt, a.StatusCode, a.Error, status, status, fathom.DeliveryDelivered, formatTime(a.At), a.DeliveryID)
	if err != nil {
		return fmt.Errorf("record delivery %d: %w", a.DeliveryID, err)
	}
	return nil
}
