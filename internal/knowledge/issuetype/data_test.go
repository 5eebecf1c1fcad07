package issuetype

import (
	"github.com/fathom-oss/fathom/internal/dataset"
	"path/filepath"
	"testing"
)

// banking77 returns the text and category columns of a banking77 CSV file,
// found by walking up from the working directory to shared/data/banking77
// (the data lives beside the module root, never inside it). It skips the
// test when the data is absent.
func banking77(tb testing.TB, file string) (texts, cats []string) {
	tb.Helper()
	dir, ok := dataset.Banking77Dir()
	if !ok {
		tb.Skip("banking77 data not found: looked for shared/data/banking77 in the working directory and its parents")
	}
	texts, cats, err := dataset.ReadBanking77(filepath.Join(dir, file))
	if err != nil {
		tb.Fatal(err)
	}
	return texts, cats
}
