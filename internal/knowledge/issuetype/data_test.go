package issuetype

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// banking77 reads a banking77 file, skipping when the data is absent.
func banking77(tb testing.TB, file string) (texts, cats []string) {
	tb.Helper()
	return dataset.Banking77OrSkip(tb, file)
}
