package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

const conversationColumns = `id, tenant_id, external_id, user_id, status, message_count, reopen_count,
resolution_notes, notes_generated, analyzed_count, version, created_at, updated_at, resolved_at`

func scanConversation(row pgx.Row) (*fathom.Conversation, error) {
	var c fathom.Conversation
	err := row.Scan(&c.ID, &c.TenantID, &c.ExternalID, &c.UserID, &c.Status, &c.MessageCount, &c.ReopenCount,
		&c.ResolutionNotes, &c.NotesGenerated, &c.AnalyzedCount, &c.Version, &c.CreatedAt, &c.UpdatedAt, &c.ResolvedAt)
	if err != nil {
		return nil, interpretError(err)
	}
	return &c, nil
}

// ConversationGetByExternalID, inside a transaction, locks the row it
// returns (a track appends at the message count it read) and, when the
// conversation is missing, its external id: two tracks creating the same
// conversation then run one after the other, and the second appends to the
// conversation the first created (lock.go).
func (q queries) ConversationGetByExternalID(ctx context.Context, tenantID int64, externalID string) (*fathom.Conversation, error) {
	return lockMissing(ctx, q, []string{"conversation", idText(tenantID), externalID}, func() (*fathom.Conversation, error) {
		return scanConversation(q.q.QueryRow(ctx, `SELECT `+conversationColumns+` FROM conversations
WHERE tenant_id = $1 AND external_id = $2`+q.forUpdate(), tenantID, externalID))
	})
}

func (q queries) ConversationListByIDs(ctx context.Context, tenantID int64, ids []int64) ([]*fathom.Conversation, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return q.listConversations(ctx, `SELECT `+conversationColumns+` FROM conversations WHERE tenant_id = $1 AND id = ANY($2)`, tenantID, ids)
}

func (q queries) ConversationListDirty(ctx context.Context, tenantID int64, limit int) ([]*fathom.Conversation, error) {
	return q.listConversations(ctx, `SELECT `+conversationColumns+` FROM conversations
WHERE tenant_id = $1 AND dirty ORDER BY id LIMIT $2`, tenantID, limit)
}

func (q queries) ConversationCountDirty(ctx context.Context) (int, error) {
	var n int
	err := q.q.QueryRow(ctx, `SELECT count(*) FROM conversations WHERE dirty`).Scan(&n)
	return n, err
}

func (q queries) listConversations(ctx context.Context, query string, args ...any) ([]*fathom.Conversation, error) {
	rows, err := q.q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list conversations: %w", err)
	}
	return collect(rows, scanConversation)
}

// ConversationScan reads a page of conversations, then the messages of the
// whole page in one query.
func (q queries) ConversationScan(ctx context.Context, p *store.ConversationScanParams, fn func(*fathom.Conversation, []fathom.Message) error) error {
	where, args := "id > $1", []any{p.AfterID}
	if p.TenantID != 0 {
		where, args = "tenant_id = $2 AND id > $1", append(args, p.TenantID)
	}
	convs, err := q.listConversations(ctx, `SELECT `+conversationColumns+` FROM conversations WHERE `+where+
		fmt.Sprintf(` ORDER BY id LIMIT $%d`, len(args)+1), append(args, p.Limit)...)
	if err != nil || len(convs) == 0 {
		return err
	}
	ids := make([]int64, len(convs))
	for i, c := range convs {
		ids[i] = c.ID
	}
	byID, err := q.MessageListMany(ctx, ids)
	if err != nil {
		return fmt.Errorf("scan messages: %w", err)
	}
	for _, c := range convs {
		if err := fn(c, byID[c.ID]); err != nil {
			return err
		}
	}
	return nil
}

