package attempt

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// TestWhatIsAnAttempt: assistant turns that propose or perform a fix, and
// turns that only greet, apologise, empathise or gather information.
func TestWhatIsAnAttempt(t *testing.T) {
	for _, c := range []struct {
		turn, action, key string // action "" means not an attempt
	}{
		{"Can you check if your card is expired?", "check if your card is expired", "check_card_expiry"},
		{"Please try clearing the cache.", "try clearing the cache", "clear_cache"},
		{"Sorry about that! Could you update the app?", "update the app", "update_app"},
		{"I've reset your password.", "reset your password", "reset_password"},
		{"I have refunded the fee.", "refunded the fee", "refund_fee"},
		{"I re-sent the verification email.", "re-sent the verification email", "send_email_verification"},
		{"Have you tried restarting your phone?", "restarting your phone", "restart_device"},
		{"If that doesn't work, try reinstalling the app.", "try reinstalling the app", "reinstall_app"},
		{"Please try again later.", "try again later", "retry"},
		{"Hi there, thanks for reaching out!", "", ""},
		{"I'm so sorry for the trouble.", "", ""},
		{"I understand how frustrating that must be.", "", ""},
		{"What's your account number?", "", ""},
		{"When did this start?", "", ""},
		{"Could you tell me which browser you're using?", "", ""},
		{"Could you confirm your email address?", "", ""},
		{"Can you send us a screenshot of the error?", "", ""},
		{"Let me check your account.", "", ""},
		{"Is your card still valid?", "", ""},
		{"Let me know if that helps!", "", ""},
		{"Do you have the latest version of the app?", "", ""},
	} {
		p, _, ok := parseTurn(c.turn)
		if got := map[bool]string{true: p.text}[ok]; got != c.action || ok && p.a.key() != c.key {
			t.Errorf("%q: action %q key %q, want %q %q", c.turn, got, p.a.key(), c.action, c.key)
		}
	}
}

func TestSteps(t *testing.T) {
	turn := "Please update your card: go to Settings > Billing, tap Payment methods, then enter the new card number."
	p, steps, ok := parseTurn(turn)
	want := []string{"go to Settings > Billing", "tap Payment methods", "enter the new card number"}
	if !ok || p.text != "update your card" || p.a.key() != "update_card" || !slices.Equal(steps, want) {
		t.Fatalf("parseTurn = %q %q %q %v, want update your card, %q", p.text, p.a.key(), steps, ok, want)
	}
}

// conv builds messages from "u: ..." and "a: ..." lines.
func conv(lines ...string) []fathom.Message {
	out := make([]fathom.Message, len(lines))
	for i, l := range lines {
		role := fathom.RoleUser
		if strings.HasPrefix(l, "a: ") {
			role = fathom.RoleAssistant
		}
		out[i] = fathom.Message{Seq: i, Role: role, Content: l[3:]}
	}
	return out
}

func summary(as []Attempt) string {
	var b strings.Builder
	for _, a := range as {
		fmt.Fprintf(&b, "%d %s %s %.2f; ", a.Turn, a.Key, a.Outcome, a.Confidence)
	}
	return b.String()
}

func TestExtractOutcomes(t *testing.T) {
	declined := []string{
		"u: My payment keeps getting declined",
		"a: Sorry to hear that! Can you check if your card is expired?",
		"u: it's not expired, still declined",
		"a: Could you try clearing your browser cache?",
	}
	for _, c := range []struct {
		name     string
		msgs     []fathom.Message
		resolved bool
		notes    string
		want     string
	}{
		{"explicit confirmation", conv(append(declined, "u: that worked, thanks!")...), true, "",
			"1 check_card_expiry failure 0.90; 3 clear_cache success 0.90; "},
		{"resolve-inferred", conv(declined...), true, "",
			"1 check_card_expiry failure 0.90; 3 clear_cache success 0.60; "},
		{"notes name the last", conv(declined...), true, "Cleared the browser cache",
			"1 check_card_expiry failure 0.90; 3 clear_cache success 0.75; "},
		{"notes escalate", conv(declined...), true, "Escalated to tier 2",
			"1 check_card_expiry failure 0.90; 3 clear_cache failure 0.50; "},
		{"explicit failure beats resolve", conv(append(declined, "u: nope, same error")...), true, "",
			"1 check_card_expiry failure 0.90; 3 clear_cache failure 0.95; "},
		{"user will try, open", conv(append(declined, "u: ok let me try that")...), false, "",
			"1 check_card_expiry failure 0.90; 3 clear_cache pending 0.75; "},
		{"abandoned", conv(declined...), false, "",
			"1 check_card_expiry failure 0.90; 3 clear_cache unknown 0.00; "},
		{"unclear then another attempt", conv(
			"u: I can't log in", "a: I've reset your password.", "u: ok",
			"a: Please clear your cache.", "u: perfect, I'm in"), false, "",
			"1 reset_password failure 0.40; 3 clear_cache success 0.70; "},
		{"no reply before the next attempt", conv(
			"u: app crashes", "a: Please restart your phone.", "a: Also try reinstalling the app.",
			"u: fixed!"), false, "",
			"1 restart_device failure 0.30; 2 reinstall_app success 0.90; "},
		{"notes credit an earlier attempt", conv(
			"u: app crashes", "a: Please update the app.", "u: one sec",
			"a: You could also restart your phone."), true, "Customer updated the app to the latest version",
			"1 update_app success 0.70; 3 restart_device unknown 0.00; "},
		{"no attempts", conv("u: hi", "a: Hello! What's your account number?", "u: 1234"), true, "", ""},
	} {
		if got := summary(Extract(c.msgs, c.resolved, c.notes)); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func TestActionSimilarity(t *testing.T) {
	at := func(text string) Attempt {
		k, terms := Canonical(text)
		return Attempt{Key: k, Terms: terms}
	}
	same := ActionSimilarity(at("check if your card is expired"), at("verify your card's expiration date"))
	sibling := ActionSimilarity(at("check your card details"), at("update your card details"))
	other := ActionSimilarity(at("clear the cache"), at("contact your bank"))
	if same != 1 || !(sibling > 0 && sibling < 0.6) || other != 0 {
		t.Errorf("similarities: same %v, sibling %v, other %v", same, sibling, other)
	}
	if k, terms := Canonical("verify the card's expiry date"); k != "check_card_expiry" || !slices.Equal(terms, []string{"card", "check", "expiry"}) {
		t.Errorf("Canonical = %q %q", k, terms)
	}
}
