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
	MeetingSearchSQL      = meetingSearchSQL
	MeetingListQuery      = meetingListQuery
	MeetingListCountQuery = meetingListCountQuery
)

// ListWalk is how a list is found.
type ListWalk = listWalk

// How a list is found.
const (
	WalkByViewer  = walkByViewer
	WalkByFilter  = walkByFilter
	WalkViewerSet = walkViewerSet
)

// MeetingListWalk is how the store chooses to find a list.
func MeetingListWalk(ctx context.Context, db *DB, p *store.MeetingListParams) (listWalk, error) {
	return db.meetingListWalk(ctx, p)
}

// MeetingListOn lists on one connection, whose prepared statements a test
// can then read (pg_prepared_statements is per connection).
func MeetingListOn(ctx context.Context, conn *pgx.Conn, p *store.MeetingListParams) ([]*fathom.Meeting, error) {
	return queries{q: conn}.MeetingList(ctx, p)
}

// OnViewerSetPlan runs query as the list of a small viewer's set is run
// (on its generic plan, table scans ruled out) on q, and returns the text
// of its first row's first column.
func OnViewerSetPlan(ctx context.Context, q querier, query string) (string, error) {
	var first string
	err := queries{q: q}.onGenericPlan(ctx, viewerSetPlan, query, nil, func(rows pgx.Rows) error {
		if rows.Next() {
			if err := rows.Scan(&first); err != nil {
				return err
			}
		}
		for rows.Next() {
		}
		return rows.Err()
	})
	return first, err
}
