package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// MeetingsQuery filters a meeting list; zero fields do not filter.
type MeetingsQuery struct {
	CreatedAfter  time.Time
	CreatedBefore time.Time
	// Domains keeps meetings with one of these client companies.
	Domains []string
	// DomainsType is "all", "only_internal" or "one_or_more_external".
	DomainsType string
	RecordedBy  []string // recorder emails
	Teams       []string // team names
	MeetingType string
	// Include* inline parts of each meeting. With a bearer token or a
	// gateway the server may not inline summaries and transcripts; the
	// client then fetches them from /recordings, one heavy call each.
	IncludeSummary     bool
	IncludeTranscript  bool
	IncludeActionItems bool
	IncludeCRMMatches  bool
}

func (q MeetingsQuery) values(oauth bool) url.Values {
	v := url.Values{}
	if !q.CreatedAfter.IsZero() {
		v.Set("created_after", q.CreatedAfter.UTC().Format(time.RFC3339))
	}
	if !q.CreatedBefore.IsZero() {
		v.Set("created_before", q.CreatedBefore.UTC().Format(time.RFC3339))
	}
	v["calendar_invitees_domains[]"] = q.Domains
	v["recorded_by[]"] = q.RecordedBy
	v["teams[]"] = q.Teams
	for k, s := range map[string]string{"calendar_invitees_domains_type": q.DomainsType, "meeting_type": q.MeetingType} {
		if s != "" {
			v.Set(k, s)
		}
	}
	for k, b := range map[string]bool{"include_summary": q.IncludeSummary && !oauth, "include_transcript": q.IncludeTranscript && !oauth,
		"include_action_items": q.IncludeActionItems, "include_crm_matches": q.IncludeCRMMatches} {
		if b {
			v.Set(k, "true")
		}
	}
	return v
}

type page[T any] struct {
	Limit      *int    `json:"limit"`
	NextCursor *string `json:"next_cursor"`
	Items      []T     `json:"items"`
}

// pages iterates over the items of a cursor-paginated list.
func pages[T any](ctx context.Context, c *Client, path string, q url.Values, heavy bool) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for cursor := ""; ; {
			if cursor != "" {
				q.Set("cursor", cursor)
			}
			var p page[T]
			if _, err := c.external(ctx, request{method: http.MethodGet, path: path, query: q, heavy: heavy}, &p); err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range p.Items {
				if !yield(it, nil) {
					return
				}
			}
			if p.NextCursor == nil || *p.NextCursor == "" {
				return
			}
			cursor = *p.NextCursor
		}
	}
}

// Meetings lists the meetings the caller can see, newest first, following
// every page. Stop early by breaking out of the loop:
//
//	for m, err := range c.Meetings(ctx, client.MeetingsQuery{Teams: []string{"Sales"}}) {
//		if err != nil { return err }
//		fmt.Println(m.RecordingID, m.Title)
//	}
func (c *Client) Meetings(ctx context.Context, q MeetingsQuery) iter.Seq2[Meeting, error] {
	oauth := c.oauthMode()
	heavy := (q.IncludeSummary || q.IncludeTranscript) && !oauth
	return func(yield func(Meeting, error) bool) {
		for m, err := range pages[Meeting](ctx, c, "/meetings", q.values(oauth), heavy) {
			if err == nil && oauth {
				err = c.fillRecording(ctx, &m, q.IncludeSummary, q.IncludeTranscript)
			}
			if !yield(m, err) || err != nil {
				return
			}
		}
	}
}

// fillRecording fetches what OAuth callers may not inline.
func (c *Client) fillRecording(ctx context.Context, m *Meeting, summary, transcript bool) error {
	if summary {
		s, err := c.RecordingSummary(ctx, m.RecordingID)
		if err != nil {
			return err
		}
		m.DefaultSummary = s
	}
	if transcript {
		t, err := c.RecordingTranscript(ctx, m.RecordingID)
		if err != nil {
			return err
		}
		m.Transcript = t
	}
	return nil
}

// Meeting returns one meeting by recording id (an extension of
// self-hosted servers).
func (c *Client) Meeting(ctx context.Context, recordingID int64, q MeetingsQuery) (*Meeting, error) {
	var m Meeting
	_, err := c.external(ctx, request{method: http.MethodGet, path: "/meetings/" + strconv.FormatInt(recordingID, 10),
		query: q.values(c.oauthMode())}, &m)
	if err != nil {
		return nil, err
	}
	return &m, c.fillRecording(ctx, &m, q.IncludeSummary && c.oauthMode(), q.IncludeTranscript && c.oauthMode())
}

