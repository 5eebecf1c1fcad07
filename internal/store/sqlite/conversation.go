package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

const conversationColumns = `id, tenant_id, external_id, user_id, status, message_count, reopen_count,
resolution_notes, notes_generated, analyzed_count, version, created_at, updated_at, resolved_at`

func scanConversation(row interface{ Scan(...any) error }) (*fathom.Conversation, error) {
	var c fathom.Conversation
	var created, updated string
	var resolved sql.NullString
	err := row.Scan(&c.ID, &c.TenantID, &c.ExternalID, &c.UserID, &c.Status, &c.MessageCount, &c.ReopenCount,
		&c.ResolutionNotes, &c.NotesGenerated, &c.AnalyzedCount, &c.Version, &created, &updated, &resolved)
	if err != nil {
		return nil, interpretError(err)
	}
	c.CreatedAt, c.UpdatedAt, c.ResolvedAt = parseTime(created), parseTime(updated), parseTimePtr(resolved)
	return &c, nil
}

func (q queries) ConversationGetByExternalID(ctx context.Context, tenantID int64, externalID string) (*fathom.Conversation, error) {
	return scanConversation(q.db.QueryRowContext(ctx,
		`SELECT `+conversationColumns+` FROM conversations WHERE tenant_id = ? AND external_id = ?`, tenantID, externalID))
}

func (q queries) ConversationListByIDs(ctx context.Context, tenantID int64, ids []int64) ([]*fathom.Conversation, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(ids)+1)
	args = append(args, tenantID)
	for _, id := range ids {
		args = append(args, id)
	}
	marks := strings.Repeat(",?", len(ids))[1:]
	// The unary + keeps the planner from scanning the tenant's rows through
	// the (tenant_id, external_id) index: the ids are primary-key lookups.
	return q.listConversations(ctx, `SELECT `+conversationColumns+` FROM conversations WHERE +tenant_id = ? AND id IN (`+marks+`)`, args...)
}

func (q queries) ConversationListDirty(ctx context.Context, tenantID int64, limit int) ([]*fathom.Conversation, error) {
	return q.listConversations(ctx, `SELECT `+conversationColumns+` FROM conversations
WHERE tenant_id = ? AND dirty = 1 ORDER BY id LIMIT ?`, tenantID, limit)
}

func (q queries) ConversationCountDirty(ctx context.Context) (int, error) {
	var n int
	err := q.db.QueryRowContext(ctx, `SELECT count(*) FROM conversations WHERE dirty = 1`).Scan(&n)
	return n, err
}

