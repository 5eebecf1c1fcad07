package summary

import (
	"strings"
	"testing"
)

func TestTidy(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"um so we, uh, ship it on Monday.", "We ship it on Monday."},
		{"It's, you know, cheaper than the old one.", "It's cheaper than the old one."},
		{"You know, the battery lasts a week.", "The battery lasts a week."},
		{"I mean, the case is rubber.", "The case is rubber."},
		{"We do not do not need the the screen.", "We do not need the screen."},
		{"It displays less on the screen, it displays less on the screen but it works.", "It displays less on the screen but it works."},
		{"The fewer buttons, the ch the cheaper the board.", "The fewer buttons, the cheaper the board."},
		{"I I've not got one.", "I've not got one."},
		{"It sets our product apart from our from other products.", "It sets our product apart from other products."},
		{"We start um.", "We start."},
		// Not disfluencies: a question about knowing, "as far as", a
		// function word before a longer word, a repeat across a comma.
		{"Do you know the price?", "Do you know the price?"},
		{"As far as I can tell it works.", "As far as I can tell it works."},
		{"We go to tomorrow's review.", "We go to tomorrow's review."},
		{"Yeah.", ""},
		{"Um, uh.", ""},
	}
	for _, tt := range tests {
		if got := tidy(tt.in); got != tt.want {
			t.Errorf("tidy(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzTidy checks what holds for any utterance: tidy never adds a word,
// and what it returns is empty or one closed sentence with a capital.
func FuzzTidy(f *testing.F) {
	for _, s := range []string{"um so we, uh, ship it.", "the ch the cheaper", "I I've", "you know, you know", "É, um. ", "a - b ,, ."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := tidy(s)
		if got == "" {
			return
		}
		if len(strings.Fields(got)) > len(strings.Fields(s)) {
			t.Errorf("tidy(%q) = %q has more words", s, got)
		}
		if !strings.HasSuffix(got, ".") && !strings.HasSuffix(got, "?") && !strings.HasSuffix(got, "!") {
			t.Errorf("tidy(%q) = %q is not closed", s, got)
		}
	})
}
