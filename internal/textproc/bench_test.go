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
