package webapp

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/server"
)

// The tabs of a meeting's page.
const (
	tabSummary     = "summary"
	tabTranscript  = "transcript"
	tabActionItems = "action_items"
)

// callView is a meeting's page, signed in (/calls/{id}) or shared
// (/share/{token}).
type callView struct {
	M        *fathom.Meeting
	Path     string // the page's own path, for its links
	Shared   bool
	Tab      string
	Summary  any // template.HTML, or nil while the summary is being made
	Lines    []line
	Moment   *line // the utterance at ?timestamp=, nil without one
	Query    string
	Matches  int
	Internal []fathom.Invitee
	External []fathom.Invitee
	Media    *fathom.Media // the recording's audio or video, nil without one
	At       int64         // ?timestamp= in whole seconds, -1 without one
}

// line is an utterance as the page shows it.
type line struct {
	fathom.TranscriptItem
	Secs    int64
	Current bool
	Parts   []part // the text, split around the search's matches
}

// part is a piece of text, marked when it matches the search.
type part struct {
	Text string
	Mark bool
}

// call is a meeting's page for a signed-in user: exactly what
// meeting.Service lets the user see, and otherwise the same 404.
func (h *Handler) call(w http.ResponseWriter, r *http.Request, v *viewer) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.errorPage(w, r, v, http.StatusNotFound, "no recording "+r.PathValue("id"))
		return
	}
	m, err := h.meetings.Get(r.Context(), v.caller, id, fathom.Include{Transcript: true, ActionItems: true})
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	h.showCall(w, r, v, m, "/calls/"+strconv.FormatInt(m.ID, 10))
}

// share is a meeting's page for whoever holds its share link, signed in
// or not: that meeting, read-only, and nothing else.
func (h *Handler) share(w http.ResponseWriter, r *http.Request) {
	m, err := h.meetings.Shared(r.Context(), r.PathValue("token"))
	if err != nil {
		h.fail(w, r, nil, err)
		return
	}
	h.showCall(w, r, nil, m, "/share/"+m.ShareToken)
}

func (h *Handler) showCall(w http.ResponseWriter, r *http.Request, v *viewer, m *fathom.Meeting, path string) {
	q := r.URL.Query()
	cv := &callView{M: m, Path: path, Shared: v == nil, Tab: q.Get("tab"), Query: strings.TrimSpace(q.Get("q"))}
	at := time.Duration(-1)
	if ts := q.Get("timestamp"); ts != "" {
		secs, err := strconv.ParseFloat(ts, 64)
		if err != nil || secs < 0 || secs > 1e7 {
			h.errorPage(w, r, v, http.StatusBadRequest, "timestamp must be a number of seconds into the recording")
			return
		}
		at = time.Duration(secs * float64(time.Second))
		if cv.Tab == "" {
			cv.Tab = tabTranscript
		}
	}
	switch cv.Tab {
	case "":
		cv.Tab = tabSummary
		if cv.Query != "" {
			cv.Tab = tabTranscript
		}
	case tabSummary, tabTranscript, tabActionItems:
	default:
		h.errorPage(w, r, v, http.StatusBadRequest, "tab must be summary, transcript or action_items")
		return
	}
	if m.Summary != nil {
		html, err := renderSummary(m.Summary.Markdown, m.ShareToken, path)
		if err != nil {
			h.fail(w, r, v, err)
			return
		}
		cv.Summary = html
	}
	cv.Lines, cv.Moment, cv.Matches = lines(m.Transcript, at, cv.Query)
	cv.At = -1
	if at >= 0 {
		cv.At = int64(at / time.Second)
	}
	media, err := h.meetings.MediaOf(r.Context(), m)
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	cv.Media = media
	for _, inv := range m.Invitees {
		if inv.External {
			cv.External = append(cv.External, inv)
		} else {
			cv.Internal = append(cv.Internal, inv)
		}
	}
	p := page{Title: m.Title, Nav: "meetings", Data: cv}
	if v != nil {
		p.User, p.CSRF = v.caller.Email, v.csrf
	}
	h.render(w, r, http.StatusOK, "call", p)
}

// lines prepares the transcript: the utterance at at (the last one
// started by then; none when at < 0) is current, and with a query only
// the utterances matching it are kept, their matches marked.
func lines(items []fathom.TranscriptItem, at time.Duration, query string) (out []line, moment *line, matches int) {
	cur := -1
	if at >= 0 {
		for i, it := range items {
			if it.At <= at+time.Second/2 {
				cur = i
			}
		}
		if cur < 0 && len(items) > 0 {
			cur = 0
		}
	}
	for i, it := range items {
		parts, ok := split(it.Text, query)
		l := line{TranscriptItem: it, Secs: int64(it.At.Seconds()), Current: i == cur, Parts: parts}
		if i == cur {
			moment = &l
			moment.Parts = []part{{Text: it.Text}}
		}
		if !ok {
			continue
		}
		if query != "" {
			matches++
		}
		out = append(out, l)
	}
	return out, moment, matches
}

// split cuts text around the case-insensitive matches of query and
// reports whether there was one (always true for an empty query).
func split(text, query string) ([]part, bool) {
	if query == "" {
		return []part{{Text: text}}, true
	}
	lt, lq := strings.ToLower(text), strings.ToLower(query)
	if !strings.Contains(lt, lq) {
		return nil, false
	}
	if len(lt) != len(text) { // case mapping changed the length: no marks
		return []part{{Text: text}}, true
	}
	var out []part
	for {
		i := strings.Index(lt, lq)
		if i < 0 {
			break
		}
		if i > 0 {
			out = append(out, part{Text: text[:i]})
		}
		out = append(out, part{Text: text[i : i+len(lq)], Mark: true})
		text, lt = text[i+len(lq):], lt[i+len(lq):]
	}
	if text != "" {
		out = append(out, part{Text: text})
	}
	return out, true
}

// callMedia streams a meeting's audio or video to a signed-in user who
// may see the meeting, for its page's player; others get the page's 404.
func (h *Handler) callMedia(w http.ResponseWriter, r *http.Request, v *viewer) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.errorPage(w, r, v, http.StatusNotFound, "no recording "+r.PathValue("id"))
		return
	}
	f, err := h.meetings.OpenMedia(r.Context(), v.caller, id)
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	defer f.Close()
	server.ServeFile(w, r, f.Name, f.ContentType, f.ModTime, f.File, false)
}

// sharedMedia streams the audio or video of a shared meeting to whoever
// holds its share link.
func (h *Handler) sharedMedia(w http.ResponseWriter, r *http.Request) {
	f, err := h.meetings.OpenSharedMedia(r.Context(), r.PathValue("token"))
	if err != nil {
		h.fail(w, r, nil, err)
		return
	}
	defer f.Close()
	server.ServeFile(w, r, f.Name, f.ContentType, f.ModTime, f.File, false)
}
