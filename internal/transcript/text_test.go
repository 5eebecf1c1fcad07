package transcript

import "testing"

func TestParseText(t *testing.T) {
	t.Parallel()
	w := func(n float64) float64 { return n * 0.4 } // seconds for n words at 150 wpm
	tests := []struct {
		name, data string
		want       []item
		duration   float64
	}{
		{"speakers without timestamps", "Alice: Hi all, quick sync today.\nBob: Sounds good.\nI have two items\nto cover.\n\nAlso a third.\nnot a name: still Bob\n",
			[]item{
				{"Alice", "Hi all, quick sync today.", 0},
				{"Bob", "Sounds good. I have two items to cover.", sec(w(5))},
				{"Bob", "Also a third. not a name: still Bob", sec(w(13))},
			}, w(21)},
		{"bracketed timestamps", "[00:00:05] Alice: hi\n[00:01:02] Bob (Acme): The plan is: ship Friday\ncontinued\n[00:01:10] back to nobody new\n",
			[]item{
				{"Alice", "hi", sec(5)},
				{"Bob (Acme)", "The plan is: ship Friday continued", sec(62)},
				{"Bob (Acme)", "back to nobody new", sec(70)},
			}, 70 + w(4)},
		{"bare timestamps with dash", "00:00:01 - Alice: one\n0:07 | Bob: two three\n",
			[]item{{"Alice", "one", sec(1)}, {"Bob", "two three", sec(7)}}, 7 + w(2)},
		{"Fathom export", "Weekly sync - March 3\nVIEW RECORDING - 12 mins (No highlights)\n\n@0:07 - Adrian Lee (Acme)\nLet's go through the feedback.\nFirst the QR codes.\n\n@1:15 - Enes\nI'll fix the menu bug.\n",
			[]item{
				{"Adrian Lee", "Let's go through the feedback. First the QR codes.", sec(7)},
				{"Enes", "I'll fix the menu bug.", sec(75)},
			}, 75 + w(5)},
		{"Otter export", "Alice Smith  0:03\nhello there\n\nBob  1:20\nhi Alice\n",
			[]item{{"Alice Smith", "hello there", sec(3)}, {"Bob", "hi Alice", sec(80)}}, 80 + w(2)},
		{"header timestamp then text", "[00:00:02] Alice\nfirst thing\n[00:00:09]\nsecond thing\n",
			[]item{{"Alice", "first thing", sec(2)}, {"Alice", "second thing", sec(9)}}, 9 + w(2)},
		{"no speakers at all", "just some prose\nover two lines\n",
			[]item{{UnknownSpeaker, "just some prose over two lines", 0}}, w(6)},
		{"labels are not speakers", "Alice: see below\nAction item: send the deck\nNote: done\n",
			[]item{{"Alice", "see below Action item: send the deck Note: done", 0}}, w(9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, "sync.txt", tt.data, FormatText, tt.want, sec(tt.duration))
		})
	}
}

func TestParseFathomExportTitle(t *testing.T) {
	t.Parallel()
	d, err := Parse("export.txt", []byte("Weekly sync - March 3\nVIEW RECORDING - 12 mins\n\n@0:07 - Adrian\nhello\n"))
	if err != nil || d.Title != "Weekly sync" {
		t.Fatalf("title %q, err %v; want the export's own title", d.Title, err)
	}
}

func TestParseJSON(t *testing.T) {
	t.Parallel()
	qmsum := `{"topic_list": [], "meeting_transcripts": [
		{"speaker": "Project Manager", "content": "{vocalsound} Okay , so {disfmarker} we begin with the T_V_ ."},
		{"speaker": "Marketing", "content": "{vocalsound}"},
		{"speaker": "", "content": "Yeah , {gap} sure ."}]}`
	check(t, "ES2004a.json", qmsum, FormatJSON, []item{
		{"Project Manager", "Okay, so we begin with the TV.", 0},
		{UnknownSpeaker, "Yeah, sure.", sec(7 * 0.4)},
	}, sec(9*0.4))

	fathomItems := `{"transcript": [
		{"speaker": {"display_name": "Alice", "matched_calendar_invitee_email": "alice@acme.com"}, "text": "Hi", "timestamp": "00:00:05"},
		{"speaker": "Bob", "text": "  ", "timestamp": "00:00:06"},
		{"speaker": {"display_name": "Bob"}, "text": "Hello  there", "timestamp": "00:01:00"}]}`
	d := check(t, "rec.json", fathomItems, FormatJSON, []item{
		{"Alice", "Hi", sec(5)},
		{"Bob", "Hello there", sec(60)},
	}, sec(60+2*0.4))
	if d.Items[0].SpeakerEmail != "alice@acme.com" {
		t.Errorf("speaker email %q", d.Items[0].SpeakerEmail)
	}
	check(t, "bare.json", `[{"speaker":"A","text":"one two"},{"text":"three"}]`, FormatJSON, []item{
		{"A", "one two", 0}, {UnknownSpeaker, "three", sec(0.8)},
	}, sec(1.2))
}
