package transcript

import (
	"errors"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// FuzzParse checks the properties every parse must have, whatever the
// input: no panic; an error is an EINVALID *fathom.Error naming the file;
// otherwise there are items, each with a speaker and trimmed non-empty
// text, offsets never decrease, and the duration is not before the last.
func FuzzParse(f *testing.F) {
	seeds := []struct{ name, data string }{
		{"a.vtt", "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Alice>hi</v>\n\n00:02.000 --> 00:03.000\nBob: ho\n"},
		{"a.vtt", "WEBVTT\n\nNOTE x\n\nSTYLE\n::cue{}\n\n00:00.000 --> 00:01.000\n- a\n- b\n"},
		{"a.srt", "1\n00:00:01,000 --> 00:00:02,000\nAlice: hi\n\n2\n00:00:03,000 --> 00:00:04,000\nho\n"},
		{"a.txt", "[00:00:01] Alice: hi\ncontinued\n[00:00:05] Bob: ho\n"},
		{"a.txt", "Weekly - May 1\nVIEW RECORDING - 3 mins\n\n@0:07 - Adrian (Acme)\nhello\n"},
		{"a.txt", "Alice: one\nBob: two\n\nthree\n"},
		{"a.txt", "Alice  0:03\nhi\n"},
		{"a.json", `{"meeting_transcripts":[{"speaker":"A","content":"{vocalsound} hi , there ."}]}`},
		{"a.json", `[{"speaker":{"display_name":"A"},"text":"hi","timestamp":"00:00:01"}]`},
		{"a", "00:00:01.000 --> 00:00:02.000\nhi"},
		{"a.txt", "00:0x:01 Alice: hi"},
	}
	for _, s := range seeds {
		f.Add(s.name, []byte(s.data))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		d, err := Parse(name, data)
		if err != nil {
			var fe *fathom.Error
			if !errors.As(err, &fe) || fe.Code != fathom.EINVALID {
				t.Fatalf("error %v is not an EINVALID *fathom.Error", err)
			}
			if name != "" && !strings.HasPrefix(fe.Message, name) {
				t.Fatalf("message %q does not name the file %q", fe.Message, name)
			}
			return
		}
		if len(d.Items) == 0 || d.Title == "" {
			t.Fatalf("no error but %d items, title %q", len(d.Items), d.Title)
		}
		for i, it := range d.Items {
			if it.Text == "" || it.Text != strings.TrimSpace(it.Text) || it.Speaker == "" {
				t.Fatalf("item %d: speaker %q text %q", i, it.Speaker, it.Text)
			}
			if it.At < 0 || (i > 0 && it.At < d.Items[i-1].At) {
				t.Fatalf("item %d at %v goes back from %v", i, it.At, d.Items[max(i-1, 0)].At)
			}
		}
		if last := d.Items[len(d.Items)-1].At; d.Duration < last {
			t.Fatalf("duration %v before the last item at %v", d.Duration, last)
		}
	})
}
