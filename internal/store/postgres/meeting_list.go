package postgres

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

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
	walk, err := q.meetingListWalk(ctx, p)
	if err != nil {
		return nil, err
	}
	query, args, none := meetingListQuery(p, walk)
	if none {
		return nil, nil
	}
	var out []*fathom.Meeting
	scan := func(rows pgx.Rows) error {
		for rows.Next() {
			var teams, users []int64
			m, err := scanMeeting(rows, &teams, &users)
			if err != nil {
				return err
			}
			// No sharing reads back as nil, as loadSharing leaves it.
			if len(teams) > 0 {
				m.Sharing.TeamIDs = teams
			}
			if len(users) > 0 {
				m.Sharing.UserIDs = users
			}
			out = append(out, m)
		}
		return rows.Err()
	}
	if walk == walkViewerSet {
		// Its plan follows from the statement (see viewerSetQuery), not
		// from the values: planned once per connection.
		err = q.onGenericPlan(ctx, viewerSetPlan, withSharing(query), args, scan)
	} else {
		var rows pgx.Rows
		rows, err = q.q.Query(ctx, withSharing(query), args...)
		if err == nil {
			err = scan(rows)
			rows.Close()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	return out, nil
}

// withSharing reads, beside each meeting of a list, the teams and users it
// is shared with, in the list's own statement: a page is one round trip
// instead of three (loadSharing's two queries), which is most of what a
// short list costs when the database is a socket away.
func withSharing(query string) string {
	return `SELECT l.*, ARRAY(SELECT t.team_id FROM meeting_teams t WHERE t.meeting_id = l.id ORDER BY t.team_id),
	ARRAY(SELECT u.user_id FROM meeting_users u WHERE u.meeting_id = l.id ORDER BY u.user_id)
FROM (` + query + `) l ORDER BY l.created_at DESC, l.id DESC`
}

// listWalk is how a list is found.
type listWalk int

const (
	// walkByViewer is the ordered merge of a walk per kind of meeting the
	// viewer may see, each stopping after a page.
	walkByViewer listWalk = iota
	// walkByFilter walks a company, team or recorder filter's index and
	// tests visibility on each row.
	walkByFilter
	// walkViewerSet reads the whole of a small viewer's set, looks each
	// meeting up by id and sorts what passes the filters.
	walkViewerSet
)

// smallViewerSet is the size under which a viewer's set is read whole
// (walkViewerSet) rather than walked in order: at most this many lookups
// by id, whatever the filters and the workspace.
const smallViewerSet = 100

// meetingListWalk chooses how p's list is found.
//
// A list is found one of two ways, as in the sqlite package (read its
// notes): by viewer, the ordered merge of a walk per kind of meeting the
// viewer may see, or by filter, a walk of a company, team or recorder
// filter's index that tests visibility on each row. The smaller set
// drives (store.MeetingListByViewer). A list, filtered or not, of a viewer
// who sees fewer than smallViewerSet meetings is a third case
// (walkViewerSet): for such a viewer the walks by viewer were measured to
// grow with the workspace even without a filter (first page p50 0.24 ms
// at 100k meetings, 1.7–1.9 ms at 300k), where the set's lookups by id do
// not (about 1 ms at both); the count costs every unfiltered list one more
// round trip (p50 +0.16 ms).
//
// The sets are counted in one statement, one round trip: first the
// viewer's, up to smallViewerSet; only if it is not smaller, the filter's
// set (what all of its company, team and recorder filters name together)
// up to store.MeetingListProbeCap, and the viewer's again up to that
// count, plus one. Counting the viewer's set first bounds the work for a
// viewer who sees little by what it sees: the filter's count reads every
// index entry of the company it names, a number that grows with the
// workspace, until it finds its matches.
//
// Each count walks an index in the list's order (the ORDER BY), so that
// its LIMIT stops it: without one, PostgreSQL may count a team's thousands
// of meetings with a bitmap scan that reads them all, or, once the
// statement's plan is generic, scan the table from its start until the
// limit is reached (the tenant's rows may all lie at its end). A company
// and a team filter together are counted in meetings_company, which holds
// the team, so that the count reads the company's entries only and stops
// at the few that match both.
func (q queries) meetingListWalk(ctx context.Context, p *store.MeetingListParams) (listWalk, error) {
	query, args, ok := meetingListCountQuery(p)
	if !ok {
		return walkByViewer, nil
	}
	var matching *int64
	var seen int64
	// Each part of the count walks an index in order and stops at its
	// limit, whatever the values: its generic plan is as good as a plan
	// made for the call, and planned once per connection instead of at
	// every call.
	err := q.onGenericPlan(ctx, genericPlan, query, args, func(rows pgx.Rows) error {
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return err
			}
			return pgx.ErrNoRows
		}
		return rows.Scan(&matching, &seen)
	})
	if err != nil {
		return 0, fmt.Errorf("list meetings: count: %w", err)
	}
	switch {
	case matching == nil:
		return walkViewerSet, nil
	case *matching < 0 || store.MeetingListByViewer(*matching, seen):
		return walkByViewer, nil
	default:
		return walkByFilter, nil
	}
}

