package issuetype

import (
	"slices"
	"testing"
)

// TestNeighboursOf: a document's graph neighbours come best first, never
// include itself or a removed document, and an unknown id adds nothing.
func TestNeighboursOf(t *testing.T) {
	m := NewModel(Config{})
	texts := []string{
		"my card payment was declined at the shop",
		"card declined when paying at the shop",
		"the shop declined my card payment again",
		"how do I reset my password",
		"password reset email never arrived",
	}
	for i, s := range texts {
		m.Assign(int64(i+1), s)
	}
	got := m.NeighboursOf(nil, 1)
	if len(got) == 0 {
		t.Fatal("no neighbours for a document with two near copies")
	}
	if !slices.IsSortedFunc(got, func(a, b DocSimilarity) int {
		switch {
		case a.Similarity > b.Similarity:
			return -1
		case a.Similarity < b.Similarity:
			return 1
		}
		return 0
	}) {
		t.Errorf("not best first: %v", got)
	}
	if got[0].ID != 2 && got[0].ID != 3 {
		t.Errorf("nearest of a card-declined message is %d, want 2 or 3: %v", got[0].ID, got)
	}
	for _, n := range got {
		if n.ID == 1 {
			t.Errorf("a document is its own neighbour: %v", got)
		}
	}
	m.Remove(got[0].ID)
	for _, n := range m.NeighboursOf(nil, 1) {
		if n.ID == got[0].ID {
			t.Errorf("removed document %d still a neighbour", n.ID)
		}
	}
	dst := []DocSimilarity{{ID: 9}}
	if out := m.NeighboursOf(dst, 99); len(out) != 1 {
		t.Errorf("unknown id appended %v", out[1:])
	}
}
