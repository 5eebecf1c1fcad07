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
	for got, f1 := range map[string]float64{
		"Send Dana the revised proposal by Thursday, 12 March":        1,
		"Send Dana the revised proposal tomorrow, Friday 6 March":     1,
		"send dana the revised proposal.":                             1,
		"Send the team the revised proposal by Thursday, 12 March":    0.75,
		"Finish the SSO configuration for Acme by Thursday, 12 March": 0,
	} {
		if d := descriptionF1(got, want); d < f1-0.001 || d > f1+0.001 {
			t.Errorf("%q: F1 %.3f, want %.3f", got, d, f1)
		}
	}
	if normDescription(withoutDue("Send Dana the revised proposal by Thursday, 12 March")) != "send dana the revised proposal" {
		t.Error("the due part was not removed")
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
