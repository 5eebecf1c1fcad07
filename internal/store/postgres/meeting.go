package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// A meeting is one row of meetings (what lists show), its sharing in
// meeting_teams and meeting_users (with a copy of its created_at, for the
// lists that walk them: see meeting_list.go), and its large content in one
// row of meeting_contents: the transcript and action items as JSON arrays
// in the shared encoding (store.MarshalTranscript and the rest).

// meetingColumns are read with the table aliased m; created_at is the
// twelfth, which ordered unions name by position.
const meetingColumns = `m.id, m.tenant_id, m.recorder_id, m.recorder_team_id, m.recorder_external, coalesce(m.external_key, ''),
m.title, m.meeting_title, m.meeting_type, m.meeting_url, m.share_token, m.created_at, m.scheduled_start, m.scheduled_end,
m.recording_start, m.recording_end, m.language, m.status, m.share_all_teams, m.external, m.company_domain, m.invitees,
m.summary_template, m.summary_markdown, m.processed_at`

// scanMeeting reads meetingColumns, then into more the columns that
// follow them.
func scanMeeting(row interface{ Scan(...any) error }, more ...any) (*fathom.Meeting, error) {
	var m fathom.Meeting
	var invitees string
	var schedStart, schedEnd *time.Time
	var template, markdown *string
	err := row.Scan(append([]any{&m.ID, &m.TenantID, &m.RecorderID, &m.RecorderTeamID, &m.RecorderExternal, &m.ExternalKey,
		&m.Title, &m.MeetingTitle, &m.MeetingType, &m.MeetingURL, &m.ShareToken, &m.CreatedAt, &schedStart, &schedEnd,
		&m.RecordingStart, &m.RecordingEnd, &m.Language, &m.Status, &m.Sharing.AllTeams, &m.External, &m.CompanyDomain,
		&invitees, &template, &markdown, &m.ProcessedAt}, more...)...)
	if err != nil {
		return nil, interpretError(err)
	}
	if schedStart != nil {
		m.ScheduledStart = *schedStart
	}
	if schedEnd != nil {
		m.ScheduledEnd = *schedEnd
	}
	if markdown != nil {
		m.Summary = &fathom.Summary{Markdown: *markdown}
		if template != nil {
			m.Summary.TemplateName = *template
		}
	}
	if m.Invitees, err = store.UnmarshalInvitees(invitees); err != nil {
		return nil, fmt.Errorf("meeting %d: %w", m.ID, err)
	}
	return &m, nil
}

func (q queries) MeetingGet(ctx context.Context, tenantID, meetingID int64) (*fathom.Meeting, error) {
	return q.meetingGet(ctx, `SELECT `+meetingColumns+` FROM meetings m WHERE m.id = $1 AND m.tenant_id = $2`, meetingID, tenantID)
}

func (q queries) MeetingGetByExternalKey(ctx context.Context, tenantID int64, key string) (*fathom.Meeting, error) {
	return q.meetingGet(ctx, `SELECT `+meetingColumns+` FROM meetings m WHERE m.tenant_id = $1 AND m.external_key = $2`, tenantID, key)
}

func (q queries) MeetingGetByShareToken(ctx context.Context, token string) (*fathom.Meeting, error) {
	return q.meetingGet(ctx, `SELECT `+meetingColumns+` FROM meetings m WHERE m.share_token = $1`, token)
}

func (q queries) meetingGet(ctx context.Context, query string, args ...any) (*fathom.Meeting, error) {
	m, err := scanMeeting(q.q.QueryRow(ctx, query, args...))
	if err != nil {
		return nil, err
	}
	if err := q.loadSharing(ctx, []*fathom.Meeting{m}); err != nil {
		return nil, err
	}
	return m, nil
}

