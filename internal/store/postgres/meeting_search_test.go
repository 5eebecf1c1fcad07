package postgres

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestTSQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"pricing", "'pricing'"},
		{"PRICING review", "'PRICING' & 'review'"},
		{"quart*", "'quart':*"},
		{`"tight"`, "'tight'"},
		{`"renewal pricing"`, "('renewal' <-> 'pricing')"},
		{`"renewal pric"* budget`, "('renewal' <-> 'pric':*) & 'budget'"},
		{`"renewal pricing`, "('renewal' <-> 'pricing')"},
		{"text:budget", "('text' <-> 'budget')"},
		{"e-mail*", "('e' <-> 'mail':*)"},
		{"it's", "('it' <-> 's')"},
		{`'); DROP TABLE x; --`, "'DROP' & 'TABLE' & 'x'"},
		{"café naïve", "'café' & 'naïve'"},
		{`*** - "" ( )`, ""},
		{"", ""},
	} {
		terms, _ := fathom.ParseSearchQuery(c.in)
		if got := tsQuery(terms); got != c.want {
			t.Errorf("tsQuery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMarkGap(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"But I «don»'«t» know. Okay.", "But I «don't» know. Okay."},
		{"«Mm»-«hmm». Okay.", "«Mm-hmm». Okay."},
		{"Send the «renewal» «quote»", "Send the «renewal» «quote»"},
	} {
		if got := markGap.ReplaceAllString(c.in, "$1"); got != c.want {
			t.Errorf("markGap(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
