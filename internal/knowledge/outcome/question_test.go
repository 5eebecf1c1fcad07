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
		// The '?' left off: the word order asks.
		{"did that work", true, true},
		{"any luck", true, true},
		{"great to hear. is there anything else i can do", true, false},
		{"glad i could help! anything else", true, false},
		{"what is the date of the transaction", true, false},
		{"There is a fee for that.", false, false},
		{"How about restarting the app.", false, false},
		{"I have reset your password", false, false},
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

// TestInflectedTypos: an outcome cue's inflected forms typed with two
// neighbouring letters swapped read as the cue.
func TestInflectedTypos(t *testing.T) {
	for _, c := range []struct {
		reply string
		want  Outcome
	}{
		{"Let me check... okay, it seems to be wroking now", Success},
		{"it's wroking", Success},
		{"it wroked", Success},
		{"the app is wroking again", Success},
	} {
		if got, _ := Classify(c.reply); got != c.want {
			t.Errorf("Classify(%q) = %s, want %s", c.reply, got, c.want)
		}
	}
}
