package bench

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestCorpusUsesEveryText checks that loads of both shapes (10-message
// tracks and 2-message seeds) touch every distinct text of the corpus,
// including sizes with small factors such as BANKING77's 10,003 = 7 · 1,429.
func TestCorpusUsesEveryText(t *testing.T) {
	for _, n := range []int{1, 2, 7, 10, 1000, 10003} {
		for _, size := range []int{2, 10} {
			t.Run(fmt.Sprintf("%d texts, %d messages", n, size), func(t *testing.T) {
				c := &Corpus{}
				for i := range n {
					c.Texts = append(c.Texts, fmt.Sprint("text ", i))
				}
				seen := map[string]bool{}
				turns := (size + 1) / 2
				for i := range (n + turns - 1) / turns {
					var body struct {
						Messages []message `json:"messages"`
					}
					if err := json.Unmarshal(c.trackBody("x", i, size), &body); err != nil {
						t.Fatal(err)
					}
					for _, m := range body.Messages {
						if m.Role == "user" {
							seen[m.Content] = true
						}
					}
				}
				if len(seen) != n {
					t.Errorf("%d of %d texts used", len(seen), n)
				}
			})
		}
	}
}
