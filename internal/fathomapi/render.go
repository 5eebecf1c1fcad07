package fathomapi

import (
	"cmp"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/transcript"
)

// Renderer encodes meetings in the wire format, for responses and for the
// bodies of webhooks and callbacks.
type Renderer struct{ links meeting.Links }

// NewRenderer returns a renderer making links with l.
func NewRenderer(l meeting.Links) *Renderer { return &Renderer{links: l} }

// meeting converts m; the parts inc does not ask for are null.
func (r *Renderer) meeting(m *fathom.Meeting, inc fathom.Include) meetingJSON {
	out := meetingJSON{Title: m.Title, MeetingTitle: strPtr(m.MeetingTitle), RecordingID: m.ID,
		URL: r.links.CallURL(m), ShareURL: r.links.ShareURL(m), CreatedAt: timeJSON(m.CreatedAt),
		ScheduledStartTime: timeJSON(orTime(m.ScheduledStart, m.RecordingStart)),
		ScheduledEndTime:   timeJSON(orTime(m.ScheduledEnd, m.RecordingEnd)),
		RecordingStartTime: timeJSON(m.RecordingStart), RecordingEndTime: timeJSON(m.RecordingEnd),
		CalendarInviteesDomainsType: "only_internal", TranscriptLanguage: cmp.Or(m.Language, "en"),
		CalendarInvitees: make([]inviteeJSON, len(m.Invitees)), MeetingType: strPtr(m.MeetingType),
		MeetingURL: strPtr(m.MeetingURL), SharedWith: m.Sharing.SharedWith()}
	if m.External {
		out.CalendarInviteesDomainsType = "one_or_more_external"
	}
	speakers := map[string]string{}
	if inc.Transcript {
		t := toTranscript(m.Transcript)
		out.Transcript = &t
		for _, it := range m.Transcript {
			if it.SpeakerEmail != "" {
				speakers[strings.ToLower(it.SpeakerEmail)] = it.Speaker
			}
		}
	}
	for i, inv := range m.Invitees {
		out.CalendarInvitees[i] = inviteeJSON{Name: strPtr(inv.Name), Email: strPtr(inv.Email),
			EmailDomain: strPtr(inv.EmailDomain), IsExternal: inv.External}
		if inc.Transcript {
			out.CalendarInvitees[i].MatchedSpeakerDisplayName = strPtr(speakers[strings.ToLower(inv.Email)])
		}
	}
	if rec := m.Recorder; rec != nil {
		out.RecordedBy = userJSON{Name: cmp.Or(rec.Name, rec.Email), Email: rec.Email,
			EmailDomain: fathom.DomainOf(rec.Email), Team: strPtr(rec.TeamName)}
	}
	if inc.Summary {
		out.DefaultSummary = toSummary(m.Summary)
	}
	if inc.ActionItems {
		items := r.actionItems(m)
		out.ActionItems = &items
	}
	if inc.CRMMatches {
		out.CRMMatches = &crmMatchesJSON{Contacts: []struct{}{}, Companies: []struct{}{}, Deals: []struct{}{}}
	}
	return out
}

func (r *Renderer) actionItems(m *fathom.Meeting) []actionItemJSON {
	out := make([]actionItemJSON, len(m.ActionItems))
	call := r.links.CallURL(m)
	for i, a := range m.ActionItems {
		out[i] = actionItemJSON{Description: a.Description, UserGenerated: a.UserGenerated, Completed: a.Completed,
			RecordingTimestamp:   transcript.FormatTimestamp(a.At),
			RecordingPlaybackURL: call + "?timestamp=" + itoa(int64(a.At.Seconds())),
			Assignee:             assigneeJSON{Name: strPtr(a.AssigneeName), Email: strPtr(a.AssigneeEmail), Team: strPtr(a.AssigneeTeam)}}
	}
	return out
}

// MeetingBody is a webhook's payload: one Meeting object.
func (r *Renderer) MeetingBody(m *fathom.Meeting, inc fathom.Include) ([]byte, error) {
	return marshal(r.meeting(m, inc))
}

// SummaryBody is an async summary callback: the sync shape plus the id.
func (r *Renderer) SummaryBody(meetingID int64, s *fathom.Summary) ([]byte, error) {
	return marshal(struct {
		RecordingID int64        `json:"recording_id"`
		Summary     *summaryJSON `json:"summary"`
	}{meetingID, toSummary(s)})
}

// TranscriptBody is an async transcript callback: the sync shape plus the id.
func (r *Renderer) TranscriptBody(meetingID int64, items []fathom.TranscriptItem) ([]byte, error) {
	return marshal(struct {
		RecordingID int64            `json:"recording_id"`
		Transcript  []transcriptJSON `json:"transcript"`
	}{meetingID, toTranscript(items)})
}

// orTime is t, or def when t is zero: calls with no calendar event report
// their recording times as scheduled (spec §9.2).
func orTime(t, def time.Time) time.Time {
	if t.IsZero() {
		return def
	}
	return t
}
