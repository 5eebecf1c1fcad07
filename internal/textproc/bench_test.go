package textproc

import "testing"

// A typical chat message: 17 words with punctuation.
const benchSentence = "Hi, I tried to top up my card twice today but the payment keeps getting declined, why?"

// BenchmarkTerms measures the steady state, with the sentence's words
// already memoised, as they are for the common vocabulary in production.
func BenchmarkTerms(b *testing.B) {
	buf := AppendTerms(make([]string, 0, 32), benchSentence)
	b.SetBytes(int64(len(benchSentence)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendTerms(buf[:0], benchSentence)
	}
}

// BenchmarkTermsAlloc is BenchmarkTerms through Terms, allocating the result.
func BenchmarkTermsAlloc(b *testing.B) {
	Terms(benchSentence)
	b.ReportAllocs()
	for b.Loop() {
		_ = Terms(benchSentence)
	}
}

// BenchmarkWords measures Words, which allocates every word.
func BenchmarkWords(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Words(benchSentence)
	}
}

// BenchmarkStripReporting measures the pass every indexed text and query
// now takes: without a reporting phrase (nearly every text), and with one.
func BenchmarkStripReporting(b *testing.B) {
	for _, tt := range []struct{ name, text string }{
		{"none", benchSentence},
		{"phrase", "The customer says she tried to top up her card twice today but the payment keeps getting declined"},
	} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(tt.text)))
			b.ReportAllocs()
			for b.Loop() {
				_ = StripReporting(tt.text)
			}
		})
	}
}
