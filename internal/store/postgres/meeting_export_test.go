package postgres

// The query builders, for the plan checks of the external tests (which
// open databases with pgtest, a package that imports this one).
var (
	MeetingSearchSQL = meetingSearchSQL
	MeetingListQuery = meetingListQuery
)
