package fathomapi

import (
	"context"
	"math"
	"net/http"
	"time"

	"github.com/fathom-oss/fathom/internal/analytics"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/transcript"
)

// Our extension: talk-time analytics of one recording and across
// recordings (docs/meetings-api.md, "Analytics").

type speakerTalkJSON struct {
	Name                    string  `json:"name"`
	Email                   *string `json:"email"`
	Side                    string  `json:"side"`
	TalkTimeSeconds         float64 `json:"talk_time_seconds"`
	Share                   float64 `json:"share"`
	Turns                   int     `json:"turns"`
	Questions               int     `json:"questions"`
	LongestMonologueSeconds float64 `json:"longest_monologue_seconds"`
	LongestMonologueAt      string  `json:"longest_monologue_timestamp"`
}

type sideJSON struct {
	TalkTimeSeconds float64 `json:"talk_time_seconds"`
	Share           float64 `json:"share"`
}

type sidesJSON struct {
	Internal sideJSON `json:"internal"`
	External sideJSON `json:"external"`
	Unknown  sideJSON `json:"unknown"`
}

type monologueJSON struct {
	Speaker   string  `json:"speaker"`
	Email     *string `json:"email"`
	Seconds   float64 `json:"seconds"`
	Timestamp string  `json:"timestamp"`
}

type meetingAnalyticsJSON struct {
	RecordingID            int64             `json:"recording_id"`
	RecordingLengthSeconds float64           `json:"recording_length_seconds"`
	TalkTimeSeconds        float64           `json:"talk_time_seconds"`
	Speakers               []speakerTalkJSON `json:"speakers"`
	Sides                  sidesJSON         `json:"sides"`
	LongestMonologue       *monologueJSON    `json:"longest_monologue"`
}

type reportMonologueJSON struct {
	RecordingID int64   `json:"recording_id"`
	Speaker     string  `json:"speaker"`
	Seconds     float64 `json:"seconds"`
	Timestamp   string  `json:"timestamp"`
}

type reportRowJSON struct {
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
	LongestMonologue       *reportMonologueJSON `json:"longest_monologue"`
}

type reportJSON struct {
	GroupBy       string          `json:"group_by"`
	CreatedAfter  *string         `json:"created_after"`
	CreatedBefore *string         `json:"created_before"`
	Team          *string         `json:"team"`
	Meetings      int             `json:"meetings"`
	Items         []reportRowJSON `json:"items"`
}

func (h *Handler) meetingAnalytics(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	id, err := recordingID(r)
	if err != nil {
		return 0, nil, err
	}
	a, err := h.meetings.Analytics(ctx, c, id)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, toMeetingAnalytics(a), nil
}

func (h *Handler) report(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	q := query{r.URL.Query()}
	var p meeting.ReportParams
	var err error
	if p.CreatedAfter, err = q.time("created_after"); err != nil {
		return 0, nil, err
	}
	if p.CreatedBefore, err = q.time("created_before"); err != nil {
		return 0, nil, err
	}
	if p.Team, err = q.text("team"); err != nil {
		return 0, nil, err
	}
	p.GroupBy = q.str("group_by")
	rep, err := h.meetings.Report(ctx, c, p)
	if err != nil {
		return 0, nil, err
	}
	out := reportJSON{GroupBy: rep.GroupBy(), Team: strPtr(p.Team), Meetings: rep.Meetings, Items: []reportRowJSON{}}
	if !p.CreatedAfter.IsZero() {
		out.CreatedAfter = strPtr(timeJSON(p.CreatedAfter))
	}
	if !p.CreatedBefore.IsZero() {
		out.CreatedBefore = strPtr(timeJSON(p.CreatedBefore))
	}
	for _, row := range rep.Rows() {
		out.Items = append(out.Items, toReportRow(row, rep.GroupBy()))
	}
	return http.StatusOK, out, nil
}

func toMeetingAnalytics(a *fathom.MeetingAnalytics) meetingAnalyticsJSON {
	talk := a.Talk()
	out := meetingAnalyticsJSON{RecordingID: a.MeetingID, RecordingLengthSeconds: seconds(a.Length), TalkTimeSeconds: seconds(talk),
		Speakers: make([]speakerTalkJSON, len(a.Speakers))}
	for i, s := range a.Speakers {
		out.Speakers[i] = speakerTalkJSON{Name: s.Speaker, Email: strPtr(s.Email), Side: s.Side, TalkTimeSeconds: seconds(s.Talk),
			Share: share(s.Talk, talk), Turns: s.Turns, Questions: s.Questions, LongestMonologueSeconds: seconds(s.Monologue),
			LongestMonologueAt: transcript.FormatTimestamp(s.MonologueAt)}
	}
	side := func(name string) sideJSON {
		d := a.SideTalk(name)
		return sideJSON{TalkTimeSeconds: seconds(d), Share: share(d, talk)}
	}
	out.Sides = sidesJSON{Internal: side(fathom.SideInternal), External: side(fathom.SideExternal), Unknown: side(fathom.SideUnknown)}
	if i := a.LongestMonologue(); i >= 0 {
		s := a.Speakers[i]
		out.LongestMonologue = &monologueJSON{Speaker: s.Speaker, Email: strPtr(s.Email), Seconds: seconds(s.Monologue),
			Timestamp: transcript.FormatTimestamp(s.MonologueAt)}
	}
	return out
}

func toReportRow(row *analytics.Row, groupBy string) reportRowJSON {
	out := reportRowJSON{Name: row.Name, Email: strPtr(row.Email), Team: strPtr(row.Team), Meetings: row.Meetings,
		TalkTimeSeconds: seconds(row.Talk), MeetingTalkTimeSeconds: seconds(row.MeetingTalk), Share: round(row.Share()),
		InternalShare: round(row.SideShare(fathom.SideInternal)), ExternalShare: round(row.SideShare(fathom.SideExternal)),
		UnknownShare: round(row.SideShare(fathom.SideUnknown)), Turns: row.Turns, Questions: row.Questions}
	if groupBy == analytics.ByPerson {
		out.Side = strPtr(row.Side)
	}
	if row.Monologue > 0 {
		out.LongestMonologue = &reportMonologueJSON{RecordingID: row.MonologueMeetingID, Speaker: row.MonologueSpeaker,
			Seconds: seconds(row.Monologue), Timestamp: transcript.FormatTimestamp(row.MonologueAt)}
	}
	return out
}

// seconds is a duration in seconds to the millisecond.
func seconds(d time.Duration) float64 { return float64(d.Milliseconds()) / 1000 }

// share is part/whole to four decimals (0 when whole is 0).
func share(part, whole time.Duration) float64 {
	if whole <= 0 {
		return 0
	}
	return round(float64(part) / float64(whole))
}

func round(f float64) float64 { return math.Round(f*10000) / 10000 }
