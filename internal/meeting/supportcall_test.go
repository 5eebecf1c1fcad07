package meeting

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestIsSupportCall(t *testing.T) {
	rules := []fathom.SupportCallRule{{Kind: fathom.SupportCallMeetingType, Value: "Support call"},
		{Kind: fathom.SupportCallDomain, Value: "customer.io"}}
	cases := []struct {
		name string
		m    fathom.Meeting
		want bool
	}{
		{"its meeting type, in another case", fathom.Meeting{MeetingType: "support CALL"}, true},
		{"an invitee at a rule's domain", fathom.Meeting{Invitees: []fathom.Invitee{{Email: "a@acme.com"}, {Email: "Dana@Customer.io"}}}, true},
		{"another type, other domains", fathom.Meeting{MeetingType: "Sales", Invitees: []fathom.Invitee{{Email: "x@customer.io.evil.test"}}}, false},
		{"no type, no invitees", fathom.Meeting{}, false},
	}
	for _, c := range cases {
		if got := IsSupportCall(rules, &c.m); got != c.want {
			t.Errorf("%s: IsSupportCall = %v, want %v", c.name, got, c.want)
		}
	}
	if IsSupportCall(nil, &fathom.Meeting{MeetingType: "Support call"}) {
		t.Error("a workspace without rules has a support call")
	}
}

func TestSupportCallOf(t *testing.T) {
	start := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	m := &fathom.Meeting{ID: 42, RecordingStart: start, RecordingEnd: start.Add(time.Hour)}
	item := func(speaker, email, text string, sec int) fathom.TranscriptItem {
		return fathom.TranscriptItem{Speaker: speaker, SpeakerEmail: email, Text: text, At: time.Duration(sec) * time.Second}
	}
	items := []fathom.TranscriptItem{
		item("Alice", "alice@acme.com", "Hello.", 0),
		item("Dana", "Dana@Client.io", "My export fails.", 5),
		item("Dana", "dana@client.io", "Every time.", 8),
		item("Sam", "", "Clear the cache.", 12), // matched to no invitee: the workspace's side
		item("Eve", "eve@partner.test", "Same here.", 20),
	}
	// Without internal domains nobody is external: only a rule's domain
	// makes a customer.
	rules := []fathom.SupportCallRule{{Kind: fathom.SupportCallDomain, Value: "partner.test"}}
	call := SupportCallOf(m, items, nil, rules)
	if call == nil || call.ConversationID != "meeting-42" || call.UserID != "eve@partner.test" || !call.End.Equal(m.RecordingEnd) {
		t.Fatalf("call = %+v", call)
	}
	if got := roles(call.Messages); got != "assistant:Hello.\nMy export fails.\nEvery time.\nClear the cache.|user:Same here." {
		t.Fatalf("messages without internal domains = %s", got)
	}
	call = SupportCallOf(m, items, []string{"acme.com"}, nil)
	if got := roles(call.Messages); got != "assistant:Hello.|user:My export fails.\nEvery time.|assistant:Clear the cache.|user:Same here." {
		t.Fatalf("messages = %s", got)
	}
	if call.UserID != "dana@client.io" || !call.Messages[1].CreatedAt.Equal(start.Add(5*time.Second)) {
		t.Fatalf("user %q, second message at %v", call.UserID, call.Messages[1].CreatedAt)
	}
	if c := SupportCallOf(m, items[:1], []string{"acme.com"}, nil); c != nil {
		t.Fatalf("a call where no customer speaks = %+v, want nil", c)
	}
}

func roles(msgs []fathom.Message) string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = fmt.Sprintf("%s:%s", m.Role, m.Content)
	}
	return strings.Join(out, "|")
}

func TestAppendTurnSplitsLongUtterances(t *testing.T) {
	long := strings.Repeat("word ", maxCallMessageBytes/5+100) + strings.Repeat("é", 10)
	msgs := appendTurn(nil, fathom.RoleUser, strings.TrimSpace(long), time.Time{})
	msgs = appendTurn(msgs, fathom.RoleUser, "short", time.Time{})
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	total := 0
	for _, m := range msgs {
		if len(m.Content) > maxCallMessageBytes || m.Content == "" {
			t.Fatalf("message of %d bytes", len(m.Content))
		}
		total += len(strings.Fields(m.Content))
	}
	if want := maxCallMessageBytes/5 + 100 + 2; total != want {
		t.Fatalf("%d words kept, want %d", total, want)
	}
	if !strings.HasSuffix(msgs[1].Content, "\nshort") {
		t.Fatalf("the short utterance did not join the last message: %q", msgs[1].Content[len(msgs[1].Content)-20:])
	}
}
