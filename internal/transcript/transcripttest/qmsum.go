// Package transcripttest finds the QMSum meetings that the transcript and
// summary tests measure themselves on. The data lives in shared/data/qmsum
// beside the module root and is never copied into the repository; tests
// skip with a clear message when it is absent, as internal/dataset does for
// BANKING77. It is for tests only and must not be imported by the server.
package transcripttest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

// QMSumDir finds shared/data/qmsum.
func QMSumDir() (string, bool) { return dataset.Dir("qmsum") }

// Meeting is one QMSum file: its name, its bytes and the reference answer
// to its first general query ("Summarize the whole meeting.").
type Meeting struct {
	Name      string // file name, e.g. "ES2004a.json"
	Data      []byte
	Reference string
}

// QMSumOrSkip reads every QMSum meeting in name order, and skips the test
// or benchmark when the data is absent.
func QMSumOrSkip(tb testing.TB) []Meeting {
	tb.Helper()
	dir, ok := QMSumDir()
	if !ok {
		tb.Skip("qmsum data not found: looked for shared/data/qmsum in the working directory and its parents")
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(paths) == 0 {
		tb.Skipf("qmsum data not found: no *.json in %s", dir)
	}
	sort.Strings(paths)
	ms := make([]Meeting, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var f struct {
			General []struct {
				Query  string `json:"query"`
				Answer string `json:"answer"`
			} `json:"general_query_list"`
		}
		if err := json.Unmarshal(data, &f); err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
		m := Meeting{Name: filepath.Base(p), Data: data}
		if len(f.General) > 0 {
			m.Reference = f.General[0].Answer
		}
		ms = append(ms, m)
	}
	return ms
}
