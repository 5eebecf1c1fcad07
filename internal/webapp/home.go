package webapp

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/store"
)

// searchLimit is how many hits the home page's search shows.
const searchLimit = 50

// homeView is the meetings home: a page of the user's meetings with the
// API's filters, or the hits of a search.
type homeView struct {
	Meetings []*fathom.Meeting
	Next     string // the next page's URL, "" on the last
	Query    string
	Hits     []hit
	Teams    []option
	People   []option
	Invitees string
	After    string // yyyy-mm-dd
	Before   string
	Filtered bool
}

// option is a choice of a filter, checked when the request has it.
type option struct {
	Value, Label string
	Checked      bool
}

// hit is a search hit: where it is and its snippet, matches marked.
type hit struct {
	MeetingID int64
	Title     string
	Kind      string
	Speaker   string
	At        time.Duration
	Timed     bool // At is a moment of the recording
	URL       string
	Parts     []part
}

func (h *Handler) home(w http.ResponseWriter, r *http.Request, v *viewer) {
	q := r.URL.Query()
	hv := &homeView{Query: strings.TrimSpace(q.Get("q")), Invitees: q.Get("invitees"), After: q.Get("created_after"),
		Before: q.Get("created_before")}
	p := page{Title: "Meetings", User: v.caller.Email, CSRF: v.csrf, Nav: "meetings", Data: hv}
	params, err := listParams(q)
	if err != nil {
		p.Error = err.Error()
		h.render(w, r, http.StatusBadRequest, "home", p)
		return
	}
	if err := h.filterChoices(r, v, q, hv); err != nil {
		h.fail(w, r, v, err)
		return
	}
	hv.Filtered = len(params.Teams) > 0 || len(params.RecordedBy) > 0 || params.DomainsType != "" ||
		hv.After != "" || hv.Before != ""
	if hv.Query != "" {
		if err := h.search(r, v, hv, params); err != nil {
			h.fail(w, r, v, err)
			return
		}
		h.render(w, r, http.StatusOK, "home", p)
		return
	}
	pg, err := h.meetings.List(r.Context(), v.caller, params)
	if err != nil {
		h.fail(w, r, v, err)
		return
	}
	hv.Meetings = pg.Meetings
	if pg.Next != nil {
		next := cloneValues(q)
		next.Set("before", strconv.FormatInt(pg.Next.CreatedAt.UnixNano(), 10)+"."+strconv.FormatInt(pg.Next.ID, 10))
		hv.Next = "/?" + next.Encode()
	}
	h.render(w, r, http.StatusOK, "home", p)
}

// fieldError is a filter the page cannot read; its message names the field.
type fieldError string

func (e fieldError) Error() string { return string(e) }

// listParams reads the filters: the API's, by the same names.
func listParams(q url.Values) (meeting.ListParams, error) {
	p := meeting.ListParams{Teams: nonEmpty(q["teams"]), RecordedBy: nonEmpty(q["recorded_by"])}
	switch q.Get("invitees") {
	case "", meeting.DomainsAll:
	case meeting.DomainsInternal, meeting.DomainsExternal:
		p.DomainsType = q.Get("invitees")
	default:
		return p, fieldError("invitees must be all, only_internal or one_or_more_external")
	}
	for _, d := range []struct {
		name string
		to   *time.Time
		end  bool
	}{{"created_after", &p.CreatedAfter, false}, {"created_before", &p.CreatedBefore, true}} {
		s := q.Get(d.name)
		if s == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return p, fieldError(d.name + " must be a date (yyyy-mm-dd)")
		}
		if d.end { // the whole day is in
			t = t.Add(24 * time.Hour)
		}
		*d.to = t
	}
	if s := q.Get("before"); s != "" {
		ns, id, ok := strings.Cut(s, ".")
		n, err1 := strconv.ParseInt(ns, 10, 64)
		i, err2 := strconv.ParseInt(id, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return p, fieldError("before must be a page link from this page")
		}
		p.Before = &store.Keyset{CreatedAt: time.Unix(0, n).UTC(), ID: i}
	}
	return p, nil
}

// filterChoices fills the teams and people a user may filter by (the
// first page of each).
func (h *Handler) filterChoices(r *http.Request, v *viewer, q url.Values, hv *homeView) error {
	teams, _, err := h.meetings.Teams(r.Context(), v.caller, 0)
	if err != nil {
		return err
	}
	for _, t := range teams {
		hv.Teams = append(hv.Teams, option{Value: t.Name, Label: t.Name, Checked: slices.Contains(q["teams"], t.Name)})
	}
	people, _, err := h.meetings.Members(r.Context(), v.caller, "", 0)
	if err != nil {
		return err
	}
	for _, m := range people {
		label := m.Email
		if m.Name != "" {
			label = m.Name + " (" + m.Email + ")"
		}
		hv.People = append(hv.People, option{Value: m.Email, Label: label, Checked: slices.Contains(q["recorded_by"], m.Email)})
	}
	return nil
}

// search runs the full-text search over the meetings the user can see
// that the filters keep, as the list would show them; each hit links to
// its moment.
func (h *Handler) search(r *http.Request, v *viewer, hv *homeView, filters meeting.ListParams) error {
	hits, err := h.meetings.SearchFiltered(r.Context(), v.caller, hv.Query, searchLimit, filters)
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	for _, x := range hits {
		title, ok := titles[x.MeetingID]
		if !ok {
			m, err := h.meetings.Get(r.Context(), v.caller, x.MeetingID, fathom.Include{})
			if err != nil {
				return err
			}
			title, titles[x.MeetingID] = m.Title, m.Title
		}
		tab := map[string]string{store.HitSummary: tabSummary, store.HitActionItem: tabActionItems}[x.Kind]
		if tab == "" {
			tab = tabTranscript
		}
		u, snippet := "/calls/"+strconv.FormatInt(x.MeetingID, 10)+"?tab="+tab, x.Snippet
		if x.Kind == store.HitSummary { // a line of Markdown: shown as text
			snippet = plainLine(snippet)
		}
		if x.Timed() {
			u += "&timestamp=" + strconv.FormatInt(int64(x.At.Seconds()), 10)
		}
		hv.Hits = append(hv.Hits, hit{MeetingID: x.MeetingID, Title: title, Kind: x.Kind, Speaker: x.Speaker, At: x.At,
			Timed: x.Timed(), URL: u, Parts: snippetParts(snippet)})
	}
	return nil
}

// plainLine drops a Markdown line's list marker, heading marks and
// emphasis, which a snippet shows as text.
func plainLine(s string) string {
	s = strings.TrimLeft(s, "#-* ")
	return strings.NewReplacer("**", "", "__", "").Replace(s)
}

// snippetParts splits a search snippet at its « » match markers.
func snippetParts(s string) []part {
	var out []part
	for s != "" {
		i := strings.Index(s, "«")
		if i < 0 {
			out = append(out, part{Text: s})
			break
		}
		if i > 0 {
			out = append(out, part{Text: s[:i]})
		}
		s = s[i+len("«"):]
		j := strings.Index(s, "»")
		if j < 0 {
			out = append(out, part{Text: s, Mark: true})
			break
		}
		out = append(out, part{Text: s[:j], Mark: true})
		s = s[j+len("»"):]
	}
	return out
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
