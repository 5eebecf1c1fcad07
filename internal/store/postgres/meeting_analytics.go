package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/jackc/pgx/v5"
)

func (t *tx) MeetingAnalyticsPut(ctx context.Context, a *fathom.MeetingAnalytics) error {
	speakers, err := store.MarshalSpeakers(a.Speakers)
	if err != nil {
		return err
	}
	_, err = t.q.Exec(ctx, `INSERT INTO meeting_analytics (meeting_id, tenant_id, length_ms, speakers) VALUES ($1, $2, $3, $4)
ON CONFLICT (meeting_id) DO UPDATE SET length_ms = excluded.length_ms, speakers = excluded.speakers`,
		a.MeetingID, a.TenantID, a.Length.Milliseconds(), speakers)
	if err != nil {
		return fmt.Errorf("store analytics of meeting %d: %w", a.MeetingID, interpretError(err))
	}
	return nil
}

func (q queries) MeetingAnalyticsGet(ctx context.Context, tenantID, meetingID int64) (*fathom.MeetingAnalytics, error) {
	a := &fathom.MeetingAnalytics{MeetingID: meetingID, TenantID: tenantID}
	var lengthMS int64
	var speakers string
	err := q.q.QueryRow(ctx, `SELECT length_ms, speakers FROM meeting_analytics WHERE meeting_id = $1 AND tenant_id = $2`,
		meetingID, tenantID).Scan(&lengthMS, &speakers)
	if err != nil {
		return nil, fmt.Errorf("analytics of meeting %d: %w", meetingID, interpretError(err))
	}
	a.Length = time.Duration(lengthMS) * time.Millisecond
	if a.Speakers, err = store.UnmarshalSpeakers(speakers); err != nil {
		return nil, err
	}
	return a, nil
}

// period returns the conditions, each starting with AND, that keep
// m.created_at strictly inside (after, before); zero bounds are open.
func period(after, before time.Time, a *argList) string {
	var b strings.Builder
	if !after.IsZero() {
		b.WriteString(` AND m.created_at > ` + a.add(after))
	}
	if !before.IsZero() {
		b.WriteString(` AND m.created_at < ` + a.add(before))
	}
	return b.String()
}

func (q queries) MeetingAnalyticsMissing(ctx context.Context, p *store.MeetingAnalyticsMissingParams) ([]int64, error) {
	var args argList
	query := `SELECT m.id FROM meetings m WHERE m.tenant_id = ` + args.add(p.TenantID) + ` AND m.status = ` +
		args.add(fathom.MeetingReady) + period(p.CreatedAfter, p.CreatedBefore, &args) +
		` AND NOT EXISTS (SELECT 1 FROM meeting_analytics a WHERE a.meeting_id = m.id) ORDER BY m.id`
	if p.Limit > 0 {
		query += ` LIMIT ` + args.add(p.Limit)
	}
	rows, err := q.q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("meetings without analytics: %w", interpretError(err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return ids, interpretError(err)
}

func (q queries) MeetingAnalyticsScan(ctx context.Context, p *store.MeetingAnalyticsScanParams, fn func(a *fathom.MeetingAnalytics) error) error {
	teams, err := q.teamsByEmail(ctx, p.Viewer.TenantID)
	if err != nil {
		return err
	}
	var args argList
	query := `SELECT m.id, m.created_at, a.length_ms, a.speakers
FROM meetings m JOIN meeting_analytics a ON a.meeting_id = m.id
WHERE m.tenant_id = ` + args.add(p.Viewer.TenantID) + ` AND ` + visibleTo(p.Viewer, &args) +
		period(p.CreatedAfter, p.CreatedBefore, &args) + ` AND a.speakers <> '[]'
ORDER BY m.created_at, m.id`
	rows, err := q.q.Query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("scan analytics: %w", interpretError(err))
	}
	defer rows.Close()
	for rows.Next() {
		a := &fathom.MeetingAnalytics{TenantID: p.Viewer.TenantID}
		var speakers string
		var lengthMS int64
		if err := rows.Scan(&a.MeetingID, &a.CreatedAt, &lengthMS, &speakers); err != nil {
			return err
		}
		a.CreatedAt, a.Length = a.CreatedAt.UTC(), time.Duration(lengthMS)*time.Millisecond
		if a.Speakers, err = store.UnmarshalSpeakers(speakers); err != nil {
			return err
		}
		for i := range a.Speakers {
			if t, ok := teams[a.Speakers[i].Email]; ok {
				a.Speakers[i].TeamID, a.Speakers[i].TeamName = t.ID, t.Name
			}
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return interpretError(rows.Err())
}

// teamsByEmail maps the email of each of the tenant's users in a team to
// that team.
func (q queries) teamsByEmail(ctx context.Context, tenantID int64) (map[string]fathom.Team, error) {
	rows, err := q.q.Query(ctx, `SELECT u.email, t.id, t.name FROM users u JOIN teams t ON t.id = u.team_id
WHERE u.tenant_id = $1`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("teams of users: %w", interpretError(err))
	}
	defer rows.Close()
	out := map[string]fathom.Team{}
	for rows.Next() {
		var email string
		var t fathom.Team
		if err := rows.Scan(&email, &t.ID, &t.Name); err != nil {
			return nil, err
		}
		out[email] = t
	}
	return out, interpretError(rows.Err())
}
