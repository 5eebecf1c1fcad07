package transcript

import "testing"

func TestParseVTT(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data, title string
		want              []item
		duration          float64
	}{
		{"voices, ids, notes, styles, both timing forms", `WEBVTT - Weekly sync
Kind: captions

NOTE written by hand
spanning two lines

STYLE
::cue { color: yellow }

intro
00:00:01.000 --> 00:00:04.000 align:start position:10%
<v Alice>Good <b>morning</b>,</v>
<v Alice>everyone &amp; welcome.</v>

00:04.500 --> 00:06.000
<v.loud Bob Smith>Thanks!</v>
<v Alice>Let's start.

00:01:02.500 --> 00:01:05.000
Carol: I'll send the <c.yellow>deck</c> by Friday.
and the notes

00:01:05.000 --> 00:01:06.000
<00:01:05.500>continued by Carol
`, "Weekly sync", []item{
			{"Alice", "Good morning, everyone & welcome.", sec(1)},
			{"Bob Smith", "Thanks!", sec(4.5)},
			{"Alice", "Let's start.", sec(4.5)},
			{"Carol", "I'll send the deck by Friday. and the notes", sec(62.5)},
			{"Carol", "continued by Carol", sec(65)},
		}, 66},
		{"no speakers, no header title, dashes", "WEBVTT\n\n00:00.000 --> 00:02.000\n- Hello?\n- Hi.\n\n00:03.000 --> 00:04.000\n>> Who is there?\n", "", []item{
			{UnknownSpeaker, "Hello?", 0},
			{UnknownSpeaker, "Hi.", 0},
			{UnknownSpeaker, "Who is there?", sec(3)},
		}, 4},
		{"empty cue skipped, CRLF, BOM", "\xef\xbb\xbfWEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\n<i> </i>\r\n\r\n00:01.000 --> 00:02.000\r\nDana: ok then\r\n", "", []item{
			{"Dana", "ok then", sec(1)},
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := check(t, "weekly-sync.vtt", tt.data, FormatVTT, tt.want, sec(tt.duration))
			want := tt.title
			if want == "" {
				want = "Weekly sync"
			}
			if d.Title != want {
				t.Errorf("title %q, want %q", d.Title, want)
			}
		})
	}
}

func TestParseSRT(t *testing.T) {
	t.Parallel()
	data := `1
00:00:01,000 --> 00:00:03,500
Alice: Can you update the roadmap?

2
00:00:04,000 --> 00:00:06,000
John: Sure, I'll do it
tomorrow morning.

3
00:00:06,000 --> 00:00:07,250
<i>Great.</i>
`
	check(t, "call.srt", data, FormatSRT, []item{
		{"Alice", "Can you update the roadmap?", sec(1)},
		{"John", "Sure, I'll do it tomorrow morning.", sec(4)},
		{"John", "Great.", sec(6)},
	}, sec(7.25))
	// Sniffed without an extension.
	check(t, "call", data, FormatSRT, []item{
		{"Alice", "Can you update the roadmap?", sec(1)},
		{"John", "Sure, I'll do it tomorrow morning.", sec(4)},
		{"John", "Great.", sec(6)},
	}, sec(7.25))
}
