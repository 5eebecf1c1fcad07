package dataset

import (
	"path/filepath"
	"testing"
)

// Banking77OrSkip reads one BANKING77 file for a test or benchmark, and
// skips it with a clear message when the data is absent.
func Banking77OrSkip(tb testing.TB, file string) (texts, intents []string) {
	tb.Helper()
	dir := DirOrSkip(tb, "banking77")
	texts, intents, err := ReadBanking77(filepath.Join(dir, file))
	if err != nil {
		tb.Fatal(err)
	}
	return texts, intents
}

// DirOrSkip finds shared/data/NAME for a test or benchmark, and skips it
// with a clear message when the data is absent.
func DirOrSkip(tb testing.TB, name string) string {
	tb.Helper()
	if testing.Short() {
		// They measure quality, not concurrency: CI runs them once
		// without -short and skips them in its -race pass.
		tb.Skipf("%s: dataset tests are skipped under -short", name)
	}
	dir, ok := Dir(name)
	if !ok {
		tb.Skipf("%s data not found: looked for shared/data/%s in the working directory and its parents", name, name)
	}
	return dir
}