// loadSharing fills the teams and users that ms are shared with: one query
// per table for the whole page.
func (q queries) loadSharing(ctx context.Context, ms []*fathom.Meeting) error {
	if len(ms) == 0 {
		return nil
	}
	byID := make(map[int64]*fathom.Meeting, len(ms))
	ids := make([]int64, len(ms))
	for i, m := range ms {
		byID[m.ID], ids[i] = m, m.ID
	}
	for _, table := range []struct {
		query string
		add   func(m *fathom.Meeting, id int64)
	}{
		{`SELECT meeting_id, team_id FROM meeting_teams WHERE meeting_id = ANY($1) ORDER BY meeting_id, team_id`,
			func(m *fathom.Meeting, id int64) { m.Sharing.TeamIDs = append(m.Sharing.TeamIDs, id) }},
		{`SELECT meeting_id, user_id FROM meeting_users WHERE meeting_id = ANY($1) ORDER BY meeting_id, user_id`,
			func(m *fathom.Meeting, id int64) { m.Sharing.UserIDs = append(m.Sharing.UserIDs, id) }},
	} {
		rows, err := q.q.Query(ctx, table.query, ids)
		if err != nil {
			return fmt.Errorf("load meeting sharing: %w", err)
		}
		for rows.Next() {
			var meetingID, id int64
			if err := rows.Scan(&meetingID, &id); err != nil {
				rows.Close()
				return fmt.Errorf("load meeting sharing: %w", err)
			}
			if m := byID[meetingID]; m != nil {
				table.add(m, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("load meeting sharing: %w", err)
		}
	}
	return nil
}

func (q queries) MeetingContent(ctx context.Context, meetingID int64) ([]fathom.TranscriptItem, []fathom.ActionItem, error) {
	var transcript, actions string
	err := q.q.QueryRow(ctx, `SELECT transcript, action_items FROM meeting_contents WHERE meeting_id = $1`, meetingID).
		Scan(&transcript, &actions)
	if err != nil {
		return nil, nil, fmt.Errorf("meeting content %d: %w", meetingID, interpretError(err))
	}
	items, err := store.UnmarshalTranscript(transcript)
	if err != nil {
		return nil, nil, err
	}
	acts, err := store.UnmarshalActions(actions)
	if err != nil {
		return nil, nil, err
	}
	return items, acts, nil
}

// MeetingCreate writes the meeting, its sharing and its content in one
// statement. A taken external key does not abort the transaction (ON
// CONFLICT DO NOTHING): the caller may read the meeting that holds the key,
// which is how two servers ingesting the same recording at once both answer
// with the first one's meeting.
func (t *tx) MeetingCreate(ctx context.Context, m *fathom.Meeting) error {
	invitees, err := store.MarshalInvitees(m.Invitees)
	if err != nil {
		return err
	}
	transcript, err := store.MarshalTranscript(m.Transcript)
	if err != nil {
		return err
	}
	actions, err := store.MarshalActions(m.ActionItems)
	if err != nil {
		return err
	}
	status := m.Status
	if status == "" {
		status = fathom.MeetingProcessing
	}
	var key, template, markdown *string
	if m.ExternalKey != "" {
		key = &m.ExternalKey // NULL otherwise: key-less meetings never collide
	}
	if m.Summary != nil {
		template, markdown = &m.Summary.TemplateName, &m.Summary.Markdown
	}
	teams, users := m.Sharing.TeamIDs, m.Sharing.UserIDs
	if teams == nil {
		teams = []int64{}
	}
	if users == nil {
		users = []int64{}
	}
	var id int64
	err = t.q.QueryRow(ctx, `WITH m AS (
	INSERT INTO meetings (tenant_id, recorder_id, recorder_team_id, recorder_external, external_key, title, meeting_title,
		meeting_type, meeting_url, share_token, created_at, scheduled_start, scheduled_end, recording_start, recording_end,
		language, status, share_all_teams, external, company_domain, invitees, summary_template, summary_markdown)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
	ON CONFLICT (tenant_id, external_key) DO NOTHING
	RETURNING id
), teams AS (
	INSERT INTO meeting_teams (meeting_id, team_id, created_at) SELECT DISTINCT m.id, x, $11::timestamptz FROM m, unnest($24::bigint[]) x
), users AS (
	INSERT INTO meeting_users (meeting_id, user_id, created_at) SELECT DISTINCT m.id, x, $11::timestamptz FROM m, unnest($25::bigint[]) x
), content AS (
	INSERT INTO meeting_contents (meeting_id, transcript, action_items) SELECT m.id, $26, $27 FROM m
)
SELECT id FROM m`,
		m.TenantID, m.RecorderID, m.RecorderTeamID, m.RecorderExternal, key, m.Title, m.MeetingTitle, m.MeetingType,
		m.MeetingURL, m.ShareToken, m.CreatedAt, nullTime(m.ScheduledStart), nullTime(m.ScheduledEnd),
		m.RecordingStart, m.RecordingEnd, m.Language, status, m.Sharing.AllTeams, m.External,
		m.CompanyDomain, invitees, template, markdown, teams, users, transcript, actions).Scan(&id)
	if err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("create meeting: %w: external key %q is taken", store.ErrDuplicate, m.ExternalKey)
		}
		return fmt.Errorf("create meeting: %w", interpretError(err))
	}
	m.ID, m.Status = id, status
	return nil
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (t *tx) MeetingProcessed(ctx context.Context, p *store.MeetingProcessedParams) error {
	actions, err := store.MarshalActions(p.ActionItems)
	if err != nil {
		return err
	}
	// The update takes the meeting's row lock first: two processings of one
	// meeting (two servers) run one after the other, and the second
	// replaces what the first indexed.
	tag, err := t.q.Exec(ctx, `UPDATE meetings SET language = $1, summary_template = $2, summary_markdown = $3, status = $4,
processed_at = $5 WHERE id = $6 AND tenant_id = $7`, p.Language, p.Summary.TemplateName, p.Summary.Markdown,
		fathom.MeetingReady, p.At, p.MeetingID, p.TenantID)
	if err = oneRow(tag, err); err != nil {
		return fmt.Errorf("mark meeting %d processed: %w", p.MeetingID, err)
	}
	_, err = t.q.Exec(ctx, `INSERT INTO meeting_contents (meeting_id, action_items) VALUES ($1, $2)
ON CONFLICT (meeting_id) DO UPDATE SET action_items = excluded.action_items`, p.MeetingID, actions)
	if err != nil {
		return fmt.Errorf("store action items: %w", err)
	}
	return t.indexMeeting(ctx, p)
}

// oneRow maps a statement that changed no row to store.ErrNotFound.
func oneRow(tag pgconn.CommandTag, err error) error {
	if err != nil {
		return interpretError(err)
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}
