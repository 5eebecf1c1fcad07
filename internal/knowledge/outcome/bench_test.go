package outcome

import "testing"

// BenchmarkClassify measures a typical reply; it runs once per user message
// during analysis.
func BenchmarkClassify(b *testing.B) {
	const reply = "I tried clearing the cache but it's still not going through, same error as before"
	b.SetBytes(int64(len(reply)))
	b.ReportAllocs()
	for b.Loop() {
		Classify(reply)
	}
}
