package summary

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// utt is an utterance for tests: speaker and text, a second apart.
type utt struct{ speaker, text string }

func meetingOf(us ...utt) []fathom.TranscriptItem {
	items := make([]fathom.TranscriptItem, len(us))
	for i, u := range us {
		items[i] = fathom.TranscriptItem{Speaker: u.speaker, Text: u.text, At: time.Duration(i) * time.Second}
	}
	return items
}

var invitees = []fathom.Invitee{
	{Name: "John Park", Email: "john@acme.com"},
	{Name: "Alice Moreau", Email: "alice@acme.com"},
	{Name: "Bob Stone", Email: "bob@acme.com"},
}

func TestActionItemsPositive(t *testing.T) {
	t.Parallel()
	tests := []struct {
		say               utt
		want, name, email string
	}{
		{utt{"Alice Moreau", "I'll send the deck by Friday."}, "Send the deck by Friday", "Alice Moreau", "alice@acme.com"},
		{utt{"Alice Moreau", "Okay, I will look into it."}, "Look into it", "Alice Moreau", "alice@acme.com"},
		{utt{"Alice Moreau", "I think I'll update my slides tomorrow."}, "Update the slides tomorrow", "Alice Moreau", "alice@acme.com"},
		{utt{"Alice Moreau", "Sure, I'm going to draft the proposal, because they asked."}, "Draft the proposal", "Alice Moreau", "alice@acme.com"},
		{utt{"Alice Moreau", "We need to fix the login bug next week."}, "Fix the login bug next week", "", ""},
		{utt{"Alice Moreau", "Let's schedule a follow-up after the call."}, "Schedule a follow-up after the call", "", ""},
		{utt{"Alice Moreau", "John, can you update the roadmap?"}, "Update the roadmap", "John Park", "john@acme.com"},
		{utt{"Alice Moreau", "Can you send me the contract, Bob?"}, "Send Alice the contract", "Bob Stone", "bob@acme.com"},
		{utt{"Alice Moreau", "Could you please review my PR?"}, "Review Alice's PR", "Carol", ""}, // the only other speaker
		{utt{"Alice Moreau", "Action item: John to book the venue."}, "Book the venue", "John Park", "john@acme.com"},
		{utt{"Alice Moreau", "Action item: renew the SSL certificate."}, "Renew the SSL certificate", "", ""},
		{utt{"Alice Moreau", "Bob will prepare the budget for next week."}, "Prepare the budget for next week", "Bob Stone", "bob@acme.com"},
		{utt{"Alice Moreau", "Sounds good, and I'll get back to you on pricing."}, "Get back to Carol on pricing", "Alice Moreau", "alice@acme.com"},
		{utt{"Unknown speaker", "I'll email the client."}, "Email the client", "", ""},
		{utt{"Alice Moreau", "Mike, could you check the logs?"}, "Check the logs", "Mike", ""},
		// Structure, not verb lists: any verb with an object, said as a promise.
		{utt{"Alice Moreau", "I'll reconcile the vendor invoices."}, "Reconcile the vendor invoices", "Alice Moreau", "alice@acme.com"},
		{utt{"Alice Moreau", "John, are you free to audit the access logs?"}, "Audit the access logs", "John Park", "john@acme.com"},
		{utt{"Alice Moreau", "Bob, would you be happy to proofread the brochure?"}, "Proofread the brochure", "Bob Stone", "bob@acme.com"},
		{utt{"Alice Moreau", "John, do you think you could benchmark the new cache?"}, "Benchmark the new cache", "John Park", "john@acme.com"},
		{utt{"Alice Moreau", "Bob, your job this week is to migrate the wiki."}, "Migrate the wiki", "Bob Stone", "bob@acme.com"},
		{utt{"Alice Moreau", "Perhaps John could archive the old tickets."}, "Archive the old tickets", "John Park", "john@acme.com"},
		{utt{"Alice Moreau", "Sign me up to translate the user guide."}, "Translate the user guide", "Alice Moreau", "alice@acme.com"},
		{utt{"Alice Moreau", "I guess I could relabel the boxes on Monday."}, "Relabel the boxes on Monday", "Alice Moreau", "alice@acme.com"},
		{utt{"Alice Moreau", "I meant to recalibrate the scales anyway, so I'll do it tomorrow."}, "Recalibrate the scales tomorrow", "Alice Moreau", "alice@acme.com"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := ActionItems(meetingOf(utt{"Carol", "Hello."}, tt.say), invitees, Meta{Language: "en"})
			if len(got) != 1 {
				t.Fatalf("%q: got %d items %+v, want 1", tt.say.text, len(got), got)
			}
			a := got[0]
			if a.Description != tt.want || a.AssigneeName != tt.name || a.AssigneeEmail != tt.email || a.At != time.Second {
				t.Errorf("%q:\n got %q by %q <%s> at %v\nwant %q by %q <%s> at 1s", tt.say.text,
					a.Description, a.AssigneeName, a.AssigneeEmail, a.At, tt.want, tt.name, tt.email)
			}
		})
	}
}

