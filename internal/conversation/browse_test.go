package conversation

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// TestTrendsCountEachTypeByWeekAndBrowsePages: conversations tracked in
// different weeks are counted in the week they began, under their issue
// type, and Browse pages through them with their analyses.
func TestTrendsCountEachTypeByWeekAndBrowsePages(t *testing.T) {
	ctx := context.Background()
	db := sqlitetest.Open(t, t.TempDir())
	tn := seedAcme(t, db)
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	s := NewService(Deps{Store: db, Queue: &committedQueue{}, Index: search.NewCatalog(), Knowledge: knowledge.New(issuetype.Config{}),
		Now: func() time.Time { return now }}, Config{})
	start := now
	// 3 weeks before the last: 4 conversations; the last week: 8.
	for i := range 12 {
		now = start
		if i >= 4 {
			now = start.Add(21 * 24 * time.Hour)
		}
		_, err := s.Track(ctx, tn.ID, TrackParams{ConversationID: fmt.Sprintf("c%02d", i), Messages: []MessageInput{
			{Role: fathom.RoleUser, Content: "my card payment keeps getting declined"},
			{Role: fathom.RoleAssistant, Content: "Please check whether your card has expired."},
			{Role: fathom.RoleUser, Content: "That worked, thanks."}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AnalyzeTenant(ctx, tn.ID); err != nil {
		t.Fatal(err)
	}
	types := s.IssueTypes(ctx, tn.ID)
	if len(types) == 0 {
		t.Fatal("no issue type learned")
	}
	trends, err := s.Trends(ctx, tn.ID, 4, now)
	if err != nil {
		t.Fatal(err)
	}
	if got := trends[types[0].Name]; !slices.Equal(got, []int{4, 0, 0, 8}) {
		t.Fatalf("trend of %s = %v, want [4 0 0 8] (all: %v)", types[0].Name, got, trends)
	}

	var seen []string
	var after int64
	for {
		p, err := s.Browse(ctx, tn.ID, after, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range p.Items {
			if it.IssueType != types[0].Name || len(it.Attempts) == 0 {
				t.Fatalf("%s: type %q, %d attempts", it.Conversation.ExternalID, it.IssueType, len(it.Attempts))
			}
			seen = append(seen, it.Conversation.ExternalID)
		}
		if after = p.Next; after == 0 {
			break
		}
	}
	if len(seen) != 12 || seen[0] != "c00" || seen[11] != "c11" {
		t.Fatalf("browsed %v", seen)
	}
	if _, err := s.Browse(ctx, tn.ID, 0, MaxBrowse+1); fathom.ErrorCode(err) != fathom.EINVALID {
		t.Fatalf("limit above the most: %v", err)
	}
}
