package transcript

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/transcript/transcripttest"
)

// item is a compact expected TranscriptItem: speaker, text, offset.
type item struct {
	speaker, text string
	at            time.Duration
}

func sec(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// check parses name/data and compares the result with want.
func check(t *testing.T, name, data, format string, want []item, duration time.Duration) *Document {
	t.Helper()
	d, err := Parse(name, []byte(data))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if d.Format != format {
		t.Errorf("format %q, want %q", d.Format, format)
	}
	got := make([]item, len(d.Items))
	for i, it := range d.Items {
		got[i] = item{it.Speaker, it.Text, it.At}
	}
	if len(got) != len(want) {
		t.Fatalf("items:\n got %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if duration >= 0 && d.Duration != duration {
		t.Errorf("duration %v, want %v", d.Duration, duration)
	}
	return d
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, data, want string
	}{
		{"bad vtt timestamp", "meeting.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n\n2\n00:0x:01.000 --> 00:00:04.000\nho\n",
			`meeting.vtt line 7: bad timestamp "00:0x:01.000"`},
		{"bad end", "a.srt", "1\n00:00:01,000 --> 00:00:0\nhi\n", `a.srt line 2: bad timestamp "00:00:0"`},
		{"ends before start", "a.srt", "1\n00:00:05,000 --> 00:00:01,000\nhi\n", "a.srt line 2: cue ends (00:00:01,000) before it starts (00:00:05,000)"},
		{"cue goes back", "a.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nhi\n\n00:00:01.000 --> 00:00:02.000\nho\n",
			"a.vtt line 6: cue starts at 00:00:01, before the previous cue (00:00:05)"},
		{"no timing", "a.vtt", "WEBVTT\n\nhello there\nsecond line\n", `a.vtt line 3: expected a cue timing line like "00:00:01.000 --> 00:00:04.000", got "hello there"`},
		{"bad text timestamp", "notes.txt", "[00:00:01] Alice: hi\n[00:0x:01] Bob: ho\n", `notes.txt line 2: bad timestamp "00:0x:01"`},
		{"text goes back", "notes.txt", "00:00:09 Alice: hi\n00:00:03 Bob: ho\n", "notes.txt line 2: timestamp 00:00:03 is before the previous one (00:00:09)"},
		{"empty", "empty.txt", "  \n\n", "empty.txt: no transcript text found"},
		{"empty vtt", "e.vtt", "WEBVTT\n\nNOTE nothing here\n", "e.vtt: no transcript text found"},
		{"only markers", "q.json", `{"meeting_transcripts":[{"speaker":"A","content":"{vocalsound} ."}]}`, "q.json: no transcript text found"},
		{"bad json", "q.json", "{\n\"meeting_transcripts\": [\n{,}]}", "q.json line 3: bad JSON: invalid character ',' looking for beginning of object key string"},
		{"wrong json type", "q.json", "{\n\"meeting_transcripts\": \"x\"}", `q.json line 2: not a transcript: "meeting_transcripts" should not be a JSON string`},
		{"bad fathom timestamp", "t.json", `[{"speaker":{"display_name":"A"},"text":"hi","timestamp":"1:xx"}]`, `t.json item 1: bad timestamp "1:xx"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, []byte(tt.data))
			var fe *fathom.Error
			if !errors.As(err, &fe) || fe.Code != fathom.EINVALID {
				t.Fatalf("error %v, want an EINVALID *fathom.Error", err)
			}
			if fe.Message != tt.want {
				t.Errorf("message\n got %q\nwant %q", fe.Message, tt.want)
			}
		})
	}
}

func TestFormatTimestamp(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		0: "00:00:00", sec(59.9): "00:00:59", sec(62.5): "00:01:02", sec(3*3600 + 4*60 + 5): "03:04:05",
		-time.Second: "00:00:00", 100 * time.Hour: "100:00:00",
	} {
		if got := FormatTimestamp(d); got != want {
			t.Errorf("FormatTimestamp(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestTitleFromName(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"ES2004a": "ES2004a", "ES2004a.json": "ES2004a", "weekly-sync_2025.vtt": "Weekly sync 2025",
		"dir/sub/standup.txt": "Standup", `C:\x\q3 plan.srt`: "Q3 plan", ".vtt": "Imported meeting", "": "Imported meeting",
	} {
		if got := TitleFromName(name); got != want {
			t.Errorf("TitleFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestParseClock(t *testing.T) {
	t.Parallel()
	good := map[string]time.Duration{
		"00:01:02.500": sec(62.5), "01:02.500": sec(62.5), "00:00:01,000": sec(1), "1:02": sec(62),
		"01:02:03": sec(3723), "100:00:00.0": 100 * time.Hour, "75:30": sec(75*60 + 30), "0:07": sec(7), "00:00:01.5": sec(1.5),
	}
	for s, want := range good {
		if got, ok := parseClock(s); !ok || got != want {
			t.Errorf("parseClock(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "1", "00:0x:01", "00:60:00", "00:00:60", "1:2:3:4", "00:00:01.", "00:00:01.1234", "-1:00", "00:000:01"} {
		if got, ok := parseClock(s); ok {
			t.Errorf("parseClock(%q) = %v, want failure", s, got)
		}
	}
}

func TestSniff(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ data, want string }{
		{"WEBVTT\n\n00:01.000 --> 00:02.000\nhi", FormatVTT},
		{"1\n00:00:01,000 --> 00:00:02,000\nhi", FormatSRT},
		{"00:00:01.000 --> 00:00:02.000\nhi", FormatVTT},
		{`{"meeting_transcripts":[]}`, FormatJSON},
		{"[00:00:01] Alice: hi", FormatText},
		{"Alice: hi", FormatText},
	} {
		if got := sniff(tt.data); got != tt.want {
			t.Errorf("sniff(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

func TestQMSum(t *testing.T) {
	t.Parallel()
	meetings := transcripttest.QMSumOrSkip(t)
	if len(meetings) != 20 {
		t.Errorf("found %d QMSum meetings, want 20", len(meetings))
	}
	for _, m := range meetings {
		d, err := Parse(m.Name, m.Data)
		if err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		if d.Format != FormatJSON || d.Title != strings.TrimSuffix(m.Name, ".json") {
			t.Errorf("%s: format %q title %q", m.Name, d.Format, d.Title)
		}
		if len(d.Items) < 200 || d.Duration < 5*time.Minute || d.Duration > 70*time.Minute {
			t.Errorf("%s: %d items lasting %v; want a few hundred over 5 to 70 minutes", m.Name, len(d.Items), d.Duration)
		}
		var prev time.Duration
		for i, it := range d.Items {
			if strings.ContainsAny(it.Text, "{}") || strings.Contains(it.Text, " ,") || !hasWord(it.Text) {
				t.Fatalf("%s item %d not cleaned: %q", m.Name, i, it.Text)
			}
			if it.At < prev || it.Speaker == "" {
				t.Fatalf("%s item %d: at %v after %v, speaker %q", m.Name, i, it.At, prev, it.Speaker)
			}
			prev = it.At
		}
	}
}