// meetingListCountQuery is the statement that counts p's sets, read as
// (matching, seen): matching is NULL when the viewer's set, seen, is
// smaller than smallViewerSet and the filter's was not counted, and -1 when
// there is no filter and the viewer's set is not small (walk by viewer).
// ok false means there is nothing to count.
func meetingListCountQuery(p *store.MeetingListParams) (query string, args []any, ok bool) {
	if p.MatchesNothing() {
		return "", nil, false // a list of nothing (see meetingListQuery): no count
	}
	var a argList
	var filter []string
	if d := p.CompanyDomains; len(d) > 0 {
		if len(d) == 1 {
			filter = append(filter, ` AND company_domain = `+a.add(d[0]))
		} else {
			filter = append(filter, ` AND company_domain = ANY(`+a.add(d)+`)`)
		}
	}
	if t := p.TeamIDs; len(t) > 0 {
		filter = append(filter, ` AND recorder_team_id`+oneOf(&a, t))
	}
	if r := p.RecorderIDs; len(r) > 0 {
		filter = append(filter, ` AND recorder_id`+oneOf(&a, r))
	}
	v := p.Viewer
	var tenant string // named only where a part reads it: PostgreSQL types every parameter
	if len(filter) > 0 || v.TeamID != 0 {
		tenant = a.add(v.TenantID)
	}
	user := a.add(v.UserID)
	var team string
	if v.TeamID != 0 {
		team = a.add(v.TeamID)
	}
	// The caps are written into the statement, not passed as parameters,
	// so that even its generic plan knows them and walks indexes in order.
	matching := `SELECT count(*) AS n FROM (SELECT 1 FROM meetings WHERE tenant_id = ` + tenant + strings.Join(filter, "") +
		` ORDER BY created_at DESC, id DESC LIMIT ` + strconv.Itoa(store.MeetingListProbeCap) + `) f`
	// The parts of a UNION ALL run one after another and each walk stops
	// when the outer LIMIT is reached, so a count reads at most its limit
	// of entries. Each part's own LIMIT is what the planner sees: without
	// it, not knowing the outer one, it reads and sorts all of a part.
	visible := func(limit int) string {
		l := ` LIMIT ` + strconv.Itoa(limit)
		parts := []string{
			`(SELECT 1 FROM meetings WHERE recorder_id = ` + user + ` ORDER BY created_at DESC, id DESC` + l + `)`,
			`(SELECT 1 FROM meeting_users WHERE user_id = ` + user + ` ORDER BY created_at DESC, meeting_id DESC` + l + `)`,
		}
		if team != "" {
			parts = append(parts,
				`(SELECT 1 FROM meeting_teams WHERE team_id = `+team+` ORDER BY created_at DESC, meeting_id DESC`+l+`)`,
				`(SELECT 1 FROM meetings WHERE tenant_id = `+tenant+` AND share_all_teams ORDER BY created_at DESC, id DESC`+l+`)`)
		}
		return strings.Join(parts, " UNION ALL ")
	}
	small := strconv.Itoa(smallViewerSet)
	seen := `WITH seen AS (SELECT count(*) AS s FROM (` + visible(smallViewerSet) + ` LIMIT ` + small + `) v)`
	if len(filter) == 0 {
		// No filter: only whether the viewer's set is small matters
		// (matching -1: walk by viewer).
		return seen + `
SELECT CASE WHEN s < ` + small + ` THEN NULL ELSE -1 END, s FROM seen`, a, true
	}
	// The scalar subqueries of a CASE run only when their branch is taken:
	// for a small viewer's set, the filter's set is never counted.
	query = seen + `,
matching AS (` + matching + `)
SELECT CASE WHEN s < ` + small + ` THEN NULL ELSE (SELECT n FROM matching) END,
	CASE WHEN s < ` + small + ` THEN s ELSE (SELECT count(*) FROM (` + visible(store.MeetingListProbeCap+1) +
		` LIMIT (SELECT n + 1 FROM matching)) v) END
FROM seen`
	return query, a, true
}

