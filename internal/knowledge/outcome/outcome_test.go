package outcome

import (
	"fmt"
	"testing"
)

// TestClassifyTable measures accuracy on the labelled table and fails below
// 95%, listing every miss so a regression is visible at a glance.
func TestClassifyTable(t *testing.T) {
	if len(replyTable) < 80 {
		t.Fatalf("table has %d replies, want at least 80", len(replyTable))
	}
	scoreReplies(t, "outcome", replyTable, 0.95)
}

// TestClassifyExact pins outcomes and confidences, so that a change to the
// cue tables or the scoring shows up as a diff here.
func TestClassifyExact(t *testing.T) {
	for _, c := range []struct {
		reply string
		want  Outcome
		conf  float64
	}{
		{"That worked!", Success, 0.9},
		{"Alright, I'll wait for their email", Pending, 0.75},
		{"Fixed, thanks", Success, 0.9},
		{"That fixed it, it works now", Success, 0.95},
		{"Perfect, thanks!", Success, 0.7},
		{"thanks", Success, 0.45},
		{"still declined", Failure, 0.9},
		{"it's not working", Failure, 0.85},
		{"no longer a problem", Success, 0.65},
		{"no errors now", Success, 0.85},
		// "no" negates the noun phrase after it, not a cue past another:
		// here it answers, and the error is still there.
		{"no still getting the error", Failure, 0.95},
		{"Nope. Exactly as before.", Failure, 0.55},
		{"It failed at first but now it works", Success, 0.75},
		{"Nope.", Failure, 0.7},
		{"let me try", Pending, 0.75},
		{"not sure", Unknown, 0.7},
		{"My account number is 12345678", Unknown, 0},
		{"", Unknown, 0},
	} {
		got, conf := Classify(c.reply)
		if got != c.want || fmt.Sprintf("%.2f", conf) != fmt.Sprintf("%.2f", c.conf) {
			t.Errorf("Classify(%q) = %s, %.2f; want %s, %.2f", c.reply, got, conf, c.want, c.conf)
		}
	}
}

// TestConfidenceOrdersCueStrength checks the confidence ranks how explicit
// the cue is: a statement above an implication above politeness.
func TestConfidenceOrdersCueStrength(t *testing.T) {
	_, strong := Classify("that fixed it")
	_, medium := Classify("great")
	_, weak := Classify("ok thanks")
	if !(strong > medium && medium > weak && weak > 0) {
		t.Errorf("confidences strong %.2f, medium %.2f, weak %.2f: want strictly decreasing and positive", strong, medium, weak)
	}
}

// TestGeneralCues pins readings that rest on general rules rather than on
// listed words: denied abilities whatever the verb, trouble that stopped,
// "already tried", swapped letters, questions (on the hand-written cues
// alone), and acknowledgements that learned weights must not read.
func TestGeneralCues(t *testing.T) {
	for _, c := range []struct {
		reply string
		want  Outcome
	}{
		{"the page won't refresh", Failure},
		{"it never showed up", Failure},
		{"The screen doesn't flicker anymore", Success},
		{"I don't have a second phone", Unknown},
		{"it's not expired", Unknown},
		{"already did that yesterday", Failure},
		{"I did that already", Failure},
		{"it wroks now", Success},
		{"thnak you, sorted", Success},
		{"reinstalling now", Pending},
		{"it let me through", Success},
		{"it won't let me through", Failure},
		{"let me look", Pending},
		{"no more freezes", Success},
		{"it doesn't lag any longer", Success},
		{"it froze again", Failure},
		{"it's working again", Success},
		{"I tried again", Unknown},
		{"that did nothing", Failure},
		{"it stopped flickering", Success},
		{"it stopped working", Failure},
		{"it's a work phone", Unknown},
		{"just a sec", Pending},
		{"brb, reinstalling", Pending},
		{"too early to tell", Unknown},
		{"👍", Success},
		{"same 👎", Failure},
		{"will it take long?", Unknown},
		{"that's not right", Failure},
		{"let me know the price", Unknown},
	} {
		if got, conf := ClassifyWith(c.reply, nil); got != c.want {
			t.Errorf("ClassifyWith(%q, nil) = %s (%.2f), want %s", c.reply, got, conf, c.want)
		}
	}
	for _, reply := range []string{"okay", "Alright.", "ok I see"} {
		if got, conf := Classify(reply); got != Unknown {
			t.Errorf("Classify(%q) = %s (%.2f), want unknown", reply, got, conf)
		}
	}
}
