package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/fathom-oss/fathom/internal/store"
)

// Gateway connections. Secret columns hold ciphertext made by the gateway
// service; this file moves bytes and never sees a plaintext token. An empty
// state hash is stored as NULL so that the UNIQUE index allows many.

const connectionColumns = `id, tenant_id, user_id, app, method, status, session_hash, state_hash, session_sealed,
verifier_sealed, access_sealed, refresh_sealed, expires_at, metadata, created_at, updated_at`

func scanConnection(row interface{ Scan(...any) error }) (*store.ConnectionRow, error) {
	var c store.ConnectionRow
	var state, expires sql.NullString
	var metadata, created, updated string
	err := row.Scan(&c.ID, &c.TenantID, &c.UserID, &c.App, &c.Method, &c.Status, &c.SessionHash, &state,
		&c.Sealed.SessionToken, &c.Sealed.Verifier, &c.Sealed.AccessToken, &c.Sealed.RefreshToken, &expires,
		&metadata, &created, &updated)
	if err != nil {
		return nil, interpretError(err)
	}
	c.StateHash = state.String
	if expires.Valid {
		c.ExpiresAt = parseTime(expires.String)
	}
	if err := json.Unmarshal([]byte(metadata), &c.Metadata); err != nil {
		return nil, fmt.Errorf("connection %s metadata: %w", c.ID, err)
	}
	if c.Metadata == nil {
		c.Metadata = map[string]string{}
	}
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return &c, nil
}

func (q queries) ConnectionGet(ctx context.Context, tenantID, userID int64, id string) (*store.ConnectionRow, error) {
	return scanConnection(q.db.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM gateway_connections
WHERE id = ? AND tenant_id = ? AND user_id = ?`, id, tenantID, userID))
}

func (q queries) ConnectionGetBySession(ctx context.Context, sessionHash string) (*store.ConnectionRow, error) {
	return scanConnection(q.db.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM gateway_connections
WHERE session_hash = ?`, sessionHash))
}

func (q queries) ConnectionGetByState(ctx context.Context, stateHash string) (*store.ConnectionRow, error) {
	if stateHash == "" {
		return nil, store.ErrNotFound
	}
	return scanConnection(q.db.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM gateway_connections
WHERE state_hash = ?`, stateHash))
}

func (q queries) ConnectionList(ctx context.Context, p *store.ConnectionListParams) ([]*store.ConnectionRow, error) {
	query := `SELECT ` + connectionColumns + ` FROM gateway_connections WHERE tenant_id = ? AND user_id = ?`
	args := []any{p.TenantID, p.UserID}
	if p.App != "" {
		query, args = query+` AND app = ?`, append(args, p.App)
	}
	if p.Status != "" {
		query, args = query+` AND status = ?`, append(args, p.Status)
	}
	rows, err := q.db.QueryContext(ctx, query+` ORDER BY created_at, rowid`, args...)
	if err != nil {
		return nil, fmt.Errorf("list connections: %w", err)
	}
	defer rows.Close()
	var out []*store.ConnectionRow
	for rows.Next() {
		c, err := scanConnection(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (t *tx) ConnectionCreate(ctx context.Context, c *store.ConnectionRow) error {
	metadata, err := marshalMetadata(c.Metadata)
	if err != nil {
		return err
	}
	_, err = t.db.ExecContext(ctx, `INSERT INTO gateway_connections (`+connectionColumns+`)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.TenantID, c.UserID, c.App, c.Method, c.Status, c.SessionHash, nullString(c.StateHash),
		c.Sealed.SessionToken, c.Sealed.Verifier, c.Sealed.AccessToken, c.Sealed.RefreshToken, nullTime(c.ExpiresAt),
		metadata, formatTime(c.CreatedAt), formatTime(c.UpdatedAt))
	if err != nil {
		return fmt.Errorf("create connection: %w", interpretError(err))
	}
	return nil
}

func (t *tx) ConnectionUpdate(ctx context.Context, c *store.ConnectionRow) error {
	metadata, err := marshalMetadata(c.Metadata)
	if err != nil {
		return err
	}
	err = execOne(ctx, t.db, `UPDATE gateway_connections SET status = ?, state_hash = ?, verifier_sealed = ?,
access_sealed = ?, refresh_sealed = ?, expires_at = ?, metadata = ?, updated_at = ? WHERE id = ?`,
		c.Status, nullString(c.StateHash), c.Sealed.Verifier, c.Sealed.AccessToken, c.Sealed.RefreshToken,
		nullTime(c.ExpiresAt), metadata, formatTime(c.UpdatedAt), c.ID)
	if err != nil {
		return fmt.Errorf("update connection %s: %w", c.ID, err)
	}
	return nil
}

func (t *tx) ConnectionDelete(ctx context.Context, tenantID, userID int64, id string) error {
	err := execOne(ctx, t.db, `DELETE FROM gateway_connections WHERE id = ? AND tenant_id = ? AND user_id = ?`,
		id, tenantID, userID)
	if err != nil {
		return fmt.Errorf("delete connection %s: %w", id, err)
	}
	return nil
}

func marshalMetadata(m map[string]string) (string, error) {
	if len(m) == 0 {
		return "{}", nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("connection metadata: %w", err)
	}
	return string(b), nil
}

// nullString stores "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
