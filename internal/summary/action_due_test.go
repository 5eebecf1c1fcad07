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
	checkItems(t, []itemCase{
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
	})
}

func day(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, time.UTC) }

// Talk that is not work after the meeting gives nothing, even with a day
// in it or a name before it.
func TestActionItemsNotActions(t *testing.T) {
	t.Parallel()
	checkNoItems(t, []string{
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
	})
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
		{"by eod friday", day(11)},
		{"by cob tomorrow", day(11)},
		{"by close of business on monday", day(14)},
		{"by friday lunchtime at the latest", day(11)},
		{"by the 15th", day(15)},
		{"by the 3rd", time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC)},
		{"by the end of the month", day(31)},
		{"by end of next week", day(18)},
		{"in a fortnight", day(24)},
		{"a fortnight from today", day(24)},
		{"by noon", day(10)},
		{"before 5pm", day(10)},
		{"by 3 pm", day(10)},
		{"at 5pm tomorrow", day(11)},
		// A quantity and a unit, read compositionally.
		{"within forty-eight hours", day(12)},
		{"within seventy two hours", day(13)},
		{"in twenty-one days", day(31)},
		{"within sixteen days", day(26)},
		{"in nineteen days", day(29)},
		{"in 3 working days", day(15)}, // Friday, Monday, Tuesday
		{"within two business days", day(14)},
		{"in two weeks' time", day(24)},
		{"in a week's time", day(17)},
		{"within the next five days", day(15)},
		{"by this time next week", day(17)},
		{"this time tomorrow", day(11)},
		{"forty-eight hours from now", day(12)},
	} {
		d, ok := findDue(splitLower(tt.text), thu)
		if !ok || !d.day.Equal(tt.want) {
			t.Errorf("%q: got %v %v, want %v", tt.text, d.day.Format(time.DateOnly), ok, tt.want.Format(time.DateOnly))
		}
	}
	for _, text := range []string{"next week", "in the middle", "on the table", "a few days", "the 3 options", "at 5", "page 5pm", "in thirty minutes", "in two hours", "within thirty hours", "this time", "forty-two"} {
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