// meetingListQuery builds the query of a list found by walk (by its viewer,
// by its filters' index, or from a small viewer's whole set: see
// viewerSetQuery); none reports that the filters match nothing. Each
// walk of the first two reads an index in the list's order from the keyset and stops after
// limit rows; several walks are merged in order (UNION ALL of disjoint
// parts; PostgreSQL merges them with a Merge Append and stops at the
// limit).
//
// The limit is written into the statement, not passed as a parameter
// (pages have one size, so there are few such statements). Planning a
// list by viewer, a union of four walks, costs PostgreSQL about 1 ms, six
// times what running it does; pgx keeps each statement prepared, and
// PostgreSQL switches a prepared statement to its generic plan, planned
// once, only when that plan costs no more than the plans made for each
// call's values. With the limit a parameter, the generic plan cannot know
// it will stop after a page and looks dearer, so every call was planned
// again; with the limit written in, the same walks are planned once per
// connection.
func meetingListQuery(p *store.MeetingListParams, walk listWalk) (query string, args []any, none bool) {
	if p.MatchesNothing() {
		// A recorded_by[] or teams[] filter named nothing that exists.
		return "", nil, true
	}
	var a argList
	var branches []string
	switch walk {
	case walkViewerSet:
		return viewerSetQuery(p, &a), a, false
	case walkByViewer:
		branches = viewerWalks(p, &a)
	default:
		branches = filterWalks(p, &a)
	}
	if len(branches) == 1 {
		query = branches[0] + ` ORDER BY m.created_at DESC, m.id DESC`
	} else {
		// A union orders by its result columns: 12 is created_at.
		query = `(` + strings.Join(branches, ")\nUNION ALL\n(") + `) ORDER BY 12 DESC, 1 DESC`
	}
	if p.Limit > 0 {
		query += ` LIMIT ` + strconv.Itoa(p.Limit)
	}
	return query, a, false
}

// grantColumns are meetingColumns read through a sharing table aliased g:
// the id and created_at come from g, so that the merge sees the order of
// g's index.
var grantColumns = strings.NewReplacer("m.id,", "g.meeting_id,", "m.created_at,", "g.created_at,").Replace(meetingColumns)

// viewerWalks are the parts of a list by viewer, one per kind of meeting
// the viewer may see; each leaves out what an earlier one yields, with a
// lookup by primary key, so that the parts are disjoint.
func viewerWalks(p *store.MeetingListParams, a *argList) []string {
	v := p.Viewer
	tenant, user := a.add(v.TenantID), a.add(v.UserID)
	notMine := ` AND m.recorder_id <> ` + user
	notShared := ` AND NOT EXISTS (SELECT 1 FROM meeting_users u WHERE u.meeting_id = m.id AND u.user_id = ` + user + `)`
	type walk struct{ from, cond, created, id string }
	walks := []walk{
		{`meetings m`, `m.recorder_id = ` + user + ` AND m.tenant_id = ` + tenant, "m.created_at", "m.id"},
		{`meeting_users g JOIN meetings m ON m.id = g.meeting_id`, `g.user_id = ` + user + ` AND m.tenant_id = ` + tenant + notMine,
			"g.created_at", "g.meeting_id"},
	}
	if v.TeamID != 0 {
		team := a.add(v.TeamID)
		walks = append(walks,
			walk{`meeting_teams g JOIN meetings m ON m.id = g.meeting_id`, `g.team_id = ` + team + ` AND m.tenant_id = ` + tenant + notMine + notShared,
				"g.created_at", "g.meeting_id"},
			walk{`meetings m`, `m.tenant_id = ` + tenant + ` AND m.share_all_teams` + notMine + notShared +
				` AND NOT EXISTS (SELECT 1 FROM meeting_teams t WHERE t.meeting_id = m.id AND t.team_id = ` + team + `)`,
				"m.created_at", "m.id"})
	}
	filters := meetingFilters(p, a, "m.created_at", "m.id")
	var company string
	if d := p.CompanyDomains; len(d) > 0 {
		company = ` AND m.company_domain = ANY(` + a.add(d) + `)`
	}
	// Each part is limited too: the page is among the first limit rows of
	// each, and a part with a limit of its own is planned as a walk that
	// stops early, where without one the planner may join and sort all of
	// a busy team's meetings.
	var limit string
	if p.Limit > 0 {
		limit = ` LIMIT ` + strconv.Itoa(p.Limit)
	}
	var branches []string
	for _, w := range walks {
		cols, where := meetingColumns, filters
		if w.id != "m.id" {
			cols, where = grantColumns, meetingFilters(p, a, w.created, w.id)
		}
		branches = append(branches, `SELECT `+cols+` FROM `+w.from+` WHERE `+w.cond+where+company+
			` ORDER BY `+w.created+` DESC, `+w.id+` DESC`+limit)
	}
	return branches
}