// DeleteMeeting deletes a recording the key's user recorded (any it can
// see, for an account admin), with what the support knowledge
// learned from it (an extension of self-hosted servers).
func (c *Client) DeleteMeeting(ctx context.Context, recordingID int64) error {
	_, err := c.external(ctx, request{method: http.MethodDelete, path: "/meetings/" + strconv.FormatInt(recordingID, 10)}, nil)
	return err
}

// RecordingSummary returns a recording's summary; nil while it is being
// made.
func (c *Client) RecordingSummary(ctx context.Context, recordingID int64) (*Summary, error) {
	var out struct {
		Summary *Summary `json:"summary"`
	}
	_, err := c.external(ctx, request{method: http.MethodGet, path: recordingPath(recordingID, "summary"), heavy: true}, &out)
	return out.Summary, err
}

// RecordingTranscript returns a recording's transcript.
func (c *Client) RecordingTranscript(ctx context.Context, recordingID int64) ([]TranscriptItem, error) {
	var out struct {
		Transcript []TranscriptItem `json:"transcript"`
	}
	_, err := c.external(ctx, request{method: http.MethodGet, path: recordingPath(recordingID, "transcript"), heavy: true}, &out)
	return out.Transcript, err
}

// RequestRecording asks for a recording's summary or transcript ("summary"
// or "transcript") to be POSTed to destinationURL, signed, when ready.
func (c *Client) RequestRecording(ctx context.Context, recordingID int64, what, destinationURL string) error {
	_, err := c.external(ctx, request{method: http.MethodGet, path: recordingPath(recordingID, what),
		query: url.Values{"destination_url": {destinationURL}}, heavy: true}, nil)
	return err
}

func recordingPath(id int64, what string) string {
	return "/recordings/" + strconv.FormatInt(id, 10) + "/" + url.PathEscape(what)
}

// Team is a team of the workspace.
type Team struct {
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// TeamMember is a user of the workspace.
type TeamMember struct {
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	CreatedAt time.Time `json:"created_at"`
}

// Teams lists the workspace's teams, following every page.
func (c *Client) Teams(ctx context.Context) iter.Seq2[Team, error] {
	return pages[Team](ctx, c, "/teams", url.Values{}, false)
}

// TeamMembers lists the workspace's members, of one team when team is
// not "", following every page.
func (c *Client) TeamMembers(ctx context.Context, team string) iter.Seq2[TeamMember, error] {
	q := url.Values{}
	if team != "" {
		q.Set("team", team)
	}
	return pages[TeamMember](ctx, c, "/team_members", q, false)
}

// MeetingType is a named kind of meeting of the workspace.
type MeetingType struct {
	Name      string    `json:"name"`
	Status    string    `json:"status"` // active or inactive
	CreatedAt time.Time `json:"created_at"`
}

// MeetingTypes lists the workspace's meeting types, active and inactive,
// following every page.
func (c *Client) MeetingTypes(ctx context.Context) iter.Seq2[MeetingType, error] {
	return pages[MeetingType](ctx, c, "/meeting_types", url.Values{}, false)
}

// User is a person of the workspace as GET /users lists one.
type User struct {
	Name   string  `json:"name"`
	Email  string  `json:"email"`
	Team   *string `json:"team"`
	Status string  `json:"status"` // active, deactivated or invited
	// CreatedAt is when the user joined, or for an invitee when it was
	// invited.
	CreatedAt time.Time `json:"created_at"`
	// Permissions is nil for invitees.
	Permissions *UserPermissions `json:"permissions"`
}

// UserPermissions are a user's settings access level (none, team_admin,
// account_admin) and view access (team or own_and_shared).
type UserPermissions struct {
	SettingsAccess string `json:"settings_access"`
	ViewAccess     string `json:"view_access"`
}

// UserQuery filters Users; zero fields do not filter.
type UserQuery struct {
	Team           string
	Status         string // active, deactivated or invited
	SettingsAccess string // none, team_admin or account_admin
}

// Users lists the workspace's users and then its pending invitees,
// following every page. Only an account admin's key may call it.
func (c *Client) Users(ctx context.Context, uq UserQuery) iter.Seq2[User, error] {
	q := url.Values{}
	for k, v := range map[string]string{"team": uq.Team, "status": uq.Status, "settings_access": uq.SettingsAccess} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return pages[User](ctx, c, "/users", q, false)
}