func (q queries) listConversations(ctx context.Context, query string, args ...any) ([]*fathom.Conversation, error) {
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list conversations: %w", err)
	}
	defer rows.Close()
	var out []*fathom.Conversation
	for rows.Next() {
		c, err := scanConversation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (q queries) ConversationScan(ctx context.Context, p *store.ConversationScanParams, fn func(*fathom.Conversation, []fathom.Message) error) error {
	where, args := "id > ?", []any{p.AfterID}
	if p.TenantID != 0 {
		where, args = "tenant_id = ? AND id > ?", []any{p.TenantID, p.AfterID}
	}
	convs, err := q.listConversations(ctx, `SELECT `+conversationColumns+` FROM conversations WHERE `+where+` ORDER BY id LIMIT ?`,
		append(args, p.Limit)...)
	if err != nil || len(convs) == 0 {
		return err
	}
	rows, err := q.db.QueryContext(ctx, `SELECT conversation_id, seq, role, content, created_at FROM messages
WHERE conversation_id BETWEEN ? AND ? ORDER BY conversation_id, seq`, convs[0].ID, convs[len(convs)-1].ID)
	if err != nil {
		return fmt.Errorf("scan messages: %w", err)
	}
	defer rows.Close()
	byID := make(map[int64][]fathom.Message, len(convs))
	for rows.Next() {
		var convID int64
		var m fathom.Message
		var created string
		if err := rows.Scan(&convID, &m.Seq, &m.Role, &m.Content, &created); err != nil {
			return err
		}
		m.CreatedAt = parseTime(created)
		byID[convID] = append(byID[convID], m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range convs {
		if err := fn(c, byID[c.ID]); err != nil {
			return err
		}
	}
	return nil
}

// MessageListMany reads the messages of the conversations in one query
// whose ids come as one JSON array: one statement text, prepared once,
// whatever their number.
func (q queries) MessageListMany(ctx context.Context, ids []int64) (map[int64][]fathom.Message, error) {
	out := make(map[int64][]fathom.Message, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.db.QueryContext(ctx, `SELECT conversation_id, seq, role, content, created_at FROM messages
WHERE conversation_id IN (SELECT value FROM json_each(?)) ORDER BY conversation_id, seq`, jsonInts(ids))
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var convID int64
		var m fathom.Message
		var created string
		if err := rows.Scan(&convID, &m.Seq, &m.Role, &m.Content, &created); err != nil {
			return nil, fmt.Errorf("list messages: %w", err)
		}
		m.CreatedAt = parseTime(created)
		out[convID] = append(out[convID], m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	return out, nil
}

func (q queries) MessageList(ctx context.Context, conversationID int64, fromSeq, limit int) ([]fathom.Message, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := q.db.QueryContext(ctx, `SELECT seq, role, content, created_at FROM messages
WHERE conversation_id = ? AND seq >= ? ORDER BY seq LIMIT ?`, conversationID, fromSeq, limit)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	var out []fathom.Message
	for rows.Next() {
		var m fathom.Message
		var created string
		if err := rows.Scan(&m.Seq, &m.Role, &m.Content, &created); err != nil {
			return nil, err
		}
		m.CreatedAt = parseTime(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

func (t *tx) ConversationCreate(ctx context.Context, p *store.ConversationCreateParams) (*fathom.Conversation, error) {
	now := formatTime(p.CreatedAt)
	res, err := t.db.ExecContext(ctx, `INSERT INTO conversations (tenant_id, external_id, user_id, created_at, updated_at)
VALUES (?, ?, ?, ?, ?)`, p.TenantID, p.ExternalID, p.UserID, now, now)
	if err != nil {
		return nil, fmt.Errorf("create conversation: %w", interpretError(err))
	}
	id, _ := res.LastInsertId()
	return &fathom.Conversation{ID: id, TenantID: p.TenantID, ExternalID: p.ExternalID, UserID: p.UserID,
		Status: fathom.StatusOpen, Version: 1, CreatedAt: p.CreatedAt, UpdatedAt: p.CreatedAt}, nil
}

// ConversationUpdate writes every mutable field, bumps the version and
// marks the conversation for analysis.
func (t *tx) ConversationUpdate(ctx context.Context, c *fathom.Conversation) error {
	var resolved any
	if c.ResolvedAt != nil {
		resolved = formatTime(*c.ResolvedAt)
	}
	err := execOne(ctx, t.db, `UPDATE conversations SET user_id = ?, status = ?, message_count = ?, reopen_count = ?,
resolution_notes = ?, notes_generated = ?, updated_at = ?, resolved_at = ?, version = version + 1, dirty = 1 WHERE id = ?`,
		c.UserID, c.Status, c.MessageCount, c.ReopenCount, c.ResolutionNotes, c.NotesGenerated, formatTime(c.UpdatedAt), resolved, c.ID)
	if err != nil {
		return fmt.Errorf("update conversation: %w", err)
	}
	c.Version++
	return nil
}

func (t *tx) ConversationMarkAnalyzed(ctx context.Context, conversationID, version int64, analyzedCount int) (bool, error) {
	res, err := t.db.ExecContext(ctx, `UPDATE conversations SET dirty = 0, analyzed_count = ? WHERE id = ? AND version = ?`,
		analyzedCount, conversationID, version)
	if err != nil {
		return false, fmt.Errorf("mark analyzed: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ConversationMarkAnalyzedMany marks one by one, each with the prepared
// update, inside the caller's transaction (no round trips in SQLite).
func (t *tx) ConversationMarkAnalyzedMany(ctx context.Context, marks []store.AnalyzedMark) ([]bool, error) {
	current := make([]bool, len(marks))
	for i, m := range marks {
		ok, err := t.ConversationMarkAnalyzed(ctx, m.ConversationID, m.Version, m.AnalyzedCount)
		if err != nil {
			return nil, err
		}
		current[i] = ok
	}
	return current, nil
}

func (t *tx) ConversationMarkDirty(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		if _, err := t.db.ExecContext(ctx, `UPDATE conversations SET dirty = 1, version = version + 1 WHERE id = ?`, id); err != nil {
			return fmt.Errorf("mark dirty: %w", err)
		}
	}
	return nil
}

func (t *tx) ConversationDelete(ctx context.Context, conversationID int64) error {
	if err := execOne(ctx, t.db, `DELETE FROM conversations WHERE id = ?`, conversationID); err != nil {
		return fmt.Errorf("delete conversation: %w", err)
	}
	return nil
}

func (t *tx) MessageInsertMany(ctx context.Context, conversationID int64, msgs []fathom.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(`INSERT INTO messages (conversation_id, seq, role, content, created_at) VALUES `)
	args := make([]any, 0, len(msgs)*5)
	for i, m := range msgs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?, ?, ?, ?, ?)")
		args = append(args, conversationID, m.Seq, string(m.Role), m.Content, formatTime(m.CreatedAt))
	}
	if _, err := t.db.ExecContext(ctx, b.String(), args...); err != nil {
		return fmt.Errorf("insert messages: %w", interpretError(err))
	}
	return nil
}

func (q queries) MessageBytes(ctx context.Context, conversationID int64) (int64, error) {
	var n int64
	if err := q.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(length(CAST(content AS BLOB))), 0) FROM messages WHERE conversation_id = ?`, conversationID).Scan(&n); err != nil {
		return 0, fmt.Errorf("sum message bytes: %w", err)
	}
	return n, nil
}
