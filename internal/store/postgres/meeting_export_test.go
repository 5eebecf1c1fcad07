package postgres

import (
	"context"

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
