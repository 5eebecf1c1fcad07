package postgres

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// argList numbers the parameters of a query built in parts.
type argList []any

// add appends v and returns its placeholder.
func (a *argList) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// visibleTo is the condition, on meetings aliased m, that v may see a
// meeting: v recorded it, it is shared with v, or v has a team and it is
// shared with every team or with v's. The cheap column tests come first so
// that most rows never reach the lookups.
func visibleTo(v store.Viewer, args *argList) string {
	user := args.add(v.UserID)
	users := `EXISTS (SELECT 1 FROM meeting_users mu WHERE mu.meeting_id = m.id AND mu.user_id = ` + user + `)`
	if v.TeamID == 0 {
		return `(m.recorder_id = ` + user + ` OR ` + users + `)`
	}
	return `(m.recorder_id = ` + user + ` OR m.share_all_teams OR ` + users +
		` OR EXISTS (SELECT 1 FROM meeting_teams mt WHERE mt.meeting_id = m.id AND mt.team_id = ` + args.add(v.TeamID) + `))`
}

func (q queries) MeetingList(ctx context.Context, p *store.MeetingListParams) ([]*fathom.Meeting, error) {
	query, args, none := meetingListQuery(p)
	if none {
		return nil, nil
	}
	rows, err := q.q.Query(ctx, query, args...)
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
// filters match nothing. It has the shape of SQLite's (read the plan notes
// in the sqlite package) so that a change to one is easy to carry to the
// other: walk one of the (tenant_id, [column,] created_at DESC, id DESC)
// indexes in the list's order from the keyset and stop after limit visible
// rows, and where one walk would read too much, merge several ordered walks
// (UNION ALL, each part disjoint; PostgreSQL merges them with a Merge
// Append and stops at the limit):
//   - one per company when there are several, a meeting having one;
//   - for a viewer without a team, its own meetings (by recorder) and
//     those shared with it (from meeting_users: few).
func meetingListQuery(p *store.MeetingListParams) (query string, args []any, none bool) {
	if p.Restrict && (len(p.RecorderIDs) == 0 || len(p.TeamIDs) == 0) {
		// A recorded_by[] or teams[] filter named nothing that exists.
		return "", nil, true
	}
	var a argList
	companies := []func() string{func() string { return "" }}
	switch domains := slices.Compact(slices.Sorted(slices.Values(p.CompanyDomains))); {
	case len(domains) == 0:
	case len(domains) > maxMergedCompanies:
		companies[0] = func() string { return ` AND m.company_domain = ANY(` + a.add(domains) + `)` }
	default:
		companies = companies[:0]
		for _, d := range domains {
			companies = append(companies, func() string { return ` AND m.company_domain = ` + a.add(d) })
		}
	}
	v := p.Viewer
	views := []func() string{
		func() string { return ` AND m.recorder_id = ` + a.add(v.UserID) },
		func() string {
			user := a.add(v.UserID)
			return ` AND m.id IN (SELECT meeting_id FROM meeting_users WHERE user_id = ` + user + `) AND m.recorder_id <> ` + user
		},
	}
	if v.TeamID != 0 {
		views = []func() string{func() string { return ` AND ` + visibleTo(v, &a) }}
	}
	var branches []string
	for _, company := range companies {
		for _, view := range views {
			branches = append(branches, `SELECT `+meetingColumns+` FROM meetings m WHERE m.tenant_id = `+a.add(v.TenantID)+
				company()+meetingFilters(p, &a)+view())
		}
	}
	if len(branches) == 1 {
		query = branches[0] + ` ORDER BY m.created_at DESC, m.id DESC`
	} else {
		// A union orders by its result columns: 12 is created_at.
		query = `(` + strings.Join(branches, ")\nUNION ALL\n(") + `) ORDER BY 12 DESC, 1 DESC`
	}
	if p.Limit > 0 {
		query += ` LIMIT ` + a.add(p.Limit)
	}
	return query, a, false
}

// maxMergedCompanies bounds the branches of a merged company list; a
// longer list is one = ANY.
const maxMergedCompanies = 16

// meetingFilters returns the conditions, each starting with AND, of every
// filter but the tenant, the company and visibility.
func meetingFilters(p *store.MeetingListParams, a *argList) string {
	var b strings.Builder
	if !p.CreatedAfter.IsZero() {
		b.WriteString(` AND m.created_at > ` + a.add(p.CreatedAfter))
	}
	if !p.CreatedBefore.IsZero() {
		b.WriteString(` AND m.created_at < ` + a.add(p.CreatedBefore))
	}
	if k := p.Before; k != nil {
		// The row value gives the index a range to start from.
		b.WriteString(` AND (m.created_at, m.id) < (` + a.add(k.CreatedAt) + `, ` + a.add(k.ID) + `)`)
	}
	if p.External != nil {
		b.WriteString(` AND m.external = ` + a.add(*p.External))
	}
	if p.MeetingType != nil {
		b.WriteString(` AND m.meeting_type = ` + a.add(*p.MeetingType))
	}
	if len(p.RecorderIDs) > 0 {
		b.WriteString(` AND m.recorder_id` + oneOf(a, p.RecorderIDs))
	}
	if len(p.TeamIDs) > 0 {
		b.WriteString(` AND m.recorder_team_id` + oneOf(a, p.TeamIDs))
	}
	if len(p.GuestRecorderIDs) > 0 {
		b.WriteString(` AND (NOT m.recorder_external OR m.recorder_id = ANY(` + a.add(p.GuestRecorderIDs) + `))`)
	} else {
		b.WriteString(` AND NOT m.recorder_external`)
	}
	return b.String()
}

// oneOf is the test of a column against ids: = for one, so that the
// planner can walk the (column, created_at DESC, id DESC) index in the
// list's order (PostgreSQL 15 cannot for = ANY, and sorts every match).
func oneOf(a *argList, ids []int64) string {
	if len(ids) == 1 {
		return ` = ` + a.add(ids[0])
	}
	return ` = ANY(` + a.add(ids) + `)`
}
