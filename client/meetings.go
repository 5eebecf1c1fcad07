package client

import (
	"context"
	"net/http"
	"time"
)

// Meeting is a recording as the meetings API (Fathom's External API v1)
// returns it.
type Meeting struct {
	Title                       string           `json:"title"`
	MeetingTitle                *string          `json:"meeting_title"`
	RecordingID                 int64            `json:"recording_id"`
	URL                         string           `json:"url"`
	ShareURL                    string           `json:"share_url"`
	CreatedAt                   time.Time        `json:"created_at"`
	ScheduledStartTime          time.Time        `json:"scheduled_start_time"`
	ScheduledEndTime            time.Time        `json:"scheduled_end_time"`
	RecordingStartTime          time.Time        `json:"recording_start_time"`
	RecordingEndTime            time.Time        `json:"recording_end_time"`
	CalendarInviteesDomainsType string           `json:"calendar_invitees_domains_type"`
	TranscriptLanguage          string           `json:"transcript_language"`
	Transcript                  []TranscriptItem `json:"transcript"`
	DefaultSummary              *Summary         `json:"default_summary"`
	ActionItems                 []ActionItem     `json:"action_items"`
	CalendarInvitees            []Invitee        `json:"calendar_invitees"`
	RecordedBy                  FathomUser       `json:"recorded_by"`
	MeetingType                 *string          `json:"meeting_type"`
	MeetingURL                  *string          `json:"meeting_url"`
	SharedWith                  string           `json:"shared_with"`
}

// TranscriptItem is one utterance; Timestamp is HH:MM:SS from the start.
type TranscriptItem struct {
	Speaker   Speaker `json:"speaker"`
	Text      string  `json:"text"`
	Timestamp string  `json:"timestamp"`
}

// Speaker is who said an utterance.
type Speaker struct {
	DisplayName                 string  `json:"display_name"`
	MatchedCalendarInviteeEmail *string `json:"matched_calendar_invitee_email,omitempty"`
}

// Summary is a meeting's summary in Markdown.
type Summary struct {
	TemplateName      *string `json:"template_name"`
	MarkdownFormatted *string `json:"markdown_formatted"`
}

// ActionItem is a task a meeting produced.
type ActionItem struct {
	Description          string   `json:"description"`
	UserGenerated        bool     `json:"user_generated"`
	Completed            bool     `json:"completed"`
	RecordingTimestamp   string   `json:"recording_timestamp"`
	RecordingPlaybackURL string   `json:"recording_playback_url"`
	Assignee             Assignee `json:"assignee"`
}

// Assignee is who an action item is for; every field may be nil.
type Assignee struct {
	Name  *string `json:"name"`
	Email *string `json:"email"`
	Team  *string `json:"team"`
}

// Invitee is a calendar invitee.
type Invitee struct {
	Name        *string `json:"name"`
	Email       *string `json:"email"`
	EmailDomain *string `json:"email_domain"`
	IsExternal  bool    `json:"is_external"`
}

// FathomUser is the user who recorded a meeting.
type FathomUser struct {
	Name        string  `json:"name"`
	Email       string  `json:"email"`
	EmailDomain string  `json:"email_domain"`
	Team        *string `json:"team"`
}

// RecordingInput creates a recording on a self-hosted server (an
// extension of the API). Only Transcript is needed; the rest defaults.
type RecordingInput struct {
	ExternalID   string `json:"external_id,omitempty"`
	Title        string `json:"title,omitempty"`
	MeetingTitle string `json:"meeting_title,omitempty"`
	// MeetingType names one of the workspace's meeting types (a new name
	// adds one); MeetingURL is the conferencing join link.
	MeetingType        string           `json:"meeting_type,omitempty"`
	MeetingURL         string           `json:"meeting_url,omitempty"`
	RecordedBy         string           `json:"recorded_by,omitempty"`
	RecordingStartTime *time.Time       `json:"recording_start_time,omitempty"`
	RecordingEndTime   *time.Time       `json:"recording_end_time,omitempty"`
	CalendarInvitees   []InviteeInput   `json:"calendar_invitees,omitempty"`
	Transcript         []TranscriptItem `json:"transcript"`
	Share              *Share           `json:"share,omitempty"`
}

// InviteeInput is a calendar invitee of a new recording.
type InviteeInput struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// Share says who may see a new recording besides its recorder.
type Share struct {
	Teams    []string `json:"teams,omitempty"`
	Users    []string `json:"users,omitempty"`
	AllTeams bool     `json:"all_teams,omitempty"`
}

// CreateRecording creates a recording; created is false when one with the
// same ExternalID existed, which is then returned.
func (c *Client) CreateRecording(ctx context.Context, in RecordingInput) (m *Meeting, created bool, err error) {
	status, err := c.external(ctx, request{method: http.MethodPost, path: "/recordings", in: in}, &m)
	return m, status == http.StatusCreated, err
}
