package webapp

import (
	"fmt"

	"github.com/fathom-oss/fathom/internal/knowledge"
)

// The issue → solution → outcome graph of one issue type, laid out on the
// server in three columns: the type, its solutions, the two outcomes. An
// edge's width follows its number of attempts.

const (
	graphWidth  = 640
	graphColumn = 200 // a node's width
	graphRow    = 40  // a solution's row height
	graphNode   = 28  // a node's height
	graphLabel  = 28  // longest label, in characters
)

// graphBox is a box with its label.
type graphBox struct {
	X, Y, W, H int
	Label      string
	Title      string // the full label and figures, for a tooltip
	Class      string // type, solution, success, failure
}

// graphLink is a curve between two boxes.
type graphLink struct {
	Path  string
	Width float64
	Class string // the outcome's class for solution → outcome links
	Title string
}

// graphView is the drawn graph.
type graphView struct {
	Width, Height int
	Boxes         []graphBox
	Links         []graphLink
	Label         string // the graph read as text, for screen readers
}

func newGraphView(rec *knowledge.Recommendation) *graphView {
	n := max(len(rec.Actions), 3)
	g := &graphView{Width: graphWidth, Height: n*graphRow + 8}
	mid := func(y int) int { return y + graphNode/2 }
	typeY := g.Height/2 - graphNode/2
	g.Boxes = append(g.Boxes, graphBox{X: 4, Y: typeY, W: graphColumn, H: graphNode, Class: "type",
		Label: short(rec.IssueType.Name), Title: fmt.Sprintf("%s: %d conversations", rec.IssueType.Name, rec.IssueType.Occurrences)})
	okY, failY := g.Height/3-graphNode/2, 2*g.Height/3-graphNode/2
	outX := graphWidth - 124
	g.Boxes = append(g.Boxes, graphBox{X: outX, Y: okY, W: 120, H: graphNode, Class: "success", Label: "worked", Title: "worked"},
		graphBox{X: outX, Y: failY, W: 120, H: graphNode, Class: "failure", Label: "did not work", Title: "did not work"})
	most := 1
	for _, a := range rec.Actions {
		most = max(most, a.Stats.TotalAttempts)
	}
	width := func(k int) float64 { return 1 + 7*float64(k)/float64(most) }
	solX := graphColumn + 50
	typeRight := 4 + graphColumn
	label := rec.IssueType.Name + ":"
	top := (g.Height - len(rec.Actions)*graphRow) / 2 // few solutions are centred
	for i, a := range rec.Actions {
		y := top + i*graphRow + (graphRow-graphNode)/2
		s := a.Stats
		g.Boxes = append(g.Boxes, graphBox{X: solX, Y: y, W: graphColumn, H: graphNode, Class: "solution", Label: short(a.Key),
			Title: fmt.Sprintf("%s: %d of %d attempts worked", a.Key, s.SuccessCount, s.TotalAttempts)})
		g.Links = append(g.Links, curve(typeRight, mid(typeY), solX, mid(y), width(s.TotalAttempts), "tried",
			fmt.Sprintf("%s: tried %d times", a.Key, s.TotalAttempts)))
		if s.SuccessCount > 0 {
			g.Links = append(g.Links, curve(solX+graphColumn, mid(y), outX, mid(okY), width(s.SuccessCount), "success",
				fmt.Sprintf("%s: worked %d times", a.Key, s.SuccessCount)))
		}
		if s.FailureCount > 0 {
			g.Links = append(g.Links, curve(solX+graphColumn, mid(y), outX, mid(failY), width(s.FailureCount), "failure",
				fmt.Sprintf("%s: did not work %d times", a.Key, s.FailureCount)))
		}
		label += fmt.Sprintf(" %s tried %d times, worked %d, did not work %d;", a.Key, s.TotalAttempts, s.SuccessCount, s.FailureCount)
	}
	if len(rec.Actions) == 0 {
		label += " no solutions recorded."
	}
	g.Label = label
	return g
}

// curve is a horizontal S-curve from (x1, y1) to (x2, y2).
func curve(x1, y1, x2, y2 int, width float64, class, title string) graphLink {
	c := (x1 + x2) / 2
	return graphLink{Path: fmt.Sprintf("M%d %d C%d %d %d %d %d %d", x1, y1, c, y1, c, y2, x2, y2), Width: width, Class: class, Title: title}
}

// short cuts a label to graphLabel characters.
func short(s string) string {
	r := []rune(s)
	if len(r) <= graphLabel {
		return s
	}
	return string(r[:graphLabel-1]) + "…"
}
