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
