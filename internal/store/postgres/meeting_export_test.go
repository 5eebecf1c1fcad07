package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// The query builders, for the plan checks of the external tests (which
// open databases with pgtest, a package that imports this one).
var (
	MeetingSearchSQL = meetingSearchSQL
	MeetingListQuery = meetingListQuery
)

// MeetingListByViewer is how the store chooses to walk a list.
func MeetingListByViewer(ctx context.Context, db *DB, p *store.MeetingListParams) (bool, error) {
	return db.meetingListByViewer(ctx, p)
}

// MeetingListOn lists on one connection, whose prepared statements a test
// can then read (pg_prepared_statements is per connection).
func MeetingListOn(ctx context.Context, conn *pgx.Conn, p *store.MeetingListParams) ([]*fathom.Meeting, error) {
	return queries{q: conn}.MeetingList(ctx, p)
}
