package sqlite

import "context"

func (q queries) MeetingCountProcessing(ctx context.Context) (int, error) {
	var n int
	err := q.db.QueryRowContext(ctx, `SELECT count(*) FROM meetings WHERE status = 'processing'`).Scan(&n)
	return n, err
}
