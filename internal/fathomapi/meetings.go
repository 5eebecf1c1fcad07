package fathomapi

import (
	"cmp"
	"context"
	"net/http"
	"slices"

	"github.com/fathom-oss/fathom/internal/meeting"
)

func (h *Handler) listMeetings(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	q := query{r.URL.Query()}
	p, err := meetingFilters(q)
	if err != nil {
		return 0, nil, err
	}
	// The cursor is bound to the filters, not to the include_* flags:
	// those change what a page shows, not which meetings are on it.
	// The SDK sends no query on page 1 of listMeetings() and the default
	// calendar_invitees_domains_type=all with the cursor on page 2: the
	// same filters.
	filter := filterHash("meetings", p.CreatedAfter, p.CreatedBefore, sorted(p.Domains), cmp.Or(p.DomainsType, meeting.DomainsAll),
		p.MeetingType, sorted(p.RecordedBy), sorted(p.Teams))
	if p.Before, err = decodeMeetingCursor(q.cursor(), filter); err != nil {
		return 0, nil, err
	}
	page, err := h.meetings.List(ctx, c, p)
	if err != nil {
		return 0, nil, err
	}
	inc := p.Include
	if c.OAuth {
		inc.Summary, inc.Transcript = false, false
	}
	out := listJSON[meetingJSON]{Limit: meeting.PageSize, Items: make([]meetingJSON, len(page.Meetings)),
		NextCursor: meetingCursor(filter, page.Next)}
	for i, m := range page.Meetings {
		out.Items[i] = h.render.meeting(m, inc)
	}
	return http.StatusOK, out, nil
}

func meetingFilters(q query) (p meeting.ListParams, err error) {
	if p.CreatedAfter, err = q.time("created_after"); err != nil {
		return p, err
	}
	if p.CreatedBefore, err = q.time("created_before"); err != nil {
		return p, err
	}
	if p.Include, err = q.include(); err != nil {
		return p, err
	}
	p.Domains = q.list("calendar_invitees_domains")
	p.DomainsType = q.str("calendar_invitees_domains_type")
	p.MeetingType = q.str("meeting_type")
	p.RecordedBy = q.list("recorded_by")
	p.Teams = q.list("teams")
	return p, nil
}

// getMeeting is our extension: one meeting by recording id, with the same
// include_* flags as the list.
// deleteMeeting is our extension: the recording and what the support
// knowledge learned from it go.
func (h *Handler) deleteMeeting(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	id, err := recordingID(r)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.meetings.Delete(ctx, c, id)
}

func (h *Handler) getMeeting(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	id, err := recordingID(r)
	if err != nil {
		return 0, nil, err
	}
	inc, err := query{r.URL.Query()}.include()
	if err != nil {
		return 0, nil, err
	}
	if c.OAuth {
		inc.Summary, inc.Transcript = false, false
	}
	m, err := h.meetings.Get(ctx, c, id, inc)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, h.render.meeting(m, inc), nil
}

func (h *Handler) summary(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	return h.recording(ctx, c, r, meeting.CallbackSummary)
}

func (h *Handler) transcript(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	return h.recording(ctx, c, r, meeting.CallbackTranscript)
}

// recording answers a summary or transcript request: at once, or, with a
// non-empty destination_url, by a signed callback (spec §8.2, §8.3, §11).
// An empty destination_url is absent: the SDK sends one.
func (h *Handler) recording(ctx context.Context, c *meeting.Caller, r *http.Request, kind string) (int, any, error) {
	id, err := recordingID(r)
	if err != nil {
		return 0, nil, err
	}
	if dest := (query{r.URL.Query()}).str("destination_url"); dest != "" {
		if err := h.meetings.Callback(ctx, c, id, kind, dest); err != nil {
			return 0, nil, err
		}
		return http.StatusOK, map[string]string{"destination_url": dest}, nil
	}
	if kind == meeting.CallbackSummary {
		s, err := h.meetings.Summary(ctx, c, id)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, map[string]*summaryJSON{"summary": toSummary(s)}, nil
	}
	items, err := h.meetings.Transcript(ctx, c, id)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string][]transcriptJSON{"transcript": toTranscript(items)}, nil
}

func sorted(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return out
}
