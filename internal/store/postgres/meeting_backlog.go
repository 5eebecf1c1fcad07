package postgres

import "context"

func (q queries) MeetingCountProcessing(ctx context.Context) (int, error) {
	var n int
	err := q.q.QueryRow(ctx, `SELECT count(*) FROM meetings WHERE status = 'processing'`).Scan(&n)
	return n, err
}