func TestActionItemsNegative(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"I'll be honest, the numbers are bad.",
		"Did you send the deck last week?",
		"Have you updated the roadmap?",
		"I will say that it went well.",
		"Maybe I'll send it.",
		"I'll probably send it.",
		"If we have time, I'll review the doc.",
		"Let's start.",
		"Let's move on to the next slide.",
		"Let me share my screen.",
		"Can you see my screen?",
		"Can you hear me?",
		"I'll just share my screen now.",
		"We need to talk about the budget.",
		"We have to make it simple.",
		"I'll do it.",
		"I'll do some stuff.",
		"He said I'll get a bonus.",
		"So I'll send it?",
		"I would have sent it.",
		"I won't send the deck.",
		"I will not send the deck.",
		"We sent the deck yesterday.",
		"I think we should ship it.",
		"Would you prefer an LCD screen?",
		"We need to fix the login bug.",
		"We have to design one product.",
		"I'll go back to my own presentation.",
		"Okay, well I'll move on.",
		"I will focus on user interface design.",
		"Plastic, you could call it the cheap option.",
		"John, you can take the next one if you want.",
		"We'll have the three presentations first.",
		"Let's have a bottle of champagne.",
		"So, I will open our functional design meeting.",
		"But I don't know if you could get any mirror effect on it.",
		"So can you give us a summary of all the decisions?",
		"Are you able to see the diagram?",
	} {
		if got := ActionItems(meetingOf(utt{"Carol", "Hello."}, utt{"Alice Moreau", text}, utt{"Bob Stone", "Hmm."}), invitees, Meta{}); len(got) != 0 {
			t.Errorf("%q gave %+v, want no action item", text, got)
		}
	}
}

func TestActionItemsAssignment(t *testing.T) {
	t.Parallel()
	// The next speaker who accepts a request takes it.
	got := ActionItems(meetingOf(
		utt{"Alice Moreau", "Can you update the roadmap?"},
		utt{"John Park", "Sure, no problem."},
		utt{"Bob Stone", "Ok."}), invitees, Meta{})
	if len(got) != 1 || got[0].AssigneeName != "John Park" || got[0].AssigneeEmail != "john@acme.com" {
		t.Errorf("accepted request: %+v", got)
	}
	// With two speakers, "you" is the other one, and "you" in a promise is
	// the one who spoke last.
	got = ActionItems(meetingOf(
		utt{"Ann", "Could you draft the agreement?"},
		utt{"Ben", "Hmm."},
		utt{"Ann", "And I'll send you the invoice by Monday."}), nil, Meta{})
	want := []fathom.ActionItem{
		{Description: "Draft the agreement", AssigneeName: "Ben"},
		{Description: "Send Ben the invoice by Monday", AssigneeName: "Ann", At: 2 * time.Second},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestActionItemsDedupeCapLanguage(t *testing.T) {
	t.Parallel()
	got := ActionItems(meetingOf(
		utt{"Ann", "I'll send the deck to the client."},
		utt{"Ben", "Great."},
		utt{"Ann", "Yes, I will send the deck to the client."}), nil, Meta{})
	if len(got) != 1 {
		t.Errorf("near-identical items were not merged: %+v", got)
	}
	var us []utt
	for range 30 {
		us = append(us, utt{"Ann", "I'll email the supplier about pallets."}, utt{"Ann", "We need to fix invoice " + string(rune('A'+len(us)%26)) + " soon."})
	}
	if got := ActionItems(meetingOf(us...), nil, Meta{}); len(got) > maxActions {
		t.Errorf("%d items, want at most %d", len(got), maxActions)
	}
	if got := ActionItems(meetingOf(utt{"Ann", "I'll send the deck by Friday."}), nil, Meta{Language: "fr"}); got != nil {
		t.Errorf("non-English meeting gave %+v", got)
	}
}

// itemCase is one thing said to the team after Priya's "Hello.", with the
// one action item it gives: its description, owner and due day.
type itemCase struct {
	say       utt
	want, who string
	due       time.Time
}

// checkItems checks that each case, said in a meeting of the team on
// monday, gives its one action item and no other.
func checkItems(t *testing.T, cases []itemCase) {
	t.Helper()
	for _, tt := range cases {
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

// checkNoItems checks that each text, said by Dana after Priya's
// "Hello." in a meeting of the team on monday, gives no action item.
func checkNoItems(t *testing.T, texts []string) {
	t.Helper()
	for _, text := range texts {
		if got := ActionItems(meetingOf(utt{"Priya Nair", "Hello."}, utt{"Dana Kowalski", text}), team, monday); len(got) != 0 {
			t.Errorf("%q gave %+v, want no action item", text, got)
		}
	}
}
