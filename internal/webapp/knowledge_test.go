package webapp

import (
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
)

func TestPolylineScalesToTheBox(t *testing.T) {
	got := polyline([]int{0, 2, 4}, 120, 32)
	if got != "0.0,30.0 60.0,16.0 120.0,2.0" {
		t.Fatalf("polyline = %q", got)
	}
	if got := polyline([]int{0, 0}, 120, 32); got != "0.0,30.0 120.0,30.0" {
		t.Fatalf("flat polyline = %q", got)
	}
}

func TestGraphLinksEachSolutionToItsOutcomes(t *testing.T) {
	rec := &knowledge.Recommendation{IssueType: &knowledge.IssueType{Name: "payments", Occurrences: 9},
		Actions: []knowledge.SolutionInfo{
			{Solution: fathom.Solution{Key: "check_card"}, Stats: knowledge.EdgeStats{SuccessCount: 3, FailureCount: 1, TotalAttempts: 4}},
			{Solution: fathom.Solution{Key: "a_solution_key_far_longer_than_a_box_holds"}, Stats: knowledge.EdgeStats{SuccessCount: 2, TotalAttempts: 2}},
		}}
	g := newGraphView(rec)
	classes := map[string]int{}
	for _, l := range g.Links {
		classes[l.Class]++
	}
	if classes["tried"] != 2 || classes["success"] != 2 || classes["failure"] != 1 {
		t.Fatalf("links %v, want 2 tried, 2 success, 1 failure", classes)
	}
	if len(g.Boxes) != 5 {
		t.Fatalf("%d boxes, want the type, 2 outcomes and 2 solutions", len(g.Boxes))
	}
	for _, b := range g.Boxes {
		if b.Y < 0 || b.Y+b.H > g.Height || b.X+b.W > g.Width || len([]rune(b.Label)) > graphLabel {
			t.Fatalf("box %+v outside the %dx%d graph or label too long", b, g.Width, g.Height)
		}
	}
	if !strings.Contains(g.Label, "check_card tried 4 times, worked 3, did not work 1") {
		t.Fatalf("graph label %q", g.Label)
	}
}
