// Package dataset finds and reads the real datasets the project measures
// itself on. They live outside the repository, in shared/data beside the
// module root, and are never copied in; callers skip cleanly when absent.
package dataset

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
)

// Dir finds shared/data/NAME by walking up from the working directory
// (tests run in their package's directory, commands in the module root,
// and the data sits beside the module root).
func Dir(name string) (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		p := filepath.Join(dir, "shared", "data", name)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Banking77Dir finds shared/data/banking77.
func Banking77Dir() (string, bool) { return Dir("banking77") }

// ReadBanking77 reads one BANKING77 CSV file (columns text,category, with a
// header) into parallel slices of texts and intents.
func ReadBanking77(path string) (texts, intents []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, r := range rows {
		if i == 0 || len(r) < 2 || r[0] == "" {
			continue
		}
		texts, intents = append(texts, r[0]), append(intents, r[1])
	}
	return texts, intents, nil
}
