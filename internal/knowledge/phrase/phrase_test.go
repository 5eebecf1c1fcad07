package phrase

import (
	"fmt"
	"strings"
	"testing"
)

func TestSymptoms(t *testing.T) {
	cases := []struct {
		texts []string
		want  string
	}{
		{[]string{"My card payment was declined at the shop"}, "[card payment declined]"},
		{[]string{"Hi, I need help please. Transfer failed twice!"}, "[transfer failed]"},
		{[]string{"app crashes on startup", "app crashes on startup"}, "[app crashes]"},
		{[]string{"hello"}, "[]"},
		{[]string{"pin blocked", "refund missing since monday"}, "[pin blocked refund missing]"},
		{[]string{"I haven't received my new card"}, "[new card not received]"},
		{[]string{"The card has not arrived yet."}, "[card not arrived]"},
		{[]string{"I can't log in to my account"}, "[cannot log in]"},
		{[]string{"Customer says their payment is not going through"}, "[payment not going through]"},
		{[]string{"The customer reports that the password reset email never came"}, "[password reset email never came]"},
		{[]string{"the app keeps crashing when I open it"}, "[app keeps crashing]"},
		{[]string{"I want to reset my password"}, "[reset password]"},
		{[]string{"How long does a transfer take?"}, "[]"},
		// Reactions and thanks name no symptom.
		{[]string{"doesn't work", "no luck", "still not working", "thanks!", "Nope, same problem."}, "[]"},
		{[]string{"it doesn't accept my card"}, "[]"},
		{[]string{"There is no internet connection at home"}, "[no internet connection]"},
		// "it" and "they" stand for the last noun phrase before them;
		// stated states come first.
		{[]string{"I ordered a new card two weeks ago and it still hasn't arrived."}, "[card not arrived ordered new card]"},
		{[]string{"I transferred some cash. It has not arrived yet."}, "[cash not arrived transferred cash]"},
		{[]string{"I made a bank transfer and it hasn't gone through"}, "[transfer not gone through bank transfer]"},
		{[]string{"My new card arrived but it isn't working"}, "[new card arrived]"},
		{[]string{"I topped up my account and it hasn't been credited"}, "[account not credited topped up account]"},
		{[]string{"It hasn't arrived."}, "[]"},
		{[]string{"I want to set up automatic loan payments"}, "[automatic loan payments]"},
	}
	for _, tc := range cases {
		if got := fmt.Sprint(Symptoms(tc.texts, 5)); got != tc.want {
			t.Errorf("Symptoms(%q) = %s, want %s", tc.texts, got, tc.want)
		}
	}
	if got := Symptoms([]string{"card declined", "transfer failed", "pin blocked"}, 2); len(got) != 2 {
		t.Errorf("max not honoured: %v", got)
	}
}

func TestCauses(t *testing.T) {
	cases := []struct {
		notes, diagnosis, want string
	}{
		{"Card was expired. Customer updated payment method.", "", "card expired"},
		{"Payment failed due to insufficient funds", "", "insufficient funds"},
		{"Declined because the bank flagged the transaction as fraud", "", "bank flagged transaction"},
		{"The account was locked after three wrong PIN attempts", "", "account locked"},
		{"Resolved by resetting the password", "", ""},
		{"", "It looks like your card had expired.", "card expired"},
		{"", "That happened because the card had expired.", "card expired"},
		{"", "The payment was blocked because of a security hold.", "security hold"},
		{"", "Your transfer was sent this morning.", ""},
		{"", "I have reset your password for you.", ""},
		{"", "It may be blocked, may not. Let me check.", ""},
		{"", "Since monday? Let me look.", ""},
		{"", "I can see the card was not activated.", "card not activated"},
	}
	for _, tc := range cases {
		got := strings.Join(Causes([]string{tc.notes}, []string{tc.diagnosis}, 1), "|")
		if got != tc.want {
			t.Errorf("Causes(%q, %q) = %q, want %q", tc.notes, tc.diagnosis, got, tc.want)
		}
	}
}

func TestTop(t *testing.T) {
	got := Top(map[string]int{"b": 2, "a": 2, "c": 5, "d": 1}, 3)
	if fmt.Sprint(got) != "[c a b]" {
		t.Fatalf("Top = %v", got)
	}
}

// FuzzCausesAndSymptoms checks that every phrase is short and neither
// starts nor ends in a function word.
func FuzzCausesAndSymptoms(f *testing.F) {
	for _, s := range []string{"card was expired", "due to", "because", "", "a.b,c;d", "expired", "it hasn't been sent", "blocked may not"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range append(Causes([]string{s}, []string{s}, 3), Symptoms([]string{s}, 3)...) {
			ws := strings.Fields(p)
			if len(ws) == 0 || len(ws) > 2*maxWords {
				t.Fatalf("bad phrase %q from %q", p, s)
			}
			if last := classify(ws[len(ws)-1]); last.cls != content && last.cls != particle {
				t.Fatalf("phrase %q from %q ends in %q", p, s, ws[len(ws)-1])
			}
			if first := classify(ws[0]); first.cls != content && first.norm != "cannot" && first.norm != "no" {
				t.Fatalf("phrase %q from %q starts with %q", p, s, ws[0])
			}
		}
	})
}
