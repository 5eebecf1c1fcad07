package eval

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestResolveDueSpec(t *testing.T) {
	t.Parallel()
	thu := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	for spec, want := range map[string]string{
		"weekday:thursday": "2026-03-12", "weekday:friday": "2026-03-06", "days:0": "2026-03-05",
		"days:1": "2026-03-06", "days:7": "2026-03-12", "": "0001-01-01", "days:x": "0001-01-01",
	} {
		if got := resolveDueSpec(thu, spec).Format(time.DateOnly); got != want {
			t.Errorf("%q: got %s, want %s", spec, got, want)
		}
	}
}

func TestDescriptionMatch(t *testing.T) {
	t.Parallel()
	want := "Send Dana the revised proposal"
	for _, c := range []struct {
		got, due string
		f1       float64
	}{
		{"Send Dana the revised proposal by Thursday, 12 March", "by Thursday", 1},
		{"Send Dana the revised proposal tomorrow, Friday 6 March", "tomorrow", 1},
		{"send dana the revised proposal.", "", 1},
		{"Send Dana the revised proposal by COB Thursday", "by COB Thursday", 1},
		// Only the line's own due phrase goes: what the extractor left of
		// it, or another phrase of time, still counts against it.
		{"Send Dana the revised proposal by COB", "by COB Thursday", 0.889},
		{"Send Dana the revised proposal next sprint", "by Friday", 0.800},
		{"Send the team the revised proposal by Thursday, 12 March", "by Thursday", 0.75},
		{"Finish the SSO configuration for Acme by Thursday, 12 March", "by Thursday", 0},
	} {
		if d := descriptionF1(c.got, want, c.due); d < c.f1-0.001 || d > c.f1+0.001 {
			t.Errorf("%q (due %q): F1 %.3f, want %.3f", c.got, c.due, d, c.f1)
		}
	}
	for _, c := range [][3]string{
		{"Send Dana the revised proposal by Thursday, 12 March", "by Thursday", "send dana the revised proposal"},
		{"Book the room on Monday for the review on Friday", "on Friday", "book the room on monday for the review"},
		{"Book the room on Monday", "", "book the room on monday"},
	} {
		if got := withoutDue(c[0], c[1]); got != c[2] {
			t.Errorf("withoutDue(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

// A meeting of plain turns with lines of a small pool: every line is found
// with its owner, team and date, and nothing else is an item.
func TestScoreActions(t *testing.T) {
	t.Parallel()
	var items []fathom.TranscriptItem
	for i := range 40 {
		sp := []string{"A", "B", "C"}[i%3]
		items = append(items, fathom.TranscriptItem{Speaker: sp, Text: "The colour of the case is fine as it is."})
	}
	pool := ActionPool{
		Templates: []ActionTemplate{{Text: "{A}, please {task} {due}.", Owner: "named", Recipient: "me"},
			{Text: "{A}, I'll {task} {due}.", Owner: "speaker", Recipient: "you"}},
		Tasks: []ActionTask{{Text: "send {R} the revised proposal"}, {Text: "book a room for the workshop"},
			{Text: "update the pricing sheet"}, {Text: "email the supplier about the batteries"}},
		Dues: []ActionDue{{Text: "by Thursday", Spec: "weekday:thursday"}, {Text: "tomorrow", Spec: "days:1"}},
	}
	s := ScoreActions([]QMSumMeeting{{Name: "X1a", Items: items}}, pool, ActionsConfig{PerMeeting: 3, Rounds: 4})
	if s.Inserted != 12 || s.Found != 12 || s.OwnerRight != 12 || s.TeamRight != 12 || s.DueRight != 12 || s.FalseItems != 0 || s.Untouched != 0 {
		t.Errorf("score %+v", s)
	}
}
