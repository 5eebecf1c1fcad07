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
		text, want string
	}{
		{"Card was expired. Customer updated payment method.", "expired card"},
		{"Payment failed due to insufficient funds", "insufficient funds"},
		{"Declined because the bank flagged the transaction as fraud", "bank flagged"},
		{"The account was locked after three wrong PIN attempts", "locked account"},
		{"Resolved by resetting the password", ""},
	}
	for _, tc := range cases {
		got := strings.Join(Causes([]string{tc.text}, 1), "|")
		if got != tc.want {
			t.Errorf("Causes(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestTop(t *testing.T) {
	got := Top(map[string]int{"b": 2, "a": 2, "c": 5, "d": 1}, 3)
	if fmt.Sprint(got) != "[c a b]" {
		t.Fatalf("Top = %v", got)
	}
}

func FuzzCausesAndSymptoms(f *testing.F) {
	for _, s := range []string{"card was expired", "due to", "because", "", "a.b,c;d", "expired"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range append(Causes([]string{s}, 3), Symptoms([]string{s}, 3)...) {
			if strings.TrimSpace(p) == "" || len(strings.Fields(p)) > 3 {
				t.Fatalf("bad phrase %q from %q", p, s)
			}
		}
	})
}
