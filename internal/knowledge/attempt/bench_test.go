package attempt

import "testing"

// BenchmarkExtract measures a typical six-message conversation; analysis
// runs it for every changed conversation.
func BenchmarkExtract(b *testing.B) {
	msgs := conv(
		"u: My payment keeps getting declined at checkout",
		"a: Sorry to hear that! Can you check if your card is expired?",
		"u: it's not expired, still declined",
		"a: Could you try clearing your browser cache? Go to Settings > Privacy, then tap Clear data.",
		"u: ok trying now",
		"u: that worked, thanks!",
	)
	b.ReportAllocs()
	for b.Loop() {
		Extract(msgs, true, "Cleared the browser cache")
	}
}

// BenchmarkExtractStatements measures a conversation whose agent turns
// include statements that propose nothing by the usual shapes: a note and
// a greeting, each read for a note only when the reply states a result.
func BenchmarkExtractStatements(b *testing.B) {
	msgs := conv(
		"u: I can't log in to the app",
		"a: hello, sorry for the wait. acct lock cleared",
		"u: nah still the same",
		"a: Thanks for your patience, I'm on it.",
		"u: ok",
		"a: pw reset link sent, expires in 60 min",
		"u: ok that sorted it, cheers",
	)
	b.ReportAllocs()
	for b.Loop() {
		Extract(msgs, true, "")
	}
}
