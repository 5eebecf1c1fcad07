// Package eval measures the knowledge engine on real data through the
// public API only, the way a user would see it, and writes the figures
// beside a plain-BM25 baseline. It is what `fathom eval` runs.
package eval

import (
	"fmt"
	"path/filepath"

	"github.com/fathom-oss/fathom/internal/dataset"
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
	texts, intents, err := dataset.ReadBanking77(path)
	if err != nil {
		return nil, fmt.Errorf("banking77 data: %w (the data lives in ../shared/data/banking77)", err)
	}
	out := make([]Example, len(texts))
	for i := range texts {
		out[i] = Example{Text: texts[i], Intent: intents[i]}
	}
	return out, nil
}
