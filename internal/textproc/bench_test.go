package textproc

import "testing"

// A typical chat message: 15 words with punctuation and a contraction.
const benchSentence = "Hi, I tried to top up my card twice today but the payment keeps getting declined, why?"

func BenchmarkTerms(b *testing.B) {
	buf := make([]string, 0, 32)
	b.SetBytes(int64(len(benchSentence)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendTerms(buf[:0], benchSentence)
	}
}

func BenchmarkTermsAlloc(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Terms(benchSentence)
	}
}

func BenchmarkWords(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Words(benchSentence)
	}
}
