// Package assoctest holds the openings the association tests learn from,
// shared by the engine's tests and the server's.
package assoctest

import "fmt"

// Connectivity is one issue in two wordings that never meet in one
// opening ("my wifi drops every evening …", "the router keeps
// disconnecting at night …"), with the same devices, times and fix tried,
// beside two other issues (a double charge, a password) and unrelated
// questions about orders.
func Connectivity(unrelated int) []string {
	openings := Wordings()
	for _, what := range []string{"invoice", "subscription", "monthly bill", "annual plan", "renewal", "upgrade"} {
		for _, how := range []string{"I was charged twice for my %s", "please refund the double charge on my %s", "why is my %s billed two times", "duplicate charge on the %s, I want my money back"} {
			openings = append(openings, fmt.Sprintf(how, what))
		}
	}
	for _, what := range []string{"email", "phone app", "website", "desktop client", "tablet", "admin console"} {
		for _, how := range []string{"I forgot my password for the %s", "the password reset link for the %s expired", "cannot log in to the %s, password rejected", "locked out of the %s after a wrong password"} {
			openings = append(openings, fmt.Sprintf(how, what))
		}
	}
	for i := range unrelated {
		openings = append(openings, fmt.Sprintf("question %d about my order number %d and its delivery date", i, 1000+7*i))
	}
	return openings
}

// Wordings are the connectivity issue's 72 openings in its two wordings,
// "drops" and "keeps disconnecting", which never meet in one opening.
func Wordings() []string {
	var openings []string
	devices := []string{"wifi", "router", "modem", "hotspot", "mesh network", "wireless signal", "internet", "broadband"}
	times := []string{"every evening", "at night", "during video calls", "after an hour", "when streaming", "every few minutes", "in the morning", "on weekends", "during games"}
	for i, d := range devices {
		for j, tm := range times {
			if (i+j)%2 == 0 {
				openings = append(openings, fmt.Sprintf("my %s drops %s and restarting the router does not help", d, tm))
			} else {
				openings = append(openings, fmt.Sprintf("the %s keeps disconnecting %s and restarting the router does not help", d, tm))
			}
		}
	}
	return openings
}
