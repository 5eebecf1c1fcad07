package fathom

import (
	"strings"
	"time"
)

// Team is a named group of a tenant's users. Meetings shared with a team are
// visible to its members.
type Team struct {
	ID        int64
	TenantID  int64
	Name      string
	CreatedAt time.Time
}

// MeetingType is a named kind of meeting of a workspace (Fathom's
// "meeting types"): what a meeting's meeting_type names.
type MeetingType struct {
	ID        int64
	TenantID  int64
	Name      string
	Status    string // MeetingTypeActive or MeetingTypeInactive
	CreatedAt time.Time
}

// Meeting type states.
const (
	MeetingTypeActive   = "active"
	MeetingTypeInactive = "inactive"
)

// User states in the workspace. An invited person is not a user yet: it
// is an Invitation, listed with this status.
const (
	UserActive      = "active"
	UserDeactivated = "deactivated" // its keys no longer open the meetings API
	UserInvited     = "invited"
)

// Settings access levels: who may change the workspace. Only an account
// admin may list the workspace's users through the API.
const (
	SettingsNone         = "none"
	SettingsTeamAdmin    = "team_admin"
	SettingsAccountAdmin = "account_admin"
)

// Member is a user as the meetings API sees one: with the team it belongs
// to (if any) and whether its email domain is one of the workspace's.
type Member struct {
	User
	TeamID   int64  // 0: no team
	TeamName string // "" when TeamID is 0
	// Status is UserActive or UserDeactivated; SettingsAccess one of the
	// Settings* levels.
	Status         string
	SettingsAccess string
	// External is true for a guest: a user whose email domain is not one of
	// the workspace's domains. Calls recorded by guests are returned by
	// /meetings only when the guest is named in recorded_by[].
	External bool
}

// Invitation is a person invited to a workspace who has not joined yet;
// adding a user with its email ends it.
type Invitation struct {
	ID        int64
	TenantID  int64
	Email     string
	Name      string
	TeamID    int64  // 0: no team
	TeamName  string // "" when TeamID is 0
	CreatedAt time.Time
}

// Sharing says who besides its recorder may see a meeting.
type Sharing struct {
	// AllTeams shares the meeting with every team of the workspace.
	AllTeams bool
	// TeamIDs are the teams it is shared with (ignored when AllTeams).
	TeamIDs []int64
	// UserIDs are the users it is shared with individually.
	UserIDs []int64
}

// SharedWith is the team-level sharing scope the API reports.
func (s Sharing) SharedWith() string {
	switch {
	case s.AllTeams:
		return "all_teams"
	case len(s.TeamIDs) == 0:
		return "no_teams"
	case len(s.TeamIDs) == 1:
		return "single_team"
	}
	return "multiple_teams"
}

// SharedWithTeams reports whether any team can see the meeting.
func (s Sharing) SharedWithTeams() bool { return s.AllTeams || len(s.TeamIDs) > 0 }

// Invitee is a person on a meeting's calendar event.
type Invitee struct {
	Name        string
	Email       string
	EmailDomain string
	// External is true when EmailDomain is not one of the workspace's.
	External bool
}

// TranscriptItem is one utterance of a meeting's transcript.
type TranscriptItem struct {
	Speaker      string // display name
	SpeakerEmail string // the calendar invitee the speaker was matched to, or ""
	Text         string
	At           time.Duration // offset from the start of the recording
}

// ActionItem is a task a meeting produced.
type ActionItem struct {
	Description   string
	UserGenerated bool
	Completed     bool
	At            time.Duration // offset from the start of the recording
	AssigneeName  string        // "" when unassigned
	AssigneeEmail string
	AssigneeTeam  string
	// Due is the day the item is due, resolved from the meeting's date
	// ("by Thursday"); zero when none was said. It is neither stored nor
	// on the wire: the description ends with the due phrase as said.
	Due time.Time
}

// Meeting processing states.
const (
	MeetingProcessing = "processing" // ingested; summary and action items not yet made
	MeetingReady      = "ready"      // processed; webhooks have been queued
)

// Meeting is a recording with what was derived from it. ID is the
// recording_id of the API.
type Meeting struct {
	ID         int64
	TenantID   int64
	RecorderID int64 // the user who recorded it
	// RecorderTeamID and RecorderExternal are the recorder's team and
	// standing when the meeting was recorded: what the teams[] and
	// recorded_by[] filters match.
	RecorderTeamID   int64
	RecorderExternal bool
	// ExternalKey makes ingestion idempotent: one meeting per key.
	ExternalKey string
	// Title is the display title; MeetingTitle the calendar event's, or "".
	Title        string
	MeetingTitle string
	MeetingType  string // a meeting-type name, or ""
	MeetingURL   string // the conferencing join URL, or ""
	ShareToken   string // the secret part of the share URL
	CreatedAt    time.Time
	// ScheduledStart and ScheduledEnd are zero for calls with no calendar
	// event; the API then reports the recording times.
	ScheduledStart time.Time
	ScheduledEnd   time.Time
	RecordingStart time.Time
	RecordingEnd   time.Time
	Language       string // transcript language (ISO 639-1), "" until processed
	Status         string // MeetingProcessing or MeetingReady
	ProcessedAt    *time.Time
	Sharing        Sharing
	Invitees       []Invitee
	// External is true when one or more invitees are external.
	External bool
	// CompanyDomain is the one company the meeting is associated with: the
	// most frequent external invitee domain, or "" for internal meetings.
	CompanyDomain string

	// Filled only when asked for.
	Recorder    *Member
	Transcript  []TranscriptItem
	Summary     *Summary
	ActionItems []ActionItem
}

// Summary is a meeting's summary in one template.
type Summary struct {
	TemplateName string
	Markdown     string
}

// DomainOf returns the lower-cased domain of an email address, or "".
func DomainOf(email string) string {
	if i := strings.LastIndexByte(email, '@'); i >= 0 {
		return strings.ToLower(email[i+1:])
	}
	return ""
}
