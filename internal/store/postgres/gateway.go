package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
)

// Gateway connections. Secret columns hold ciphertext made by the gateway
// service; this file moves bytes and never sees a plaintext token. An empty
// state hash is stored as NULL so that the UNIQUE index allows many. rowid
// keeps the insertion order, as SQLite's implicit rowid does.

const connectionColumns = `id, tenant_id, user_id, app, method, status, session_hash, state_hash, session_sealed,
verifier_sealed, access_sealed, refresh_sealed, expires_at, metadata, created_at, updated_at`

func scanConnection(row interface{ Scan(...any) error }) (*store.ConnectionRow, error) {
	var c store.ConnectionRow
	var state *string
	var expires *time.Time
	var metadata string
	err := row.Scan(&c.ID, &c.TenantID, &c.UserID, &c.App, &c.Method, &c.Status, &c.SessionHash, &state,
		&c.Sealed.SessionToken, &c.Sealed.Verifier, &c.Sealed.AccessToken, &c.Sealed.RefreshToken, &expires,
		&metadata, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return nil, interpretError(err)
	}
	if state != nil {
		c.StateHash = *state
	}
	if expires != nil {
		c.ExpiresAt = *expires
	}
	if err := json.Unmarshal([]byte(metadata), &c.Metadata); err != nil {
		return nil, fmt.Errorf("connection %s metadata: %w", c.ID, err)
	}
	if c.Metadata == nil {
		c.Metadata = map[string]string{}
	}
	return &c, nil
}

// ConnectionGet inside a transaction locks the connection: the gateway
// reads it again there before storing a refreshed token, and of two
// servers refreshing one connection at once the second must see the
// first's token (and use it) rather than overwrite it with its own.
func (q queries) ConnectionGet(ctx context.Context, tenantID, userID int64, id string) (*store.ConnectionRow, error) {
	query := `SELECT ` + connectionColumns + ` FROM gateway_connections WHERE id = $1 AND tenant_id = $2 AND user_id = $3` +
		q.forUpdate()
	return scanConnection(q.q.QueryRow(ctx, query, id, tenantID, userID))
}

func (q queries) ConnectionGetBySession(ctx context.Context, sessionHash string) (*store.ConnectionRow, error) {
	return scanConnection(q.q.QueryRow(ctx, `SELECT `+connectionColumns+` FROM gateway_connections
WHERE session_hash = $1`, sessionHash))
}

func (q queries) ConnectionGetByState(ctx context.Context, stateHash string) (*store.ConnectionRow, error) {
	if stateHash == "" {
		return nil, store.ErrNotFound
	}
	return scanConnection(q.q.QueryRow(ctx, `SELECT `+connectionColumns+` FROM gateway_connections
WHERE state_hash = $1`, stateHash))
}

func (q queries) ConnectionList(ctx context.Context, p *store.ConnectionListParams) ([]*store.ConnectionRow, error) {
	args := argList{p.TenantID, p.UserID}
	query := `SELECT ` + connectionColumns + ` FROM gateway_connections WHERE tenant_id = $1 AND user_id = $2`
	if p.App != "" {
		query += ` AND app = ` + args.add(p.App)
	}
	if p.Status != "" {
		query += ` AND status = ` + args.add(p.Status)
	}
	rows, err := q.q.Query(ctx, query+` ORDER BY created_at, rowid`, args...)
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
	_, err = t.q.Exec(ctx, `INSERT INTO gateway_connections (`+connectionColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		c.ID, c.TenantID, c.UserID, c.App, c.Method, c.Status, c.SessionHash, nullString(c.StateHash),
		c.Sealed.SessionToken, c.Sealed.Verifier, c.Sealed.AccessToken, c.Sealed.RefreshToken, nullTime(c.ExpiresAt),
		metadata, c.CreatedAt, c.UpdatedAt)
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
	tag, err := t.q.Exec(ctx, `UPDATE gateway_connections SET status = $1, state_hash = $2, verifier_sealed = $3,
access_sealed = $4, refresh_sealed = $5, expires_at = $6, metadata = $7, updated_at = $8 WHERE id = $9`,
		c.Status, nullString(c.StateHash), c.Sealed.Verifier, c.Sealed.AccessToken, c.Sealed.RefreshToken,
		nullTime(c.ExpiresAt), metadata, c.UpdatedAt, c.ID)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("update connection %s: %w", c.ID, err)
	}
	return nil
}

func (t *tx) ConnectionDelete(ctx context.Context, tenantID, userID int64, id string) error {
	tag, err := t.q.Exec(ctx, `DELETE FROM gateway_connections WHERE id = $1 AND tenant_id = $2 AND user_id = $3`,
		id, tenantID, userID)
	if err := oneRow(tag, err); err != nil {
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
func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
