package outcome

import "testing"

func TestAsksResult(t *testing.T) {
	for _, c := range []struct {
		text        string
		asks, about bool // a question; one about the result
	}{
		{"Did that work?", true, true},
		{"Is it going through now?", true, true},
		{"Any luck?", true, true},
		{"Great. Is the error still showing?", true, true},
		{"Could you let me know if that fixed it?", true, true},
		{"What is your account number?", true, false},
		{"Glad to hear it! Anything else?", true, false},
		{"Can I help with anything else?", true, false},
		{"Please restart the app, then let me know.", false, false},
		{"", false, false},
	} {
		if got := Asks(c.text); got != c.asks {
			t.Errorf("Asks(%q) = %v, want %v", c.text, got, c.asks)
		}
		if got := AsksResult(c.text); got != c.about {
			t.Errorf("AsksResult(%q) = %v, want %v", c.text, got, c.about)
		}
	}
}
