package client

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// RecordingAnalytics are one recording's talk-time figures (an extension
// of self-hosted servers). Times are in seconds, shares between 0 and 1.
type RecordingAnalytics struct {
	RecordingID            int64          `json:"recording_id"`
	RecordingLengthSeconds float64        `json:"recording_length_seconds"`
	TalkTimeSeconds        float64        `json:"talk_time_seconds"`
	Speakers               []SpeakerTalk  `json:"speakers"`
	Sides                  Sides          `json:"sides"`
	LongestMonologue       *MonologueSpan `json:"longest_monologue"`
}

// SpeakerTalk is one speaker's figures in a recording. Side is internal
// or external by the invitee the speaker was matched to, unknown when it
// was matched to none (Email is then nil).
type SpeakerTalk struct {
	Name                      string  `json:"name"`
	Email                     *string `json:"email"`
	Side                      string  `json:"side"`
	TalkTimeSeconds           float64 `json:"talk_time_seconds"`
	Share                     float64 `json:"share"`
	Turns                     int     `json:"turns"`
	Questions                 int     `json:"questions"`
	LongestMonologueSeconds   float64 `json:"longest_monologue_seconds"`
	LongestMonologueTimestamp string  `json:"longest_monologue_timestamp"`
}

// Sides is the talk of each side of a recording.
type Sides struct {
	Internal SideTalk `json:"internal"`
	External SideTalk `json:"external"`
	Unknown  SideTalk `json:"unknown"`
}

// SideTalk is one side's talk time and share.
type SideTalk struct {
	TalkTimeSeconds float64 `json:"talk_time_seconds"`
	Share           float64 `json:"share"`
}

// MonologueSpan is a recording's longest run of items by one speaker.
type MonologueSpan struct {
	Speaker   string  `json:"speaker"`
	Email     *string `json:"email"`
	Seconds   float64 `json:"seconds"`
	Timestamp string  `json:"timestamp"`
}

// RecordingAnalytics returns one recording's analytics.
func (c *Client) RecordingAnalytics(ctx context.Context, recordingID int64) (*RecordingAnalytics, error) {
	var out RecordingAnalytics
	if _, err := c.external(ctx, request{method: http.MethodGet, path: recordingPath(recordingID, "analytics")}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// AnalyticsQuery asks for analytics across the recordings the caller can
// see. Zero fields do not filter; GroupBy is "person" (the default) or
// "team".
type AnalyticsQuery struct {
	GroupBy       string
	CreatedAfter  time.Time
	CreatedBefore time.Time
	Team          string
}

// AnalyticsReport is the figures by person or by team over a period.
type AnalyticsReport struct {
	GroupBy       string         `json:"group_by"`
	CreatedAfter  *time.Time     `json:"created_after"`
	CreatedBefore *time.Time     `json:"created_before"`
	Team          *string        `json:"team"`
	Meetings      int            `json:"meetings"`
	Items         []AnalyticsRow `json:"items"`
}

// AnalyticsRow is one person's or team's figures. Meetings counts the
// recordings they spoke in; MeetingTalkTimeSeconds and the side shares
// are over those recordings.
type AnalyticsRow struct {
	Name                   string               `json:"name"`
	Email                  *string              `json:"email"`
	Side                   *string              `json:"side"`
	Team                   *string              `json:"team"`
	Meetings               int                  `json:"meetings"`
	TalkTimeSeconds        float64              `json:"talk_time_seconds"`
	MeetingTalkTimeSeconds float64              `json:"meeting_talk_time_seconds"`
	Share                  float64              `json:"share"`
	InternalShare          float64              `json:"internal_share"`
	ExternalShare          float64              `json:"external_share"`
	UnknownShare           float64              `json:"unknown_share"`
	Turns                  int                  `json:"turns"`
	Questions              int                  `json:"questions"`
	LongestMonologue       *ReportMonologueSpan `json:"longest_monologue"`
}

// ReportMonologueSpan is the longest monologue of a row, and where.
type ReportMonologueSpan struct {
	RecordingID int64   `json:"recording_id"`
	Speaker     string  `json:"speaker"`
	Seconds     float64 `json:"seconds"`
	Timestamp   string  `json:"timestamp"`
}

// Analytics returns the figures by person or by team.
func (c *Client) Analytics(ctx context.Context, q AnalyticsQuery) (*AnalyticsReport, error) {
	v := url.Values{}
	if q.GroupBy != "" {
		v.Set("group_by", q.GroupBy)
	}
	if !q.CreatedAfter.IsZero() {
		v.Set("created_after", q.CreatedAfter.UTC().Format(time.RFC3339))
	}
	if !q.CreatedBefore.IsZero() {
		v.Set("created_before", q.CreatedBefore.UTC().Format(time.RFC3339))
	}
	if q.Team != "" {
		v.Set("team", q.Team)
	}
	var out AnalyticsReport
	if _, err := c.external(ctx, request{method: http.MethodGet, path: "/analytics", query: v, heavy: true}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
