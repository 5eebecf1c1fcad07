package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// visibleTo is the condition, on meetings aliased m, that v may see a
// meeting: v recorded it, it is shared with v, or v has a team and it is
// shared with every team or with v's. The cheap column tests come first so
// that most rows never reach the lookups.
func visibleTo(v store.Viewer) (string, []any) {
	const users = `EXISTS (SELECT 1 FROM meeting_users mu WHERE mu.meeting_id = m.id AND mu.user_id = ?)`
	if v.TeamID == 0 {
		return `(m.recorder_id = ? OR ` + users + `)`, []any{v.UserID, v.UserID}
	}
	return `(m.recorder_id = ? OR m.share_all_teams = 1 OR ` + users +
			` OR EXISTS (SELECT 1 FROM meeting_teams mt WHERE mt.meeting_id = m.id AND mt.team_id = ?))`,
		[]any{v.UserID, v.UserID, v.TeamID}
}

func (q queries) MeetingList(ctx context.Context, p *store.MeetingListParams) ([]*fathom.Meeting, error) {
	byViewer, err := q.meetingListByViewer(ctx, p)
	if err != nil {
		return nil, err
	}
	query, args, none := meetingListQuery(p, byViewer)
	if none {
		return nil, nil
	}
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	var out []*fathom.Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	if err := q.loadSharing(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// meetingListByViewer reports whether p's list is walked by its viewer.
//
// A list is found one of two ways, and meetingListByViewer chooses:
//
//   - by viewer: walk, newest first, each kind of meeting the viewer may
//     see (its recordings, those shared with it, with its team, with every
//     team), test the filters on each row and merge the walks. It reads
//     about a page per walk when the viewer sees much, and no more than
//     what the viewer sees when it sees little: a team member who can see
//     10 meetings of 300,000 reads 10 rows, not the tenant.
//   - by filter: walk the index of a company, team or recorder filter and
//     test visibility on each row. A narrow filter over a viewer who sees
//     much reads a few rows of its index, where the viewer's walks would
//     read most of what the viewer sees to find them.
//
// Each reads about as many rows as the set it walks holds before a page is
// full, so the smaller set drives. The filter's set is counted first, up
// to store.MeetingListProbeCap, then the viewer's only up to that count:
// index entries alone, at most twice store.MeetingListProbeCap (a fraction
// of a millisecond).
func (q queries) meetingListByViewer(ctx context.Context, p *store.MeetingListParams) (bool, error) {
	if p.MatchesNothing() {
		return true, nil // a list of nothing (see meetingListQuery): no count
	}
	var filter []string
	var fargs []any
	count := func(cond string, args ...any) {
		filter = append(filter, `(SELECT count(*) FROM (SELECT 1 FROM meetings WHERE `+cond+` LIMIT ?))`)
		fargs = append(append(fargs, args...), store.MeetingListProbeCap)
	}
	if d := p.CompanyDomains; len(d) > 0 {
		count(`tenant_id = ? AND company_domain IN (`+marks(len(d))+`)`, appendPadded([]any{p.Viewer.TenantID}, d)...)
	}
	if t := p.TeamIDs; len(t) > 0 {
		count(`tenant_id = ? AND recorder_team_id IN (`+marks(len(t))+`)`, appendPadded([]any{p.Viewer.TenantID}, t)...)
	}
	if r := p.RecorderIDs; len(r) > 0 {
		// A recorder is of one tenant: its index has no tenant column.
		count(`recorder_id IN (`+marks(len(r))+`)`, appendPadded(nil, r)...)
	}
	if len(filter) == 0 {
		return true, nil
	}
	var matching int64
	err := q.db.QueryRowContext(ctx, `SELECT min(`+strings.Join(filter, ", ")+`, ?)`, append(fargs, store.MeetingListProbeCap)...).Scan(&matching)
	if err != nil {
		return false, fmt.Errorf("list meetings: count: %w", err)
	}
	// The arms of a compound SELECT run one after another, so the LIMIT
	// stops the count wherever it is reached.
	v := p.Viewer
	visible := `SELECT 1 FROM meetings WHERE recorder_id = ? UNION ALL SELECT 1 FROM meeting_users WHERE user_id = ?`
	vargs := []any{v.UserID, v.UserID}
	if v.TeamID != 0 {
		visible += ` UNION ALL SELECT 1 FROM meeting_teams WHERE team_id = ?
UNION ALL SELECT 1 FROM meetings WHERE tenant_id = ? AND share_all_teams = 1`
		vargs = append(vargs, v.TeamID, v.TenantID)
	}
	var seen int64
	err = q.db.QueryRowContext(ctx, `SELECT count(*) FROM (`+visible+` LIMIT ?)`, append(vargs, matching+1)...).Scan(&seen)
	if err != nil {
		return false, fmt.Errorf("list meetings: count: %w", err)
	}
	return store.MeetingListByViewer(matching, seen), nil
}

// meetingListQuery builds the query of a list, walked by its viewer or by
// its filters' index; none reports that the filters match nothing.
//
// The plans it aims for (checked by TestMeetingListPlans) walk indexes in
// the list's order, starting at the keyset, and stop after limit rows:
// no sort. Where one walk is not enough, the list is the ordered merge
// (UNION ALL of parts made disjoint) of several.
func meetingListQuery(p *store.MeetingListParams, byViewer bool) (query string, args []any, none bool) {
	if p.MatchesNothing() {
		// A recorded_by[] or teams[] filter named nothing that exists.
		return "", nil, true
	}
	var branches []string
	if byViewer {
		branches, args = viewerWalks(p)
	} else {
		branches, args = filterWalks(p)
	}
	if len(branches) == 1 {
		query = branches[0] + ` ORDER BY m.created_at DESC, m.id DESC`
	} else {
		// A compound SELECT orders by result columns: 12 is created_at.
		query = strings.Join(branches, "\nUNION ALL\n") + ` ORDER BY 12 DESC, 1 DESC`
	}
	return query + ` LIMIT ?`, append(args, sqlLimit(p.Limit)), false
}

// grantColumns are meetingColumns read through a sharing table aliased g:
// the id and created_at come from g, so that the merge sees the order of
// g's index.
var grantColumns = strings.NewReplacer("m.id,", "g.meeting_id,", "m.created_at,", "g.created_at,").Replace(meetingColumns)

// viewerWalks are the parts of a list by viewer, one per kind of meeting
// the viewer may see; each leaves out what an earlier one yields, with a
// lookup by primary key, so that the parts are disjoint. "+" before a
// column keeps the planner off the indexes that column leads, on the walk
// the part is written for.
func viewerWalks(p *store.MeetingListParams) (branches []string, args []any) {
	v := p.Viewer
	const notMine = ` AND m.recorder_id != ?`
	const notShared = ` AND NOT EXISTS (SELECT 1 FROM meeting_users u WHERE u.meeting_id = m.id AND u.user_id = ?)`
	type walk struct {
		from, cond  string
		args        []any
		created, id string
	}
	walks := []walk{
		{`meetings m`, `m.recorder_id = ? AND +m.tenant_id = ?`, []any{v.UserID, v.TenantID}, "m.created_at", "m.id"},
		{`meeting_users g CROSS JOIN meetings m`, `g.user_id = ? AND m.id = g.meeting_id AND +m.tenant_id = ?` + notMine,
			[]any{v.UserID, v.TenantID, v.UserID}, "g.created_at", "g.meeting_id"},
	}
	if v.TeamID != 0 {
		walks = append(walks,
			walk{`meeting_teams g CROSS JOIN meetings m`, `g.team_id = ? AND m.id = g.meeting_id AND +m.tenant_id = ?` + notMine + notShared,
				[]any{v.TeamID, v.TenantID, v.UserID, v.UserID}, "g.created_at", "g.meeting_id"},
			walk{`meetings m`, `m.tenant_id = ? AND m.share_all_teams = 1` + notMine + notShared +
				` AND NOT EXISTS (SELECT 1 FROM meeting_teams t WHERE t.meeting_id = m.id AND t.team_id = ?)`,
				[]any{v.TenantID, v.UserID, v.UserID, v.TeamID}, "m.created_at", "m.id"})
	}
	for _, w := range walks {
		cols := meetingColumns
		if w.id != "m.id" {
			cols = grantColumns
		}
		where, wargs := meetingFilters(p, w.created, w.id, true)
		if d := p.CompanyDomains; len(d) > 0 {
			where += ` AND +m.company_domain IN (` + marks(len(d)) + `)`
			wargs = appendPadded(wargs, d)
		}
		branches = append(branches, `SELECT `+cols+` FROM `+w.from+` WHERE `+w.cond+where)
		args = append(append(args, w.args...), wargs...)
	}
	return branches, args
}

// filterWalks are the parts of a list by filter: one walk of the filter's
// index, or one per company when there are several, rather than an IN
// that the planner would either sort or answer by reading every meeting of
// the tenant (a meeting has one company). A company has far fewer meetings
// than a team, so with both filters the company index drives and the team
// is tested on each row.
func filterWalks(p *store.MeetingListParams) (branches []string, args []any) {
	type part struct {
		cond string
		args []any
	}
	companies := []part{{}}
	switch domains := slices.Compact(slices.Sorted(slices.Values(p.CompanyDomains))); {
	case len(domains) == 0:
	case len(domains) > maxMergedCompanies:
		companies[0] = part{cond: ` AND m.company_domain IN (` + marks(len(domains)) + `)`, args: appendPadded(nil, domains)}
	default:
		companies = companies[:0]
		for _, d := range domains {
			companies = append(companies, part{cond: ` AND m.company_domain = ?`, args: []any{d}})
		}
	}
	cond, vargs := visibleTo(p.Viewer)
	where, wargs := meetingFilters(p, "m.created_at", "m.id", false)
	for _, c := range companies {
		branches = append(branches, `SELECT `+meetingColumns+` FROM meetings m WHERE m.tenant_id = ?`+c.cond+where+` AND `+cond)
		args = append(append(append(append(args, p.Viewer.TenantID), c.args...), wargs...), vargs...)
	}
	return branches, args
}

// maxMergedCompanies bounds the branches of a merged company list; a
// longer list is one IN.
const maxMergedCompanies = 16

// meetingFilters returns the conditions, each starting with AND, of every
// filter but the tenant, the company and visibility. created and id name
// the columns the walk is ordered by; byViewer makes the recorder and team
// filters row tests, for walks that must not be driven by their indexes.
func meetingFilters(p *store.MeetingListParams, created, id string, byViewer bool) (string, []any) {
	var b strings.Builder
	var args []any
	if !p.CreatedAfter.IsZero() {
		b.WriteString(` AND ` + created + ` > ?`)
		args = append(args, formatTime(p.CreatedAfter))
	}
	if !p.CreatedBefore.IsZero() {
		b.WriteString(` AND ` + created + ` < ?`)
		args = append(args, formatTime(p.CreatedBefore))
	}
	if k := p.Before; k != nil {
		// The row value gives the index a range to start from; formatTime
		// is fixed-width, so text order is time order.
		b.WriteString(` AND (` + created + `, ` + id + `) < (?, ?)`)
		args = append(args, formatTime(k.CreatedAt), k.ID)
	}
	if p.External != nil {
		b.WriteString(` AND m.external = ?`)
		args = append(args, *p.External)
	}
	if p.MeetingType != nil {
		b.WriteString(` AND m.meeting_type = ?`)
		args = append(args, *p.MeetingType)
	}
	if len(p.RecorderIDs) > 0 {
		col := `m.recorder_id`
		if byViewer {
			col = `+m.recorder_id`
		}
		b.WriteString(` AND ` + col + ` IN (` + marks(len(p.RecorderIDs)) + `)`)
		args = appendPadded(args, p.RecorderIDs)
	}
	if len(p.TeamIDs) > 0 {
		col := `m.recorder_team_id`
		if byViewer || len(p.CompanyDomains) > 0 {
			col = `+m.recorder_team_id`
		}
		b.WriteString(` AND ` + col + ` IN (` + marks(len(p.TeamIDs)) + `)`)
		args = appendPadded(args, p.TeamIDs)
	}
	if len(p.GuestRecorderIDs) > 0 {
		b.WriteString(` AND (m.recorder_external = 0 OR m.recorder_id IN (` + marks(len(p.GuestRecorderIDs)) + `))`)
		args = appendPadded(args, p.GuestRecorderIDs)
	} else {
		b.WriteString(` AND m.recorder_external = 0`)
	}
	return b.String(), args
}

// padded rounds a list's length up to a power of two, so that the
// statement cache holds a handful of IN (...) shapes rather than one per
// length.
func padded(n int) int {
	p := 1
	for p < n {
		p <<= 1
	}
	return p
}

func marks(n int) string { return strings.Repeat(",?", padded(n))[1:] }

// appendPadded appends list's values, the last one repeated up to the
// padded length (a repeated value does not change what IN matches).
func appendPadded[T any](args []any, list []T) []any {
	for _, v := range list {
		args = append(args, v)
	}
	for range padded(len(list)) - len(list) {
		args = append(args, list[len(list)-1])
	}
	return args
}
