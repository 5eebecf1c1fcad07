// Package eval measures the knowledge engine on real data through the
// public API only, the way a user would see it, and writes the figures
// beside a plain-BM25 baseline. It is what `fathom eval` runs.
package eval

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
)

// Example is a labelled text. Labels are used only to score.
type Example struct {
	Text   string
	Intent string
}

// LoadBanking77 reads train.csv and test.csv (columns text,category).
func LoadBanking77(dir string) (train, test []Example, err error) {
	if train, err = readCSV(filepath.Join(dir, "train.csv")); err != nil {
		return nil, nil, err
	}
	if test, err = readCSV(filepath.Join(dir, "test.csv")); err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

func readCSV(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("banking77 data: %w (the data lives in ../shared/data/banking77)", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]Example, 0, len(rows))
	for i, r := range rows {
		if i == 0 || len(r) < 2 {
			continue
		}
		out = append(out, Example{Text: r[0], Intent: r[1]})
	}
	return out, nil
}
