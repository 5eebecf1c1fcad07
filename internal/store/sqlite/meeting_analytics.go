package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func (t *tx) MeetingAnalyticsPut(ctx context.Context, a *fathom.MeetingAnalytics) error {
	speakers, err := store.MarshalSpeakers(a.Speakers)
	if err != nil {
		return err
	}
	_, err = t.db.ExecContext(ctx, `INSERT INTO meeting_analytics (meeting_id, tenant_id, length_ms, speakers) VALUES (?, ?, ?, ?)
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
	err := q.db.QueryRowContext(ctx, `SELECT length_ms, speakers FROM meeting_analytics WHERE meeting_id = ? AND tenant_id = ?`,
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
func period(after, before time.Time) (string, []any) {
	var b strings.Builder
	var args []any
	if !after.IsZero() {
		b.WriteString(` AND m.created_at > ?`)
		args = append(args, formatTime(after))
	}
	if !before.IsZero() {
		b.WriteString(` AND m.created_at < ?`)
		args = append(args, formatTime(before))
	}
	return b.String(), args
}

func (q queries) MeetingAnalyticsMissing(ctx context.Context, p *store.MeetingAnalyticsMissingParams) ([]int64, error) {
	cond, args := period(p.CreatedAfter, p.CreatedBefore)
	args = append([]any{p.TenantID, fathom.MeetingReady}, args...)
	rows, err := q.db.QueryContext(ctx, `SELECT m.id FROM meetings m WHERE m.tenant_id = ? AND m.status = ?`+cond+`
AND NOT EXISTS (SELECT 1 FROM meeting_analytics a WHERE a.meeting_id = m.id) ORDER BY m.id LIMIT ?`,
		append(args, sqlLimit(p.Limit))...)
	if err != nil {
		return nil, fmt.Errorf("meetings without analytics: %w", err)
	}
	return scanColumn[int64](rows)
}

func (q queries) MeetingAnalyticsScan(ctx context.Context, p *store.MeetingAnalyticsScanParams, fn func(a *fathom.MeetingAnalytics) error) error {
	teams, err := q.teamsByEmail(ctx, p.Viewer.TenantID)
	if err != nil {
		return err
	}
	visible, vargs := visibleTo(p.Viewer)
	cond, pargs := period(p.CreatedAfter, p.CreatedBefore)
	args := append(append([]any{p.Viewer.TenantID}, vargs...), pargs...)
	rows, err := q.db.QueryContext(ctx, `SELECT m.id, m.created_at, a.length_ms, a.speakers
FROM meetings m JOIN meeting_analytics a ON a.meeting_id = m.id
WHERE m.tenant_id = ? AND `+visible+cond+` AND a.speakers <> '[]'
ORDER BY m.created_at, m.id`, args...)
	if err != nil {
		return fmt.Errorf("scan analytics: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a := &fathom.MeetingAnalytics{TenantID: p.Viewer.TenantID}
		var created, speakers string
		var lengthMS int64
		if err := rows.Scan(&a.MeetingID, &created, &lengthMS, &speakers); err != nil {
			return err
		}
		a.CreatedAt, a.Length = parseTime(created), time.Duration(lengthMS)*time.Millisecond
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
	return rows.Err()
}

// teamsByEmail maps the email of each of the tenant's users in a team to
// that team.
func (q queries) teamsByEmail(ctx context.Context, tenantID int64) (map[string]fathom.Team, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT u.email, t.id, t.name FROM users u JOIN teams t ON t.id = u.team_id
WHERE u.tenant_id = ?`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("teams of users: %w", err)
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
	return out, rows.Err()
}
