package issuetype

import (
	"testing"
)

// TestDeterministic feeds the banking77 training messages to two models
// in file order: the types must be a function of the messages and their
// order, whatever the order maps are walked in and the goroutines run.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("reads banking77")
	}
	texts, _ := banking77(t, "train.csv")
	run := func() []int64 {
		m := NewModel(Config{})
		for i, s := range texts {
			m.Assign(int64(i+1), s)
		}
		m.Consolidate()
		out := make([]int64, len(texts))
		for i := range texts {
			out[i], _ = m.TypeOf(int64(i + 1))
		}
		return out
	}
	first := run()
	for r := 1; r < 3; r++ {
		again := run()
		differ := 0
		for i := range first {
			if again[i] != first[i] {
				differ++
			}
		}
		if differ > 0 {
			t.Errorf("run %d: %d of %d messages typed otherwise than in run 0", r, differ, len(first))
		}
	}
}
