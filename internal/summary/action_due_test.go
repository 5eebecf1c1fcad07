package summary

import (
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

var team = []fathom.Invitee{
	{Name: "Raj Mehta", Email: "raj.mehta@example.com"},
	{Name: "Dana Kowalski", Email: "dana.kowalski@example.com"},
	{Name: "Priya Nair", Email: "priya@client.example", External: true},
}

// monday is the meeting's day in these tests: Monday 7 December 2026.
var monday = Meta{Language: "en", Date: time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC),
	Teams: map[string]string{"raj.mehta@example.com": "Engineering", "dana.kowalski@example.com": "Sales"}}

// The four-line transcript of the issue: one request with its owner and
// due date, and talk that is not an action item.
func TestActionItemsFourLines(t *testing.T) {
	t.Parallel()
	got := ActionItems(meetingOf(
		utt{"Dana Kowalski", "Okay, let's move on. I'll stop sharing."},
		utt{"Dana Kowalski", "Raj, please finish the SSO configuration for Acme by Thursday."},
		utt{"Raj Mehta", "Sure, let me see. Did you get the revised proposal I sent you?"},
		utt{"Priya Nair", "Yes, I will say it looks good."}), team, monday)
	want := fathom.ActionItem{Description: "Finish the SSO configuration for Acme by Thursday", At: time.Second,
		AssigneeName: "Raj Mehta", AssigneeEmail: "raj.mehta@example.com", AssigneeTeam: "Engineering",
		Due: time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)}
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got %+v\nwant [%+v]", got, want)
	}
}

// Wordings of commitments and requests beyond the develop pool's, each
// with the owner and due date a reader would give it.
func TestActionItemsWordings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		say       utt
		want, who string
		due       time.Time
	}{
		{utt{"Dana Kowalski", "Raj, send me the pricing by Friday, please."}, "Send Dana the pricing by Friday", "Raj Mehta", day(11)},
		{utt{"Dana Kowalski", "Can Raj review the contract tomorrow?"}, "Review the contract tomorrow", "Raj Mehta", day(8)},
		{utt{"Dana Kowalski", "I'd like Priya to check the invoices by the end of the week."}, "Check the invoices by the end of the week", "Priya Nair", day(11)},
		{utt{"Raj Mehta", "I'll probably send you the numbers by Wednesday, Dana."}, "Send Dana the numbers by Wednesday", "Raj Mehta", day(9)},
		{utt{"Dana Kowalski", "If you could draft the agenda in three days, that would be great, Priya."}, "Draft the agenda in three days", "Priya Nair", day(10)},
		{utt{"Raj Mehta", "I'm happy to update the roadmap the day after tomorrow."}, "Update the roadmap the day after tomorrow", "Raj Mehta", day(9)},
		{utt{"Dana Kowalski", "Priya, don't forget to renew the licence by 14 December."}, "Renew the licence by 14 December", "Priya Nair", day(14)},
		{utt{"Raj Mehta", "Sure, I'll get the demo ready later today."}, "Get the demo ready later today", "Raj Mehta", day(7)},
		{utt{"Dana Kowalski", "Raj, it'd be great if you could update the doc by Monday."}, "Update the doc by Monday", "Raj Mehta", day(14)},
		{utt{"Dana Kowalski", "Can I get you to check the logs tomorrow, Raj?"}, "Check the logs tomorrow", "Raj Mehta", day(8)},
		{utt{"Dana Kowalski", "Tomorrow, I'll send the deck to the client."}, "Send the deck to the client tomorrow", "Dana Kowalski", day(8)},
		{utt{"Raj Mehta", "I'll ping the vendor first thing Monday morning."}, "Ping the vendor first thing Monday morning", "Raj Mehta", day(14)},
		{utt{"Dana Kowalski", "Raj will follow up with legal."}, "Follow up with legal", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Raj, is it possible for you to update the roadmap by Friday?"}, "Update the roadmap by Friday", "Raj Mehta", day(11)},
		{utt{"Dana Kowalski", "Any chance you could update the roadmap tomorrow, Raj?"}, "Update the roadmap tomorrow", "Raj Mehta", day(8)},
		{utt{"Dana Kowalski", "I'll need Raj to update the roadmap."}, "Update the roadmap", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Raj has agreed to update the roadmap by Monday."}, "Update the roadmap by Monday", "Raj Mehta", day(14)},
		{utt{"Raj Mehta", "I'll take an action to update the roadmap."}, "Update the roadmap", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "So action item, Raj: update the roadmap by Friday."}, "Update the roadmap by Friday", "Raj Mehta", day(11)},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := ActionItems(meetingOf(utt{"Priya Nair", "Hello."}, tt.say), team, monday)
			if len(got) != 1 {
				t.Fatalf("%q: got %+v, want one item", tt.say.text, got)
			}
			if a := got[0]; a.Description != tt.want || a.AssigneeName != tt.who || !a.Due.Equal(tt.due) {
				t.Errorf("%q:\n got %q by %q due %v\nwant %q by %q due %v", tt.say.text, a.Description, a.AssigneeName,
					a.Due.Format(time.DateOnly), tt.want, tt.who, tt.due.Format(time.DateOnly))
			}
		})
	}
}

func day(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, time.UTC) }

// Talk that is not work after the meeting gives nothing, even with a day
// in it or a name before it.
func TestActionItemsNotActions(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"Let me know by Friday.",
		"Raj, let me see.",
		"Please, please leave me a space at the bottom.",
		"As discussed with William, we are going to have maybe a new interface.",
		"Maybe I'll send it.",
		"I can see your screen now.",
		"You'll see the button on the left.",
		"Let's move on to the next point.",
		"You need to press the red button.",
		"I will open our meeting.",
		"I'll take the lunch.",
		"I will list the agenda for today.",
		"Would you replace your controller with one of similar function?",
		"Would you like a coffee?",
	} {
		if got := ActionItems(meetingOf(utt{"Priya Nair", "Hello."}, utt{"Dana Kowalski", text}), team, monday); len(got) != 0 {
			t.Errorf("%q gave %+v, want no action item", text, got)
		}
	}
}

func TestFindDue(t *testing.T) {
	t.Parallel()
	thu := time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC) // a Thursday
	for _, tt := range []struct {
		text string
		want time.Time
	}{
		{"by thursday", day(17)}, // strictly after the meeting's day
		{"on friday morning", day(11)},
		{"next monday", day(14)},
		{"by end of day", day(10)},
		{"by the end of the week", day(11)},
		{"tomorrow", day(11)},
		{"within a week", day(17)},
		{"in a couple of days", day(12)},
		{"in 2 days", day(12)},
		{"by december 24th", day(24)},
		{"by the 3rd of december", time.Date(2027, 12, 3, 0, 0, 0, 0, time.UTC)},
		{"a week from today", day(17)},
		{"two weeks from today", day(24)},
		{"three days from now", day(13)},
		{"a week from tomorrow", day(18)},
		{"in two weeks", day(24)},
		{"in three days", day(13)},
		{"within ten days", day(20)},
		{"in 2 weeks", day(24)},
	} {
		d, ok := findDue(splitLower(tt.text), thu)
		if !ok || !d.day.Equal(tt.want) {
			t.Errorf("%q: got %v %v, want %v", tt.text, d.day.Format(time.DateOnly), ok, tt.want.Format(time.DateOnly))
		}
	}
	for _, text := range []string{"next week", "in the middle", "on the table", "a few days"} {
		if d, ok := findDue(splitLower(text), thu); ok {
			t.Errorf("%q: got %v, want none", text, d.day)
		}
	}
}

func splitLower(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, bare(w))
	}
	return out
}
