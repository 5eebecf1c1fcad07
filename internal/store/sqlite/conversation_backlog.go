package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/fathom-oss/fathom/internal/store"
)

// ConversationBacklog walks the partial index of waiting conversations.
func (q queries) ConversationBacklog(ctx context.Context) (*store.ConversationBacklog, error) {
	var b store.ConversationBacklog
	var oldest sql.NullString
	err := q.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(max(message_count - analyzed_count, 0)), 0), min(updated_at)
FROM conversations WHERE dirty = 1`).Scan(&b.Conversations, &b.Messages, &oldest)
	if err != nil {
		return nil, fmt.Errorf("conversation backlog: %w", err)
	}
	if oldest.Valid {
		b.OldestChange = parseTime(oldest.String)
	}
	return &b, nil
}