// MessageListMany reads the messages of all the conversations in one
// query, = ANY($1) of an array: one round trip and one cached plan
// whatever their number.
func (q queries) MessageListMany(ctx context.Context, ids []int64) (map[int64][]fathom.Message, error) {
	out := make(map[int64][]fathom.Message, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.q.Query(ctx, `SELECT conversation_id, seq, role, content, created_at FROM messages
WHERE conversation_id = ANY($1) ORDER BY conversation_id, seq`, ids)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var convID int64
		var m fathom.Message
		if err := rows.Scan(&convID, &m.Seq, &m.Role, &m.Content, &m.CreatedAt); err != nil {
			return nil, fmt.Errorf("list messages: %w", err)
		}
		out[convID] = append(out[convID], m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	return out, nil
}

func (q queries) MessageList(ctx context.Context, conversationID int64, fromSeq, limit int) ([]fathom.Message, error) {
	var lim any // NULL: no limit
	if limit > 0 {
		lim = limit
	}
	rows, err := q.q.Query(ctx, `SELECT seq, role, content, created_at FROM messages
WHERE conversation_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`, conversationID, fromSeq, lim)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	var out []fathom.Message
	for rows.Next() {
		var m fathom.Message
		if err := rows.Scan(&m.Seq, &m.Role, &m.Content, &m.CreatedAt); err != nil {
			return nil, fmt.Errorf("list messages: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (t *tx) ConversationCreate(ctx context.Context, p *store.ConversationCreateParams) (*fathom.Conversation, error) {
	c, err := scanConversation(t.q.QueryRow(ctx, `INSERT INTO conversations (tenant_id, external_id, user_id, created_at, updated_at)
VALUES ($1, $2, $3, $4, $4) RETURNING `+conversationColumns, p.TenantID, p.ExternalID, p.UserID, p.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("create conversation: %w", err)
	}
	// The times as given, not as stored (microseconds), like SQLite.
	c.CreatedAt, c.UpdatedAt = p.CreatedAt, p.CreatedAt
	return c, nil
}

// ConversationUpdate writes every mutable field, bumps the version and
// marks the conversation for analysis.
func (t *tx) ConversationUpdate(ctx context.Context, c *fathom.Conversation) error {
	err := execOne(ctx, t.q, `UPDATE conversations SET user_id = $1, status = $2, message_count = $3, reopen_count = $4,
resolution_notes = $5, notes_generated = $6, updated_at = $7, resolved_at = $8, version = version + 1, dirty = true WHERE id = $9`,
		c.UserID, string(c.Status), c.MessageCount, c.ReopenCount, c.ResolutionNotes, c.NotesGenerated, c.UpdatedAt, c.ResolvedAt, c.ID)
	if err != nil {
		return fmt.Errorf("update conversation: %w", err)
	}
	c.Version++
	return nil
}

func (t *tx) ConversationMarkAnalyzed(ctx context.Context, conversationID, version int64, analyzedCount int) (bool, error) {
	tag, err := t.q.Exec(ctx, `UPDATE conversations SET dirty = false, analyzed_count = $1 WHERE id = $2 AND version = $3`,
		analyzedCount, conversationID, version)
	if err != nil {
		return false, fmt.Errorf("mark analyzed: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// ConversationMarkAnalyzedMany marks every conversation in one statement
// of arrays and learns from RETURNING which were still at their version.
func (t *tx) ConversationMarkAnalyzedMany(ctx context.Context, marks []store.AnalyzedMark) ([]bool, error) {
	if len(marks) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(marks))
	versions := make([]int64, len(marks))
	counts := make([]int32, len(marks))
	at := make(map[int64]int, len(marks))
	for i, m := range marks {
		ids[i], versions[i], counts[i], at[m.ConversationID] = m.ConversationID, m.Version, int32(m.AnalyzedCount), i
	}
	rows, err := t.q.Query(ctx, `UPDATE conversations c SET dirty = false, analyzed_count = v.n
FROM unnest($1::bigint[], $2::bigint[], $3::integer[]) AS v(id, version, n)
WHERE c.id = v.id AND c.version = v.version RETURNING c.id`, ids, versions, counts)
	if err != nil {
		return nil, fmt.Errorf("mark analyzed: %w", err)
	}
	updated, err := collect(rows, func(row pgx.Row) (id int64, err error) { return id, row.Scan(&id) })
	if err != nil {
		return nil, fmt.Errorf("mark analyzed: %w", err)
	}
	current := make([]bool, len(marks))
	for _, id := range updated {
		current[at[id]] = true
	}
	return current, nil
}

func (t *tx) ConversationMarkDirty(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := t.q.Exec(ctx, `UPDATE conversations SET dirty = true, version = version + 1 WHERE id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("mark dirty: %w", err)
	}
	return nil
}

func (t *tx) ConversationDelete(ctx context.Context, conversationID int64) error {
	if err := execOne(ctx, t.q, `DELETE FROM conversations WHERE id = $1`, conversationID); err != nil {
		return fmt.Errorf("delete conversation: %w", err)
	}
	return nil
}

// MessageInsertMany inserts the messages in one statement of arrays: one
// round trip and one cached plan whatever their number. COPY would pay
// only for thousands of rows; a track carries at most a few.
func (t *tx) MessageInsertMany(ctx context.Context, conversationID int64, msgs []fathom.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	seqs := make([]int32, len(msgs))
	roles := make([]string, len(msgs))
	contents := make([]string, len(msgs))
	times := make([]time.Time, len(msgs))
	for i, m := range msgs {
		seqs[i], roles[i], contents[i], times[i] = int32(m.Seq), string(m.Role), m.Content, m.CreatedAt
	}
	_, err := t.q.Exec(ctx, `INSERT INTO messages (conversation_id, seq, role, content, created_at)
SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[], $5::timestamptz[])`, conversationID, seqs, roles, contents, times)
	if err != nil {
		return fmt.Errorf("insert messages: %w", interpretError(err))
	}
	return nil
}

func (q queries) MessageBytes(ctx context.Context, conversationID int64) (int64, error) {
	var n int64
	if err := q.q.QueryRow(ctx, `SELECT COALESCE(SUM(octet_length(content)), 0) FROM messages WHERE conversation_id = $1`, conversationID).Scan(&n); err != nil {
		return 0, fmt.Errorf("sum message bytes: %w", err)
	}
	return n, nil
}
