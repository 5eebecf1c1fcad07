package fathomapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/transcript"
)

// ingestJSON is the body of POST /recordings (our extension): a recording's
// metadata and transcript in the same field names as the Meeting object.
type ingestJSON struct {
	ExternalID         string            `json:"external_id"`
	Title              string            `json:"title"`
	MeetingTitle       string            `json:"meeting_title"`
	MeetingType        string            `json:"meeting_type"`
	MeetingURL         string            `json:"meeting_url"`
	RecordedBy         string            `json:"recorded_by"`
	ScheduledStartTime *time.Time        `json:"scheduled_start_time"`
	ScheduledEndTime   *time.Time        `json:"scheduled_end_time"`
	RecordingStartTime *time.Time        `json:"recording_start_time"`
	RecordingEndTime   *time.Time        `json:"recording_end_time"`
	CalendarInvitees   []ingestInvitee   `json:"calendar_invitees"`
	Transcript         []transcriptInput `json:"transcript"`
	Share              *shareJSON        `json:"share"`
}

type ingestInvitee struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type transcriptInput struct {
	Speaker   speakerInput `json:"speaker"`
	Text      string       `json:"text"`
	Timestamp string       `json:"timestamp"`
}

type speakerInput struct {
	DisplayName                 string `json:"display_name"`
	MatchedCalendarInviteeEmail string `json:"matched_calendar_invitee_email"`
}

type shareJSON struct {
	Teams    []string `json:"teams"`
	Users    []string `json:"users"`
	AllTeams bool     `json:"all_teams"`
}

// heavyUpload is the body size from which an upload takes a slot.
const heavyUpload = 1 << 20

var errUploadsBusy = fathom.Errorf(fathom.EUNAVAILABLE, "too many large uploads at once; retry after the time in Retry-After")

