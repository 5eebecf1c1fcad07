package issuetype

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

// banking77 returns the text and category columns of a banking77 CSV file,
// found by walking up from the working directory to shared/data/banking77
// (the data lives beside the module root, never inside it). It skips the
// test when the data is absent.
func banking77(tb testing.TB, file string) (texts, cats []string) {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "data", "banking77", file)
		if f, err := os.Open(p); err == nil {
			defer f.Close()
			rows, err := csv.NewReader(f).ReadAll()
			if err != nil {
				tb.Fatalf("%s: %v", p, err)
			}
			for _, row := range rows[1:] { // skip the header
				texts, cats = append(texts, row[0]), append(cats, row[1])
			}
			return texts, cats
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("banking77 data not found: looked for shared/data/banking77/" + file + " in the working directory and its parents")
		}
		dir = parent
	}
}
