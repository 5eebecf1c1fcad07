package analytics

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestTranscriptLength(t *testing.T) {
	item := func(at time.Duration, text string) fathom.TranscriptItem {
		return fathom.TranscriptItem{At: at, Text: text}
	}
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	for _, c := range []struct {
		name  string
		items []fathom.TranscriptItem
		want  time.Duration
	}{
		{"empty", nil, 0},
		// One item: nothing else gives a pace, so 0.4 s a word.
		{"alone", []fathom.TranscriptItem{item(sec(3), "see you all then")}, sec(3) + ms(1600)},
		// Paces 1 s/word (2 words in 2 s), 0.5 s/word (4 in 2 s), 0.25
		// s/word (4 in 1 s): median 0.5 s, so "Bye." lasts half a second
		// and ten words five seconds.
		{"bye", []fathom.TranscriptItem{item(0, "hello there"), item(sec(2), "how are you all"),
			item(sec(4), "fine thanks and you"), item(sec(5), "Bye.")}, sec(5) + ms(500)},
		{"monologue", []fathom.TranscriptItem{item(0, "hello there"), item(sec(2), "how are you all"),
			item(sec(4), "fine thanks and you"), item(sec(5), "one two three four five six seven eight nine ten")}, sec(10)},
		// Items out of order and items without words give no pace.
		{"disorder", []fathom.TranscriptItem{item(sec(9), "late"), item(sec(2), ""), item(sec(3), "a b")},
			sec(3) + ms(800)},
	} {
		if got := TranscriptLength(c.items); got != c.want {
			t.Errorf("%s: TranscriptLength = %v, want %v", c.name, got, c.want)
		}
	}
}
