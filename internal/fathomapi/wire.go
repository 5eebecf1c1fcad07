package fathomapi

import (
	"strconv"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/transcript"
)

// Wire structs of Fathom's External API v1 (spec §9). Every required key
// is always present; slices are never nil, because the official SDK
// rejects null where it wants an array.

type meetingJSON struct {
	Title                       string            `json:"title"`
	MeetingTitle                *string           `json:"meeting_title"`
	RecordingID                 int64             `json:"recording_id"`
	URL                         string            `json:"url"`
	ShareURL                    string            `json:"share_url"`
	CreatedAt                   string            `json:"created_at"`
	ScheduledStartTime          string            `json:"scheduled_start_time"`
	ScheduledEndTime            string            `json:"scheduled_end_time"`
	RecordingStartTime          string            `json:"recording_start_time"`
	RecordingEndTime            string            `json:"recording_end_time"`
	CalendarInviteesDomainsType string            `json:"calendar_invitees_domains_type"`
	TranscriptLanguage          string            `json:"transcript_language"`
	Transcript                  *[]transcriptJSON `json:"transcript"`
	DefaultSummary              *summaryJSON      `json:"default_summary"`
	ActionItems                 *[]actionItemJSON `json:"action_items"`
	CalendarInvitees            []inviteeJSON     `json:"calendar_invitees"`
	RecordedBy                  userJSON          `json:"recorded_by"`
	CRMMatches                  *crmMatchesJSON   `json:"crm_matches"`
	MeetingType                 *string           `json:"meeting_type"`
	MeetingURL                  *string           `json:"meeting_url"`
	SharedWith                  string            `json:"shared_with"`
	Highlights                  *[]struct{}       `json:"highlights"`
}

type transcriptJSON struct {
	Speaker   speakerJSON `json:"speaker"`
	Text      string      `json:"text"`
	Timestamp string      `json:"timestamp"`
}

type speakerJSON struct {
	DisplayName                 string  `json:"display_name"`
	MatchedCalendarInviteeEmail *string `json:"matched_calendar_invitee_email"`
}

type summaryJSON struct {
	TemplateName      *string `json:"template_name"`
	MarkdownFormatted *string `json:"markdown_formatted"`
}

type actionItemJSON struct {
	Description          string       `json:"description"`
	UserGenerated        bool         `json:"user_generated"`
	Completed            bool         `json:"completed"`
	RecordingTimestamp   string       `json:"recording_timestamp"`
	RecordingPlaybackURL string       `json:"recording_playback_url"`
	Assignee             assigneeJSON `json:"assignee"`
}

type assigneeJSON struct {
	Name  *string `json:"name"`
	Email *string `json:"email"`
	Team  *string `json:"team"`
}

type inviteeJSON struct {
	Name                      *string `json:"name"`
	MatchedSpeakerDisplayName *string `json:"matched_speaker_display_name,omitempty"`
	Email                     *string `json:"email"`
	EmailDomain               *string `json:"email_domain"`
	IsExternal                bool    `json:"is_external"`
}

type userJSON struct {
	Name        string  `json:"name"`
	Email       string  `json:"email"`
	EmailDomain string  `json:"email_domain"`
	Team        *string `json:"team"`
}

// crmMatchesJSON is always empty: no CRM is connected to this server.
type crmMatchesJSON struct {
	Contacts  []struct{} `json:"contacts"`
	Companies []struct{} `json:"companies"`
	Deals     []struct{} `json:"deals"`
	Error     *string    `json:"error"`
}

type listJSON[T any] struct {
	Limit      int     `json:"limit"`
	NextCursor *string `json:"next_cursor"`
	Items      []T     `json:"items"`
}

type teamJSON struct {
	Name      string `json:"name"`
	CreatedAt string `json:"created_at"`
}

type teamMemberJSON struct {
	Name      string `json:"name"`
	Email     string `json:"email"`
	CreatedAt string `json:"created_at"`
}

type webhookJSON struct {
	ID                 string   `json:"id"`
	URL                string   `json:"url"`
	Secret             string   `json:"secret,omitempty"`
	CreatedAt          string   `json:"created_at"`
	IncludeTranscript  bool     `json:"include_transcript"`
	IncludeCRMMatches  bool     `json:"include_crm_matches"`
	IncludeSummary     bool     `json:"include_summary"`
	IncludeActionItems bool     `json:"include_action_items"`
	TriggeredFor       []string `json:"triggered_for"`
}

// timeJSON is the API's date-time form: UTC, second precision (spec §3.2).
func timeJSON(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toTranscript(items []fathom.TranscriptItem) []transcriptJSON {
	out := make([]transcriptJSON, len(items))
	for i, it := range items {
		out[i] = transcriptJSON{Speaker: speakerJSON{DisplayName: it.Speaker, MatchedCalendarInviteeEmail: strPtr(it.SpeakerEmail)},
			Text: it.Text, Timestamp: transcript.FormatTimestamp(it.At)}
	}
	return out
}

func toSummary(s *fathom.Summary) *summaryJSON {
	if s == nil {
		return nil
	}
	return &summaryJSON{TemplateName: strPtr(s.TemplateName), MarkdownFormatted: strPtr(s.Markdown)}
}

func toWebhook(w *fathom.Webhook, withSecret bool) webhookJSON {
	out := webhookJSON{ID: w.ID, URL: w.URL, CreatedAt: timeJSON(w.CreatedAt), IncludeTranscript: w.Include.Transcript,
		IncludeCRMMatches: w.Include.CRMMatches, IncludeSummary: w.Include.Summary, IncludeActionItems: w.Include.ActionItems,
		TriggeredFor: append([]string{}, w.TriggeredFor...)}
	if withSecret {
		out.Secret = w.Secret
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

type meetingTypeJSON struct {
	Name      string `json:"name"`
	Status    string `json:"status"`
	CreatedAt string `json:"created_at"`
}

// workspaceUserJSON is an item of GET /users. Invitees have no
// permissions yet, so theirs is left out, and their created_at is the
// invitation's date (spec §8.9).
type workspaceUserJSON struct {
	Name        string           `json:"name"`
	Email       string           `json:"email"`
	Team        *string          `json:"team"`
	Status      string           `json:"status"`
	CreatedAt   string           `json:"created_at"`
	Permissions *permissionsJSON `json:"permissions,omitempty"`
}

// permissionsJSON: settings_access is the user's level; view_access what
// it sees of others' recordings under this server's visibility rule:
// "team" (those shared with its team or all teams, and with it) or
// "own_and_shared" (a user with no team: only those shared with it).
type permissionsJSON struct {
	SettingsAccess string `json:"settings_access"`
	ViewAccess     string `json:"view_access"`
}
