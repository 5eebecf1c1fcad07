package textproc

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStripReporting(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Customer says their payment is not going through", "their payment is not going through"},
		{"The user reports that the app crashes on start", "the app crashes on start"},
		{"the client is asking whether they can get a refund", "they can get a refund"},
		{"Caller mentioned the card was swallowed by the ATM", "the card was swallowed by the ATM"},
		{"They said that the transfer never arrived", "the transfer never arrived"},
		{"customer told me that her card expired", "her card expired"},
		{"Hi, the customer wants to know why the fee was charged", "Hi, why the fee was charged"},
		{"user would like to know about delivery times", "delivery times"},
		{"Member has just reported: card lost abroad", "card lost abroad"},
		{"The customer says the payment failed. She also mentioned a second charge",
			"the payment failed. a second charge"},
		{"CUSTOMER SAYS card declined", "card declined"},
		// No reporting phrase: unchanged.
		{"My payment is not going through", "My payment is not going through"},
		{"I want to report a stolen card", "I want to report a stolen card"},
		// A user's own request is not someone else's words relayed.
		{"How do I report my card stolen?", "How do I report my card stolen?"},
		{"I asked for $100 cash but only got $20", "I asked for $100 cash but only got $20"},
		{"I would like to know what exchange rates you use", "I would like to know what exchange rates you use"},
		{"the customer service line is closed", "the customer service line is closed"},
		{"customer's card was declined", "customer's card was declined"},
		// Nothing would be left but function words: unchanged.
		{"the customer said that", "the customer said that"},
		{"They asked", "They asked"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := StripReporting(tt.in); got != tt.want {
			t.Errorf("StripReporting(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzStripReporting checks that stripping only ever deletes bytes, never
// panics, keeps valid UTF-8 valid, and never leaves a text that had content
// terms without any; and that the quick pass (mayReport) misses no verb.
func FuzzStripReporting(f *testing.F) {
	for _, s := range []string{
		"Customer says their payment is not going through", "they said that", "the user reports that",
		"customer says", "I was told to wait", "client is asking whether\xff", "her said me that if",
		"want to know", "users would like to know about", "Customer’s saying: the app",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		verbs := 0
		for _, w := range reportingSpans(in, nil) {
			if w.class == rcVerb || w.class == rcKnow {
				verbs++
			}
		}
		if verbs > 0 && !mayReport(in) {
			t.Fatalf("mayReport(%q) = false, but it has %d reporting verbs", in, verbs)
		}
		out := StripReporting(in)
		if !isSubsequence(out, in) {
			t.Fatalf("StripReporting(%q) = %q, not a deletion from the input", in, out)
		}
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("StripReporting(%q) = %q, invalid UTF-8", in, out)
		}
		if len(Terms(in)) > 0 && len(Terms(out)) == 0 {
			t.Fatalf("StripReporting(%q) = %q lost every content term", in, out)
		}
		if strings.TrimSpace(in) != "" && out == "" {
			t.Fatalf("StripReporting(%q) is empty", in)
		}
	})
}

// isSubsequence reports whether a is b with some bytes deleted.
func isSubsequence(a, b string) bool {
	i := 0
	for j := 0; j < len(b) && i < len(a); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

// Every indexed text passes through StripReporting, and almost none has a
// reporting phrase: that path must not allocate.
func TestStripReportingWithoutPhraseDoesNotAllocate(t *testing.T) {
	text := "Hi, I tried to top up my card twice today but the payment keeps getting declined, why?"
	if n := testing.AllocsPerRun(100, func() { StripReporting(text) }); n != 0 {
		t.Fatalf("StripReporting allocated %v times on text without a reporting phrase", n)
	}
}
