package dataset

import (
	"path/filepath"
	"testing"
)

// Banking77OrSkip reads one BANKING77 file for a test or benchmark, and
// skips it with a clear message when the data is absent.
func Banking77OrSkip(tb testing.TB, file string) (texts, intents []string) {
	tb.Helper()
	dir, ok := Banking77Dir()
	if !ok {
		tb.Skip("banking77 data not found: looked for shared/data/banking77 in the working directory and its parents")
	}
	texts, intents, err := ReadBanking77(filepath.Join(dir, file))
	if err != nil {
		tb.Fatal(err)
	}
	return texts, intents
}
