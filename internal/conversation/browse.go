package conversation

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// The dashboard's reads: a page of conversations with what analysis made
// of them, and each issue type's conversations per week.

// MaxBrowse is the largest page Browse returns.
const MaxBrowse = 100

// BrowseItem is one conversation with its analysis; IssueType is "" and
// Attempts nil until it is analysed.
type BrowseItem struct {
	Conversation *fathom.Conversation
	IssueType    string
	Attempts     []fathom.Attempt
}

// BrowsePage is a page of conversations in id order; Next is the cursor of
// the page after it, 0 on the last page.
type BrowsePage struct {
	Items []BrowseItem
	Next  int64
}

// Browse returns up to limit of the tenant's conversations with an id
// above after, each with its issue type and attempts.
func (s *Service) Browse(ctx context.Context, tenantID, after int64, limit int) (*BrowsePage, error) {
	if limit < 1 || limit > MaxBrowse {
		return nil, fathom.Errorf(fathom.EINVALID, "limit must be between 1 and %d", MaxBrowse)
	}
	if after < 0 {
		return nil, fathom.Errorf(fathom.EINVALID, "after must not be negative")
	}
	var convs []*fathom.Conversation
	err := s.store.ConversationScan(ctx, &store.ConversationScanParams{TenantID: tenantID, AfterID: after, Limit: limit + 1},
		func(c *fathom.Conversation, _ []fathom.Message) error {
			convs = append(convs, c)
			return nil
		})
	if err != nil {
		return nil, err
	}
	page := &BrowsePage{Items: []BrowseItem{}}
	if len(convs) > limit {
		convs = convs[:limit]
		page.Next = convs[limit-1].ID
	}
	ids := make([]int64, len(convs))
	for i, c := range convs {
		ids[i] = c.ID
	}
	analyses, err := s.store.AnalysisListByIDs(ctx, tenantID, ids)
	if err != nil {
		return nil, err
	}
	byConv := make(map[int64]*fathom.Analysis, len(analyses))
	for _, a := range analyses {
		byConv[a.ConversationID] = a
	}
	names := s.typeNames(tenantID)
	for _, c := range convs {
		it := BrowseItem{Conversation: c}
		if a := byConv[c.ID]; a != nil {
			it.IssueType, it.Attempts = names[a.IssueTypeID], a.Attempts
		}
		page.Items = append(page.Items, it)
	}
	return page, nil
}

// typeNames maps the tenant's issue type ids to their names.
func (s *Service) typeNames(tenantID int64) map[int64]string {
	types := s.know.IssueTypes(tenantID)
	out := make(map[int64]string, len(types))
	for _, t := range types {
		out[t.ID] = t.Name
	}
	return out
}

// Trends counts, for each of the tenant's issue types by name, its
// conversations per week for the weeks weeks ending with the one holding
// now (oldest first); conversations are counted in the week they began.
func (s *Service) Trends(ctx context.Context, tenantID int64, weeks int, now time.Time) (map[string][]int, error) {
	names := s.typeNames(tenantID)
	out := make(map[string][]int, len(names))
	for _, n := range names {
		out[n] = make([]int, weeks)
	}
	const week = 7 * 24 * time.Hour
	end := now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	start := end.Add(-time.Duration(weeks) * week)
	var after int64
	for {
		typeOf := map[int64]int64{}
		var ids []int64
		err := s.store.AnalysisScan(ctx, tenantID, after, 5000, func(a *fathom.Analysis) error {
			typeOf[a.ConversationID] = a.IssueTypeID
			ids = append(ids, a.ConversationID)
			after = a.ConversationID
			return nil
		})
		if err != nil || len(ids) == 0 {
			return out, err
		}
		convs, err := s.store.ConversationListByIDs(ctx, tenantID, ids)
		if err != nil {
			return nil, err
		}
		for _, c := range convs {
			counts := out[names[typeOf[c.ID]]]
			if counts == nil || c.CreatedAt.Before(start) || !c.CreatedAt.Before(end) {
				continue
			}
			counts[int(c.CreatedAt.Sub(start)/week)]++
		}
	}
}
