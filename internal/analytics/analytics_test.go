package analytics

import (
	"reflect"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func sec(n int) time.Duration { return time.Duration(n) * time.Second }

var invitees = []fathom.Invitee{
	{Name: "Ann", Email: "ann@us.test", EmailDomain: "us.test"},
	{Name: "Carl", Email: "carl@acme.com", EmailDomain: "acme.com", External: true},
	{Name: "Dana", Email: "dana@us.test", EmailDomain: "us.test"},
}

// firstMeeting, worked by hand (recording of 100 s):
//
//	 0 s Ann   10 s   Ann   internal (matched by email)
//	10 s Ann   20 s   Ann
//	30 s Carl  20 s   Carl  external (matched by name)
//	50 s Bob    5 s   Bob   unknown (no invitee)
//	55 s Ann   15 s
//	70 s Carl  30 s   (the last item lasts until the end: 100 - 70)
func firstMeeting() []fathom.TranscriptItem {
	return []fathom.TranscriptItem{
		{Speaker: "Ann", SpeakerEmail: "ann@us.test", Text: "Welcome. How was the trip?", At: sec(0)},
		{Speaker: "Ann", SpeakerEmail: "ann@us.test", Text: "Let's start.", At: sec(10)},
		{Speaker: "Carl", Text: "Good. Can we talk pricing? And terms?", At: sec(30)},
		{Speaker: "Bob", Text: "I'm listening.", At: sec(50)},
		{Speaker: "ann", SpeakerEmail: "ANN@us.test", Text: "Sure?!", At: sec(55)},
		{Speaker: "Carl", Text: "Fine.", At: sec(70)},
	}
}

func TestMeetingHandWorked(t *testing.T) {
	got := Meeting(firstMeeting(), invitees, sec(100))
	want := []fathom.SpeakerTalk{
		{Speaker: "Ann", Email: "ann@us.test", Side: fathom.SideInternal, Talk: sec(45), Turns: 3, Questions: 2, Monologue: sec(30), MonologueAt: 0},
		{Speaker: "Carl", Email: "carl@acme.com", Side: fathom.SideExternal, Talk: sec(50), Turns: 2, Questions: 2, Monologue: sec(30), MonologueAt: sec(70)},
		{Speaker: "Bob", Side: fathom.SideUnknown, Talk: sec(5), Turns: 1, Monologue: sec(5), MonologueAt: sec(50)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Meeting =\n%+v\nwant\n%+v", got, want)
	}
	a := &fathom.MeetingAnalytics{Speakers: got}
	if a.Talk() != sec(100) || a.SideTalk(fathom.SideInternal) != sec(45) || a.SideTalk(fathom.SideExternal) != sec(50) ||
		a.SideTalk(fathom.SideUnknown) != sec(5) {
		t.Errorf("talk %v, internal %v, external %v, unknown %v; want 100s 45s 50s 5s", a.Talk(),
			a.SideTalk(fathom.SideInternal), a.SideTalk(fathom.SideExternal), a.SideTalk(fathom.SideUnknown))
	}
	// Ann's and Carl's monologues both last 30 s: the earlier wins.
	if i := a.LongestMonologue(); i != 0 {
		t.Errorf("LongestMonologue = %d, want 0 (Ann's, at 0 s)", i)
	}
}

func TestMeetingEdges(t *testing.T) {
	for _, c := range []struct {
		name   string
		items  []fathom.TranscriptItem
		invs   []fathom.Invitee
		length time.Duration
		want   []fathom.SpeakerTalk
	}{
		{name: "no transcript", want: nil},
		{name: "recording ends before the last item: it lasts zero",
			items:  []fathom.TranscriptItem{{Speaker: "X", At: sec(5)}, {Speaker: "Y", At: sec(20)}},
			length: sec(10),
			want: []fathom.SpeakerTalk{{Speaker: "X", Side: fathom.SideUnknown, Talk: sec(15), Turns: 1, Monologue: sec(15), MonologueAt: sec(5)},
				{Speaker: "Y", Side: fathom.SideUnknown, Turns: 1, MonologueAt: 0}}},
		{name: "an item out of order lasts zero",
			items:  []fathom.TranscriptItem{{Speaker: "X", At: sec(30)}, {Speaker: "Y", At: sec(10)}, {Speaker: "X", At: sec(40)}},
			length: sec(50),
			want: []fathom.SpeakerTalk{{Speaker: "X", Side: fathom.SideUnknown, Talk: sec(10), Turns: 2, Monologue: sec(10), MonologueAt: sec(40)},
				{Speaker: "Y", Side: fathom.SideUnknown, Talk: sec(30), Turns: 1, Monologue: sec(30), MonologueAt: sec(10)}}},
		{name: "two invitees share a name: the name matches neither",
			items:  []fathom.TranscriptItem{{Speaker: "Sam", At: 0}},
			invs:   []fathom.Invitee{{Name: "Sam", Email: "sam@a.test"}, {Name: "sam", Email: "sam@b.test", External: true}},
			length: sec(4),
			want:   []fathom.SpeakerTalk{{Speaker: "Sam", Side: fathom.SideUnknown, Talk: sec(4), Turns: 1, Monologue: sec(4)}}},
		{name: "an email that is no invitee's is kept, side unknown",
			items:  []fathom.TranscriptItem{{Speaker: "Zed", SpeakerEmail: "zed@z.test", At: 0}},
			invs:   invitees,
			length: sec(3),
			want:   []fathom.SpeakerTalk{{Speaker: "Zed", Email: "zed@z.test", Side: fathom.SideUnknown, Talk: sec(3), Turns: 1, Monologue: sec(3)}}},
	} {
		if got := Meeting(c.items, c.invs, c.length); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Meeting =\n%+v\nwant\n%+v", c.name, got, c.want)
		}
	}
}

func TestQuestions(t *testing.T) {
	for text, want := range map[string]int{
		"":                           0,
		"No question here.":          0,
		"Really? Why?":               2,
		"What?!":                     1,
		"What?! How? ":               2,
		"Is it ready??":              1,
		"Ça marche？ D'accord?":       2,
		"The ratio is 3:1! Right?!?": 1,
	} {
		if got := Questions(text); got != want {
			t.Errorf("Questions(%q) = %d, want %d", text, got, want)
		}
	}
}

// secondMeeting (100 s): Ann 0–40, Dana 40–60 (one question), Carl 60–100.
func secondMeeting() []fathom.TranscriptItem {
	return []fathom.TranscriptItem{
		{Speaker: "Ann", SpeakerEmail: "ann@us.test", Text: "Here is the plan.", At: 0},
		{Speaker: "Dana", SpeakerEmail: "dana@us.test", Text: "Any questions?", At: sec(40)},
		{Speaker: "Carl", SpeakerEmail: "carl@acme.com", Text: "None.", At: sec(60)},
	}
}

// twoMeetings returns both meetings with the teams of their speakers:
// Ann and Dana are in Sales, Carl and Bob in no team.
func twoMeetings() []*fathom.MeetingAnalytics {
	var out []*fathom.MeetingAnalytics
	for i, items := range [][]fathom.TranscriptItem{firstMeeting(), secondMeeting()} {
		a := &fathom.MeetingAnalytics{MeetingID: int64(i + 1), Speakers: Meeting(items, invitees, sec(100))}
		for j := range a.Speakers {
			if a.Speakers[j].Side == fathom.SideInternal {
				a.Speakers[j].TeamID, a.Speakers[j].TeamName = 7, "Sales"
			}
		}
		out = append(out, a)
	}
	return out
}

func TestReportByPerson(t *testing.T) {
	r := NewReport(ByPerson, "")
	for _, a := range twoMeetings() {
		r.Add(a)
	}
	r.Add(&fathom.MeetingAnalytics{MeetingID: 3}) // no speakers: not counted
	if r.Meetings != 2 {
		t.Errorf("Meetings = %d, want 2", r.Meetings)
	}
	rows := r.Rows()
	type fig struct {
		name                 string
		meetings             int
		talk, meetingTalk    time.Duration
		internal, external   time.Duration
		questions            int
		monologue            time.Duration
		monoMeeting          int64
		monoAt               time.Duration
		share, internalShare float64
		side, team           string
	}
	var got []fig
	for _, row := range rows {
		got = append(got, fig{row.Name, row.Meetings, row.Talk, row.MeetingTalk, row.InternalTalk, row.ExternalTalk, row.Questions,
			row.Monologue, row.MonologueMeetingID, row.MonologueAt, row.Share(), row.SideShare(fathom.SideInternal), row.Side, row.Team})
	}
	// Meeting talk is 100 s each; internal talk 45 + 60, external 50 + 40.
	want := []fig{
		{"Carl", 2, sec(90), sec(200), sec(105), sec(90), 2, sec(40), 2, sec(60), 0.45, 0.525, fathom.SideExternal, ""},
		{"Ann", 2, sec(85), sec(200), sec(105), sec(90), 2, sec(40), 2, 0, 0.425, 0.525, fathom.SideInternal, "Sales"},
		{"Dana", 1, sec(20), sec(100), sec(60), sec(40), 1, sec(20), 2, sec(40), 0.2, 0.6, fathom.SideInternal, "Sales"},
		{"Bob", 1, sec(5), sec(100), sec(45), sec(50), 0, sec(5), 1, sec(50), 0.05, 0.45, fathom.SideUnknown, ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows =\n%+v\nwant\n%+v", got, want)
	}
	if rows[3].SideShare(fathom.SideUnknown) != 0.05 || rows[3].SideShare(fathom.SideExternal) != 0.5 {
		t.Errorf("Bob's meeting: unknown share %v, external %v; want 0.05 and 0.5", rows[3].SideShare(fathom.SideUnknown),
			rows[3].SideShare(fathom.SideExternal))
	}
}

func TestReportByTeam(t *testing.T) {
	r := NewReport(ByTeam, "")
	for _, a := range twoMeetings() {
		r.Add(a)
	}
	rows := r.Rows()
	if len(rows) != 1 {
		t.Fatalf("rows = %d, want 1 (Sales; Carl and Bob are in no team)", len(rows))
	}
	s := rows[0]
	// Ann 45 + Ann 40 + Dana 20; both meetings counted once each.
	if s.Name != "Sales" || s.Meetings != 2 || s.Talk != sec(105) || s.MeetingTalk != sec(200) || s.Questions != 3 ||
		s.Monologue != sec(40) || s.MonologueSpeaker != "Ann" || s.MonologueMeetingID != 2 || s.Share() != 0.525 {
		t.Errorf("Sales = %+v", s)
	}
}

func TestReportKeptToTeam(t *testing.T) {
	r := NewReport(ByPerson, "Sales")
	for _, a := range twoMeetings() {
		r.Add(a)
	}
	var names []string
	for _, row := range r.Rows() {
		names = append(names, row.Name)
	}
	if !reflect.DeepEqual(names, []string{"Ann", "Dana"}) {
		t.Errorf("people of Sales = %v, want [Ann Dana]", names)
	}
	if rows := NewReport(ByTeam, "Nobody").Rows(); len(rows) != 0 {
		t.Errorf("an empty report has rows: %v", rows)
	}
}
