package meeting

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// PageSize is the fixed page size of meeting lists, as Fathom's.
const PageSize = 10

// Invitee domain filters (calendar_invitees_domains_type).
const (
	DomainsAll      = "all"
	DomainsInternal = "only_internal"
	DomainsExternal = "one_or_more_external"
)

// ListParams are the filters of a meeting list; zero values do not filter.
type ListParams struct {
	Before        *store.Keyset
	CreatedAfter  time.Time
	CreatedBefore time.Time
	// Domains keeps meetings whose company is one of these domains.
	Domains     []string
	DomainsType string
	// MeetingType is a meeting-type name, or one of the legacy values
	// all, internal and external.
	MeetingType string
	RecordedBy  []string // emails
	Teams       []string // team names
	Include     fathom.Include
}

// Page is one page of meetings; Next is nil on the last.
type Page struct {
	Meetings []*fathom.Meeting
	Next     *store.Keyset
}

// List returns a page of the meetings the caller can see, newest first.
func (s *Service) List(ctx context.Context, c *Caller, p ListParams) (*Page, error) {
	q, none, err := s.listQuery(ctx, c, p)
	if err != nil || none {
		return &Page{}, err
	}
	q.Limit = PageSize + 1
	ms, err := s.store.MeetingList(ctx, q)
	if err != nil {
		return nil, err
	}
	page := &Page{Meetings: ms}
	if len(ms) > PageSize {
		page.Meetings = ms[:PageSize]
		last := page.Meetings[PageSize-1]
		page.Next = &store.Keyset{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	if c.OAuth { // OAuth apps fetch these from /recordings (Fathom's rule).
		p.Include.Summary, p.Include.Transcript = false, false
	}
	recorders := map[int64]*fathom.Member{}
	for _, m := range page.Meetings {
		if err := s.fill(ctx, c, m, p.Include, recorders); err != nil {
			return nil, err
		}
	}
	return page, nil
}

// listQuery is the storage's reading of p's filters for c (no limit);
// none reports that they match nothing.
func (s *Service) listQuery(ctx context.Context, c *Caller, p ListParams) (q *store.MeetingListParams, none bool, err error) {
	q = &store.MeetingListParams{Viewer: c.Viewer(), Before: p.Before,
		CreatedAfter: p.CreatedAfter, CreatedBefore: p.CreatedBefore, CompanyDomains: lowerAll(p.Domains)}
	if none, err = s.meetingType(ctx, c, p, q); err != nil || none {
		return nil, none, err
	}
	if err := s.people(ctx, c, p, q); err != nil {
		return nil, false, err
	}
	return q, false, nil
}

// meetingType maps the legacy all|internal|external values to the domain
// filter unless the workspace has a meeting type by that exact name
// (GET /meeting_types lists them); any other value is a meeting-type
// name, and one no meeting carries matches nothing. It reports none when
// the filters contradict each other.
func (s *Service) meetingType(ctx context.Context, c *Caller, p ListParams, q *store.MeetingListParams) (none bool, err error) {
	switch p.DomainsType {
	case "", DomainsAll:
	case DomainsInternal:
		q.External = ptr(false)
	case DomainsExternal:
		q.External = ptr(true)
	default:
		return false, fathom.Errorf(fathom.EINVALID, "calendar_invitees_domains_type must be all, only_internal or one_or_more_external")
	}
	if p.MeetingType == "" {
		return false, nil
	}
	legacy := map[string]*bool{"all": nil, "internal": ptr(false), "external": ptr(true)}
	if ext, ok := legacy[p.MeetingType]; ok {
		_, err := s.store.MeetingTypeGetByName(ctx, c.TenantID, p.MeetingType)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return false, err
		}
		if err != nil { // no meeting type by that name: the legacy value
			if ext == nil {
				return false, nil
			}
			if q.External != nil && *q.External != *ext {
				return true, nil
			}
			q.External = ext
			return false, nil
		}
	}
	q.MeetingType = &p.MeetingType
	return false, nil
}

// people resolves recorded_by[] and teams[]. Meetings recorded by guests
// come back only when the guest is named in recorded_by[] and no teams[]
// is given (Fathom's rule).
func (s *Service) people(ctx context.Context, c *Caller, p ListParams, q *store.MeetingListParams) error {
	for _, email := range p.RecordedBy {
		m, err := s.store.MemberGetByEmail(ctx, c.TenantID, email)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		q.RecorderIDs = append(q.RecorderIDs, m.ID)
		if IsExternal(c.domains, m.Email) && len(p.Teams) == 0 {
			q.GuestRecorderIDs = append(q.GuestRecorderIDs, m.ID)
		}
	}
	for _, name := range p.Teams {
		t, err := s.store.TeamGetByName(ctx, c.TenantID, name)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		q.TeamIDs = append(q.TeamIDs, t.ID)
	}
	if c.External { // a guest's own recordings are always theirs to list
		q.GuestRecorderIDs = append(q.GuestRecorderIDs, c.ID)
	}
	q.Restrict = (len(p.RecordedBy) > 0 && len(q.RecorderIDs) == 0) || (len(p.Teams) > 0 && len(q.TeamIDs) == 0)
	return nil
}

// fill loads a meeting's recorder and the content inc asks for.
func (s *Service) fill(ctx context.Context, c *Caller, m *fathom.Meeting, inc fathom.Include, recorders map[int64]*fathom.Member) error {
	r, ok := recorders[m.RecorderID]
	if !ok {
		var err error
		if r, err = s.store.MemberGet(ctx, m.RecorderID); err != nil {
			return fmt.Errorf("recorder of meeting %d: %w", m.ID, err)
		}
		r.External = IsExternal(c.domains, r.Email)
		recorders[m.RecorderID] = r
	}
	m.Recorder = r
	if !inc.Transcript && !inc.ActionItems {
		return nil
	}
	items, actions, err := s.store.MeetingContent(ctx, m.ID)
	if err != nil {
		return err
	}
	if inc.Transcript {
		m.Transcript = items
	}
	if inc.ActionItems {
		m.ActionItems = actions
	}
	return nil
}

// Get returns one meeting the caller can see (our extension).
func (s *Service) Get(ctx context.Context, c *Caller, id int64, inc fathom.Include) (*fathom.Meeting, error) {
	m, err := s.get(ctx, c, id)
	if err != nil {
		return nil, err
	}
	return m, s.fill(ctx, c, m, inc, map[int64]*fathom.Member{m.RecorderID: m.Recorder})
}

// Summary returns a recording's summary, nil while it is being made.
func (s *Service) Summary(ctx context.Context, c *Caller, id int64) (*fathom.Summary, error) {
	m, err := s.get(ctx, c, id)
	if err != nil {
		return nil, err
	}
	return m.Summary, nil
}

// Transcript returns a recording's transcript.
func (s *Service) Transcript(ctx context.Context, c *Caller, id int64) ([]fathom.TranscriptItem, error) {
	if _, err := s.get(ctx, c, id); err != nil {
		return nil, err
	}
	items, _, err := s.store.MeetingContent(ctx, id)
	return items, err
}

func ptr[T any](v T) *T { return &v }

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(strings.TrimSpace(s))
	}
	return out
}
