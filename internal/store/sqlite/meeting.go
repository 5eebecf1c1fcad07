package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// A meeting is one row of meetings (what lists show), its sharing in
// meeting_teams and meeting_users (with a copy of its created_at, for the
// lists that walk them: see meeting_list.go), and its large content in one
// row of meeting_contents: the transcript and action items as JSON arrays
// (in the encoding of store.MarshalTranscript and the rest), so that
// creating a meeting of a thousand utterances is three or four statements,
// not a thousand.

// jsonInts encodes ids as a JSON array for json_each.
func jsonInts(ids []int64) string {
	b := make([]byte, 0, 2+len(ids)*8)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// meetingColumns are read with the table aliased m.
const meetingColumns = `m.id, m.tenant_id, m.recorder_id, m.recorder_team_id, m.recorder_external, coalesce(m.external_key, ''),
m.title, m.meeting_title, m.meeting_type, m.meeting_url, m.share_token, m.created_at, m.scheduled_start, m.scheduled_end,
m.recording_start, m.recording_end, m.language, m.status, m.share_all_teams, m.external, m.company_domain, m.invitees,
m.summary_template, m.summary_markdown, m.processed_at`

func scanMeeting(row interface{ Scan(...any) error }) (*fathom.Meeting, error) {
	var m fathom.Meeting
	var created, recStart, recEnd, invitees string
	var schedStart, schedEnd, template, markdown, processed sql.NullString
	err := row.Scan(&m.ID, &m.TenantID, &m.RecorderID, &m.RecorderTeamID, &m.RecorderExternal, &m.ExternalKey,
		&m.Title, &m.MeetingTitle, &m.MeetingType, &m.MeetingURL, &m.ShareToken, &created, &schedStart, &schedEnd,
		&recStart, &recEnd, &m.Language, &m.Status, &m.Sharing.AllTeams, &m.External, &m.CompanyDomain, &invitees,
		&template, &markdown, &processed)
	if err != nil {
		return nil, interpretError(err)
	}
	m.ProcessedAt = parseTimePtr(processed)
	m.CreatedAt, m.RecordingStart, m.RecordingEnd = parseTime(created), parseTime(recStart), parseTime(recEnd)
	if schedStart.Valid {
		m.ScheduledStart = parseTime(schedStart.String)
	}
	if schedEnd.Valid {
		m.ScheduledEnd = parseTime(schedEnd.String)
	}
	if markdown.Valid {
		m.Summary = &fathom.Summary{TemplateName: template.String, Markdown: markdown.String}
	}
	if m.Invitees, err = store.UnmarshalInvitees(invitees); err != nil {
		return nil, fmt.Errorf("meeting %d: %w", m.ID, err)
	}
	return &m, nil
}

func (q queries) MeetingGet(ctx context.Context, tenantID, meetingID int64) (*fathom.Meeting, error) {
	return q.meetingGet(ctx, `SELECT `+meetingColumns+` FROM meetings m WHERE m.id = ? AND m.tenant_id = ?`, meetingID, tenantID)
}

func (q queries) MeetingGetByExternalKey(ctx context.Context, tenantID int64, key string) (*fathom.Meeting, error) {
	return q.meetingGet(ctx, `SELECT `+meetingColumns+` FROM meetings m WHERE m.tenant_id = ? AND m.external_key = ?`, tenantID, key)
}

func (q queries) MeetingGetByShareToken(ctx context.Context, token string) (*fathom.Meeting, error) {
	return q.meetingGet(ctx, `SELECT `+meetingColumns+` FROM meetings m WHERE m.share_token = ?`, token)
}

func (q queries) meetingGet(ctx context.Context, query string, args ...any) (*fathom.Meeting, error) {
	m, err := scanMeeting(q.db.QueryRowContext(ctx, query, args...))
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
	set := jsonInts(ids)
	for _, table := range []struct {
		query string
		add   func(m *fathom.Meeting, id int64)
	}{
		{`SELECT meeting_id, team_id FROM meeting_teams WHERE meeting_id IN (SELECT value FROM json_each(?)) ORDER BY meeting_id, team_id`,
			func(m *fathom.Meeting, id int64) { m.Sharing.TeamIDs = append(m.Sharing.TeamIDs, id) }},
		{`SELECT meeting_id, user_id FROM meeting_users WHERE meeting_id IN (SELECT value FROM json_each(?)) ORDER BY meeting_id, user_id`,
			func(m *fathom.Meeting, id int64) { m.Sharing.UserIDs = append(m.Sharing.UserIDs, id) }},
	} {
		if err := q.eachPair(ctx, table.query, set, func(meetingID, id int64) {
			if m := byID[meetingID]; m != nil {
				table.add(m, id)
			}
		}); err != nil {
			return fmt.Errorf("load meeting sharing: %w", err)
		}
	}
	return nil
}

func (q queries) eachPair(ctx context.Context, query string, arg any, fn func(a, b int64)) error {
	rows, err := q.db.QueryContext(ctx, query, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		fn(a, b)
	}
	return rows.Err()
}

func (q queries) MeetingContent(ctx context.Context, meetingID int64) ([]fathom.TranscriptItem, []fathom.ActionItem, error) {
	var transcript, actions string
	err := q.db.QueryRowContext(ctx, `SELECT transcript, action_items FROM meeting_contents WHERE meeting_id = ?`, meetingID).
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
	var key, template, markdown any
	if m.ExternalKey != "" {
		key = m.ExternalKey // NULL otherwise: key-less meetings never collide
	}
	if m.Summary != nil {
		template, markdown = m.Summary.TemplateName, m.Summary.Markdown
	}
	res, err := t.db.ExecContext(ctx, `INSERT INTO meetings (tenant_id, recorder_id, recorder_team_id, recorder_external,
external_key, title, meeting_title, meeting_type, meeting_url, share_token, created_at, scheduled_start, scheduled_end,
recording_start, recording_end, language, status, share_all_teams, external, company_domain, invitees, summary_template,
summary_markdown) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.TenantID, m.RecorderID, m.RecorderTeamID, m.RecorderExternal, key, m.Title, m.MeetingTitle, m.MeetingType,
		m.MeetingURL, m.ShareToken, formatTime(m.CreatedAt), nullTime(m.ScheduledStart), nullTime(m.ScheduledEnd),
		formatTime(m.RecordingStart), formatTime(m.RecordingEnd), m.Language, status, m.Sharing.AllTeams, m.External,
		m.CompanyDomain, invitees, template, markdown)
	if err != nil {
		return fmt.Errorf("create meeting: %w", interpretError(err))
	}
	id, _ := res.LastInsertId()
	if len(m.Sharing.TeamIDs) > 0 {
		_, err := t.db.ExecContext(ctx, `INSERT INTO meeting_teams (meeting_id, team_id, created_at)
SELECT DISTINCT ?, value, ? FROM json_each(?)`, id, formatTime(m.CreatedAt), jsonInts(m.Sharing.TeamIDs))
		if err != nil {
			return fmt.Errorf("share meeting with teams: %w", interpretError(err))
		}
	}
	if len(m.Sharing.UserIDs) > 0 {
		_, err := t.db.ExecContext(ctx, `INSERT INTO meeting_users (meeting_id, user_id, created_at)
SELECT DISTINCT ?, value, ? FROM json_each(?)`, id, formatTime(m.CreatedAt), jsonInts(m.Sharing.UserIDs))
		if err != nil {
			return fmt.Errorf("share meeting with users: %w", interpretError(err))
		}
	}
	_, err = t.db.ExecContext(ctx, `INSERT INTO meeting_contents (meeting_id, transcript, action_items) VALUES (?, ?, ?)`,
		id, transcript, actions)
	if err != nil {
		return fmt.Errorf("store meeting content: %w", interpretError(err))
	}
	m.ID, m.Status = id, status
	return nil
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

func (t *tx) MeetingProcessed(ctx context.Context, p *store.MeetingProcessedParams) error {
	actions, err := store.MarshalActions(p.ActionItems)
	if err != nil {
		return err
	}
	err = execOne(ctx, t.db, `UPDATE meetings SET language = ?, summary_template = ?, summary_markdown = ?, status = ?,
processed_at = ? WHERE id = ? AND tenant_id = ?`, p.Language, p.Summary.TemplateName, p.Summary.Markdown,
		fathom.MeetingReady, formatTime(p.At), p.MeetingID, p.TenantID)
	if err != nil {
		return fmt.Errorf("mark meeting %d processed: %w", p.MeetingID, err)
	}
	_, err = t.db.ExecContext(ctx, `INSERT INTO meeting_contents (meeting_id, action_items) VALUES (?, ?)
ON CONFLICT (meeting_id) DO UPDATE SET action_items = excluded.action_items`, p.MeetingID, actions)
	if err != nil {
		return fmt.Errorf("store action items: %w", err)
	}
	return t.indexMeeting(ctx, p)
}
