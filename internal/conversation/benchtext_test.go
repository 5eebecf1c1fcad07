package conversation

import (
	"os"
	"strconv"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// benchTexts is how many conversations a benchmark makes
// (FATHOM_BENCH_CONVERSATIONS, or n) and the BANKING77 training texts it
// draws them from; it skips without the data.
func benchTexts(b *testing.B, n int) (int, []string) {
	b.Helper()
	if v := os.Getenv("FATHOM_BENCH_CONVERSATIONS"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	texts, _ := dataset.Banking77OrSkip(b, "train.csv")
	return n, texts
}
