package postgres

import "testing"

func TestTSQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"pricing", "'pricing'"},
		{"PRICING review", "'PRICING' & 'review'"},
		{"quart*", "'quart':*"},
		{`"tight"`, "'tight'"},
		{"text:budget", "('text' <-> 'budget')"},
		{"e-mail*", "('e' <-> 'mail':*)"},
		{"it's", "('it' <-> 's')"},
		{`'); DROP TABLE x; --`, "'DROP' & 'TABLE' & 'x'"},
		{"café naïve", "'café' & 'naïve'"},
		{`*** - "" ( )`, ""},
		{"", ""},
	} {
		if got := tsQuery(c.in); got != c.want {
			t.Errorf("tsQuery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWithEllipses(t *testing.T) {
	text := "one two three four five six seven eight nine ten eleven twelve thirteen needle fourteen"
	for _, c := range []struct{ snippet, text, want string }{
		{"Send the «renewal» «quote»", "Send the renewal quote", "Send the «renewal» «quote»"},
		{"«Pricing», «pricing», «pricing»", "Pricing, pricing, pricing.", "«Pricing», «pricing», «pricing»."},
		{"nine ten eleven twelve thirteen «needle» fourteen", text, "…nine ten eleven twelve thirteen «needle» fourteen"},
		{"Our «budget» is", `"Our budget is tight"`, `"Our «budget» is…`},
		{"no match here", "something else", "no match here"},
	} {
		if got := withEllipses(c.snippet, c.text); got != c.want {
			t.Errorf("withEllipses(%q, %q) = %q, want %q", c.snippet, c.text, got, c.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := "one two three four five six seven eight nine ten eleven twelve thirteen needle fourteen"
	for _, c := range []struct{ text, window, whole, want string }{
		{"But I don't know. Okay.", "But I «don»'«t» know", "But I «don»'«t» know. Okay.", "But I «don't» know. Okay."},
		{"Mm-hmm. Okay.", "«Mm»-«hmm». Okay", "«Mm»-«hmm». Okay.", "«Mm-hmm». Okay."},
		{"Send the renewal quote", "Send the «renewal» «quote»", "Send the «renewal» «quote»", "Send the «renewal» «quote»"},
		{"Yeah, and and we can use the home station kind of thing.", "and and we can use «the» home station kind of thing.",
			"Yeah, and and we can use «the» home station kind of thing.", "Yeah, and and we can use «the» home station kind of thing."},
		{long, "nine ten eleven twelve thirteen «needle» fourteen", "x", "…nine ten eleven twelve thirteen «needle» fourteen"},
	} {
		if got := snippet(c.text, c.window, c.whole); got != c.want {
			t.Errorf("snippet(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
