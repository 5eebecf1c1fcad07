package issuetype

import (
	"fmt"
	"testing"
)

// TestConsolidationKeepsOneTextTogether: a tenant that repeats itself —
// three issues, each always worded the same, a hundred times — ends with
// a type an issue. Each copy links to the same earliest copies, and at
// the default resolution Louvain, started from one document each, joined
// none of that star: every copy became a type of its own.
func TestConsolidationKeepsOneTextTogether(t *testing.T) {
	texts := []string{
		"my card payment was declined at the checkout",
		"I forgot my password and the reset email never arrives",
		"the app crashes when I open my statements",
	}
	m := NewModel(Config{DisableAutoConsolidate: true})
	for i := range 300 {
		m.Assign(int64(i+1), texts[i%len(texts)])
	}
	m.Consolidate()
	types := map[int64][]int{}
	for i := range 300 {
		typ, _ := m.TypeOf(int64(i + 1))
		types[typ] = append(types[typ], i%len(texts))
	}
	if len(types) != len(texts) {
		t.Fatalf("%d copies of %d texts in %d types", 300, len(texts), len(types))
	}
	for typ, issues := range types {
		for _, x := range issues {
			if x != issues[0] {
				t.Fatalf("type %d holds texts %d and %d: %s", typ, issues[0], x, fmt.Sprint(issues))
			}
		}
	}
}
