package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/store"
)

// ConversationBacklog walks the partial index of waiting conversations.
func (q queries) ConversationBacklog(ctx context.Context) (*store.ConversationBacklog, error) {
	var b store.ConversationBacklog
	var convs, msgs int64
	var oldest *time.Time
	err := q.q.QueryRow(ctx, `SELECT count(*), coalesce(sum(greatest(message_count - analyzed_count, 0)), 0), min(updated_at)
FROM conversations WHERE dirty`).Scan(&convs, &msgs, &oldest)
	if err != nil {
		return nil, fmt.Errorf("conversation backlog: %w", err)
	}
	b.Conversations, b.Messages = int(convs), int(msgs)
	if oldest != nil {
		b.OldestChange = oldest.UTC()
	}
	return &b, nil
}
