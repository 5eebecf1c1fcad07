package meeting

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/analytics"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// backfillBatch is how many meetings without analytics a report measures
// per read of the missing ones.
const backfillBatch = 100

// measure derives a meeting's analytics from its transcript.
func measure(m *fathom.Meeting, items []fathom.TranscriptItem) *fathom.MeetingAnalytics {
	length := m.RecordingEnd.Sub(m.RecordingStart)
	return &fathom.MeetingAnalytics{MeetingID: m.ID, TenantID: m.TenantID, Length: length,
		Speakers: analytics.Meeting(items, m.Invitees, length)}
}

// Analytics returns the analytics of a recording the caller can see (our
// extension). A meeting processed before analytics were stored gets them
// now, once; one still processing is measured without being stored.
func (s *Service) Analytics(ctx context.Context, c *Caller, id int64) (*fathom.MeetingAnalytics, error) {
	m, err := s.get(ctx, c, id)
	if err != nil {
		return nil, err
	}
	a, err := s.store.MeetingAnalyticsGet(ctx, c.TenantID, id)
	if errors.Is(err, store.ErrNotFound) {
		return s.backfill(ctx, m)
	}
	return a, err
}

// backfill measures a meeting and, if it is ready, stores its analytics.
func (s *Service) backfill(ctx context.Context, m *fathom.Meeting) (*fathom.MeetingAnalytics, error) {
	a, err := s.measureStored(ctx, m)
	if err != nil || m.Status != fathom.MeetingReady {
		return a, err
	}
	return a, s.store.Write(ctx, func(tx store.Tx) error { return tx.MeetingAnalyticsPut(ctx, a) })
}

// measureStored measures a stored meeting from its stored transcript.
func (s *Service) measureStored(ctx context.Context, m *fathom.Meeting) (*fathom.MeetingAnalytics, error) {
	items, _, err := s.store.MeetingContent(ctx, m.ID)
	if err != nil {
		return nil, fmt.Errorf("analytics of meeting %d: %w", m.ID, err)
	}
	return measure(m, items), nil
}

// ReportParams ask for analytics across meetings.
type ReportParams struct {
	// GroupBy is analytics.ByPerson (the default) or analytics.ByTeam.
	GroupBy string
	// CreatedAfter and CreatedBefore bound the meetings' created_at,
	// strictly; zero: no bound.
	CreatedAfter  time.Time
	CreatedBefore time.Time
	// Team keeps the people of the team named so, or that team alone; ""
	// keeps everyone. A name no team has matches nothing, as the teams[]
	// filter of meeting lists.
	Team string
}

// Report sums the analytics of the meetings the caller can see (the rule
// of GET /meetings/{id}: recorded by them, shared with them or with their
// team), created in the period, by person or by team (our extension).
// Meetings of the tenant in the period that were processed before
// analytics were stored are measured first, once.
func (s *Service) Report(ctx context.Context, c *Caller, p ReportParams) (*analytics.Report, error) {
	switch p.GroupBy {
	case "":
		p.GroupBy = analytics.ByPerson
	case analytics.ByPerson, analytics.ByTeam:
	default:
		return nil, fathom.Errorf(fathom.EINVALID, "group_by must be person or team, got %q", p.GroupBy)
	}
	if !p.CreatedAfter.IsZero() && !p.CreatedBefore.IsZero() && !p.CreatedAfter.Before(p.CreatedBefore) {
		return nil, fathom.Errorf(fathom.EINVALID, "created_before must be later than created_after")
	}
	if err := s.backfillPeriod(ctx, c.TenantID, p.CreatedAfter, p.CreatedBefore); err != nil {
		return nil, err
	}
	r := analytics.NewReport(p.GroupBy, p.Team)
	err := s.store.MeetingAnalyticsScan(ctx, &store.MeetingAnalyticsScanParams{Viewer: c.Viewer(),
		CreatedAfter: p.CreatedAfter, CreatedBefore: p.CreatedBefore}, func(a *fathom.MeetingAnalytics) error {
		r.Add(a)
		return nil
	})
	return r, err
}

// backfillPeriod measures and stores the analytics of the tenant's ready
// meetings in the period that have none.
func (s *Service) backfillPeriod(ctx context.Context, tenantID int64, after, before time.Time) error {
	for {
		ids, err := s.store.MeetingAnalyticsMissing(ctx, &store.MeetingAnalyticsMissingParams{TenantID: tenantID,
			CreatedAfter: after, CreatedBefore: before, Limit: backfillBatch})
		if err != nil || len(ids) == 0 {
			return err
		}
		as := make([]*fathom.MeetingAnalytics, 0, len(ids))
		for _, id := range ids {
			m, err := s.store.MeetingGet(ctx, tenantID, id)
			if errors.Is(err, store.ErrNotFound) { // deleted meanwhile
				continue
			}
			if err != nil {
				return fmt.Errorf("analytics of meeting %d: %w", id, err)
			}
			a, err := s.measureStored(ctx, m)
			if err != nil {
				return err
			}
			as = append(as, a)
		}
		// One transaction per batch: what was measured is stored together.
		err = s.store.Write(ctx, func(tx store.Tx) error {
			for _, a := range as {
				if err := tx.MeetingAnalyticsPut(ctx, a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}
