package sqlite

import (
	"cmp"
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
	query, args, none := meetingListQuery(p)
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

// meetingListQuery builds the query of a list; none reports that the
// filters match nothing.
//
// The plans it aims for (checked by TestMeetingListPlans): walk one of the
// (tenant_id, [column,] created_at DESC, id DESC) indexes in the list's
// order, starting at the keyset, and stop after limit visible rows; no
// sort. A company has far fewer meetings than a team, so with both filters
// the company index drives and the team is tested on each row (the unary +
// keeps the planner off the team index).
//
// Where one walk would read too much, the list is the ordered merge
// (UNION ALL, so each part must be disjoint) of several walks:
//   - one per company when there are several, rather than an IN that the
//     planner would either sort or answer by reading every meeting of the
//     tenant (a meeting has one company);
//   - for a viewer without a team, its own meetings (by recorder) and
//     those shared with it (by meeting_users, sorted: few), since a walk
//     of every meeting would read the whole tenant to find the few such
//     a viewer sees.
func meetingListQuery(p *store.MeetingListParams) (query string, args []any, none bool) {
	if p.Restrict && (len(p.RecorderIDs) == 0 || len(p.TeamIDs) == 0) {
		// A recorded_by[] or teams[] filter named nothing that exists.
		return "", nil, true
	}
	type part struct {
		cond string
		args []any
		// tenant is how the part names the tenant column: "+m.tenant_id"
		// keeps the planner from walking an index of the tenant's meetings
		// when the part's few rows are better read by id.
		tenant string
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
	v := p.Viewer
	views := []part{{cond: ` AND m.recorder_id = ?`, args: []any{v.UserID}},
		{cond: ` AND m.id IN (SELECT meeting_id FROM meeting_users WHERE user_id = ?) AND m.recorder_id != ?`,
			args: []any{v.UserID, v.UserID}, tenant: "+m.tenant_id"}}
	if v.TeamID != 0 {
		cond, vargs := visibleTo(v)
		views = []part{{cond: ` AND ` + cond, args: vargs}}
	}
	where, wargs := meetingFilters(p)
	var branches []string
	for _, c := range companies {
		for _, view := range views {
			tenant := cmp.Or(view.tenant, "m.tenant_id")
			branches = append(branches, `SELECT `+meetingColumns+` FROM meetings m WHERE `+tenant+` = ?`+c.cond+where+view.cond)
			args = append(append(append(append(args, v.TenantID), c.args...), wargs...), view.args...)
		}
	}
	if len(branches) == 1 {
		query = branches[0] + ` ORDER BY m.created_at DESC, m.id DESC`
	} else {
		// A compound SELECT orders by result columns: 12 is created_at.
		query = strings.Join(branches, "\nUNION ALL\n") + ` ORDER BY 12 DESC, 1 DESC`
	}
	return query + ` LIMIT ?`, append(args, sqlLimit(p.Limit)), false
}

// maxMergedCompanies bounds the branches of a merged company list; a
// longer list is one IN.
const maxMergedCompanies = 16

// meetingFilters returns the conditions, each starting with AND, of every
// filter but the tenant, the company and visibility.
func meetingFilters(p *store.MeetingListParams) (string, []any) {
	var b strings.Builder
	var args []any
	if !p.CreatedAfter.IsZero() {
		b.WriteString(` AND m.created_at > ?`)
		args = append(args, formatTime(p.CreatedAfter))
	}
	if !p.CreatedBefore.IsZero() {
		b.WriteString(` AND m.created_at < ?`)
		args = append(args, formatTime(p.CreatedBefore))
	}
	if k := p.Before; k != nil {
		// The row value gives the index a range to start from; formatTime
		// is fixed-width, so text order is time order.
		b.WriteString(` AND (m.created_at, m.id) < (?, ?)`)
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
		b.WriteString(` AND m.recorder_id IN (` + marks(len(p.RecorderIDs)) + `)`)
		args = appendPadded(args, p.RecorderIDs)
	}
	if len(p.TeamIDs) > 0 {
		col := `m.recorder_team_id`
		if len(p.CompanyDomains) > 0 {
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