// uploadSlot waits up to 5 s for a heavy-upload slot and returns its
// release.
func (h *Handler) uploadSlot(ctx context.Context) (func(), error) {
	t := time.NewTimer(5 * time.Second)
	defer t.Stop()
	select {
	case h.uploads <- struct{}{}:
		return func() { <-h.uploads }, nil
	case <-t.C:
		return nil, errUploadsBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (h *Handler) ingest(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	if r.ContentLength < 0 || r.ContentLength > heavyUpload {
		release, err := h.uploadSlot(ctx)
		if err != nil {
			return 0, nil, err
		}
		defer release()
	}
	if isMultipart(r) {
		// The JSON part, the file and the parts' headers.
		r.Body = &limitedBody{r: r.Body, left: h.maxBody + h.meetings.MediaMaxBytes() + 64<<10}
		return h.ingestMultipart(ctx, c, r)
	}
	var in ingestJSON
	if err := decodeBody(r, &in, h.maxBody); err != nil {
		return 0, nil, err
	}
	p, err := ingestParams(&in)
	if err != nil {
		return 0, nil, err
	}
	return h.create(ctx, c, p)
}

// ingestParams converts a decoded body.
func ingestParams(in *ingestJSON) (meeting.IngestParams, error) {
	p := meeting.IngestParams{ExternalKey: in.ExternalID, Title: in.Title, MeetingTitle: in.MeetingTitle,
		MeetingType: in.MeetingType, MeetingURL: in.MeetingURL, RecordedBy: in.RecordedBy,
		ScheduledStart: deref(in.ScheduledStartTime), ScheduledEnd: deref(in.ScheduledEndTime),
		RecordingStart: deref(in.RecordingStartTime), RecordingEnd: deref(in.RecordingEndTime),
		Transcript: make([]fathom.TranscriptItem, len(in.Transcript))}
	for _, inv := range in.CalendarInvitees {
		p.Invitees = append(p.Invitees, meeting.InviteeParams{Name: inv.Name, Email: inv.Email})
	}
	for i, it := range in.Transcript {
		var at time.Duration
		var err error
		if it.Timestamp != "" {
			at, err = transcript.ParseTimestamp(it.Timestamp)
		}
		if err != nil {
			return p, fathom.Errorf(fathom.EINVALID, "transcript[%d].timestamp must be HH:MM:SS, got %q", i, it.Timestamp)
		}
		p.Transcript[i] = fathom.TranscriptItem{Speaker: it.Speaker.DisplayName, SpeakerEmail: it.Speaker.MatchedCalendarInviteeEmail,
			Text: it.Text, At: at}
	}
	if in.Share != nil {
		p.ShareTeams, p.ShareUsers, p.ShareAllTeams = in.Share.Teams, in.Share.Users, in.Share.AllTeams
	}
	return p, nil
}

// create ingests a recording: 201, or 200 when its external_id was seen.
func (h *Handler) create(ctx context.Context, c *meeting.Caller, p meeting.IngestParams) (int, any, error) {
	m, created, err := h.meetings.Ingest(ctx, c, p)
	if err != nil {
		return 0, nil, err
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK
	}
	return status, h.render.meeting(m, fathom.Include{}), nil
}

// limitedBody fails a read past its limit with a 413.
type limitedBody struct {
	r    io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, fathom.Errorf(fathom.ETOOLARGE, "request body is over the size limit")
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.r.Close() }

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

type searchHitJSON struct {
	RecordingID int64   `json:"recording_id"`
	Kind        string  `json:"kind"`
	Speaker     *string `json:"speaker"`
	// Timestamp is null for a summary line linking to no moment.
	Timestamp *string `json:"timestamp"`
	Snippet   string  `json:"snippet"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	Score     float64 `json:"score"`
	// Window is a transcript hit's moment: the consecutive items searched
	// together, in order, those holding a match flagged.
	Window []windowItemJSON `json:"window,omitempty"`
}

type windowItemJSON struct {
	Speaker   string `json:"speaker"`
	Timestamp string `json:"timestamp"`
	Text      string `json:"text"`
	Matched   bool   `json:"matched"`
}

// search is our extension: full-text search across the transcripts,
// summaries and action items of the meetings the caller can see.
func (h *Handler) search(ctx context.Context, c *meeting.Caller, r *http.Request) (int, any, error) {
	q := query{r.URL.Query()}
	limit, err := q.int("limit", 20, 1, 100)
	if err != nil {
		return 0, nil, err
	}
	text, err := q.text("q")
	if err != nil {
		return 0, nil, err
	}
	hits, err := h.meetings.Search(ctx, c, text, limit)
	if err != nil {
		return 0, nil, err
	}
	out := listJSON[searchHitJSON]{Limit: limit, Items: make([]searchHitJSON, 0, len(hits))}
	titles := map[int64]*fathom.Meeting{}
	for _, hit := range hits {
		m, ok := titles[hit.MeetingID]
		if !ok {
			if m, err = h.meetings.Get(ctx, c, hit.MeetingID, fathom.Include{}); err != nil {
				return 0, nil, fmt.Errorf("search hit %d: %w", hit.MeetingID, err)
			}
			titles[hit.MeetingID] = m
		}
		item := searchHitJSON{RecordingID: hit.MeetingID, Kind: hit.Kind, Speaker: strPtr(hit.Speaker),
			Snippet: hit.Snippet, Title: m.Title, URL: h.render.links.CallURL(m), Score: hit.Score}
		if hit.Timed() {
			ts := transcript.FormatTimestamp(hit.At)
			item.Timestamp, item.URL = &ts, item.URL+"?timestamp="+itoa(int64(hit.At.Seconds()))
		}
		for _, w := range hit.Window {
			item.Window = append(item.Window, windowItemJSON{Speaker: w.Speaker, Timestamp: transcript.FormatTimestamp(w.At),
				Text: w.Text, Matched: w.Matched})
		}
		out.Items = append(out.Items, item)
	}
	return http.StatusOK, out, nil
}