// viewerSetQuery is the query of a list of a small viewer's set
// (walkViewerSet): the ids of every meeting the viewer may see, from the
// same indexes as viewerWalks, each looked up by id and tested against the
// filters, then sorted. Its cost follows the viewer's set, never the
// workspace, whatever the planner thinks of the filters: the lookup is a
// LATERAL subquery that OFFSET 0 keeps from being flattened into a join,
// so it can only be a nested loop over the ids. Joined plainly, the
// generic plan of the statement (which knows neither the viewer nor the
// filter) read a company's meetings of the team through meetings_company
// in every part of the union, and that grows with the workspace.
func viewerSetQuery(p *store.MeetingListParams, a *argList) string {
	v := p.Viewer
	tenant, user := a.add(v.TenantID), a.add(v.UserID)
	ids := []string{
		`SELECT id FROM meetings WHERE recorder_id = ` + user,
		`SELECT meeting_id FROM meeting_users WHERE user_id = ` + user,
	}
	if v.TeamID != 0 {
		ids = append(ids,
			`SELECT meeting_id FROM meeting_teams WHERE team_id = `+a.add(v.TeamID),
			`SELECT id FROM meetings WHERE tenant_id = `+tenant+` AND share_all_teams`)
	}
	var company string
	if d := p.CompanyDomains; len(d) > 0 {
		company = ` AND m.company_domain = ANY(` + a.add(d) + `)`
	}
	query := `SELECT ` + meetingColumns + ` FROM (` + strings.Join(ids, " UNION ") + `) v(id)
CROSS JOIN LATERAL (SELECT * FROM meetings m WHERE m.id = v.id OFFSET 0) m
WHERE m.tenant_id = ` + tenant + company + meetingFilters(p, a, "m.created_at", "m.id") + `
ORDER BY m.created_at DESC, m.id DESC`
	if p.Limit > 0 {
		query += ` LIMIT ` + strconv.Itoa(p.Limit)
	}
	return query
}

// filterWalks are the parts of a list by filter: one walk of the filter's
// index, or one per company when there are several, a meeting having one.
func filterWalks(p *store.MeetingListParams, a *argList) []string {
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
	var branches []string
	for _, company := range companies {
		branches = append(branches, `SELECT `+meetingColumns+` FROM meetings m WHERE m.tenant_id = `+a.add(p.Viewer.TenantID)+
			company()+meetingFilters(p, a, "m.created_at", "m.id")+` AND `+visibleTo(p.Viewer, a))
	}
	return branches
}

// maxMergedCompanies bounds the branches of a merged company list; a
// longer list is one = ANY.
const maxMergedCompanies = 16

// meetingFilters returns the conditions, each starting with AND, of every
// filter but the tenant, the company and visibility. created and id name
// the columns the walk is ordered by.
func meetingFilters(p *store.MeetingListParams, a *argList, created, id string) string {
	var b strings.Builder
	if !p.CreatedAfter.IsZero() {
		b.WriteString(` AND ` + created + ` > ` + a.add(p.CreatedAfter))
	}
	if !p.CreatedBefore.IsZero() {
		b.WriteString(` AND ` + created + ` < ` + a.add(p.CreatedBefore))
	}
	if k := p.Before; k != nil {
		// The row value gives the index a range to start from.
		b.WriteString(` AND (` + created + `, ` + id + `) < (` + a.add(k.CreatedAt) + `, ` + a.add(k.ID) + `)`)
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
