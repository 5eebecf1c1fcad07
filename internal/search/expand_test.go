package search

import (
	"fmt"
	"slices"
	"testing"
)

func TestSearchExpanded(t *testing.T) {
	ix := NewIndex()
	docs := map[int64]string{
		1: "my wifi drops every evening",
		2: "the router keeps disconnecting",
		3: "charged twice for my invoice",
	}
	for id, s := range docs {
		ix.Upsert(id, s)
	}
	for i := range 40 { // so that "disconnect" is not common (see commonExtra)
		ix.Upsert(int64(100+i), fmt.Sprintf("password reset number %d", i))
	}
	similarity := func(hits []Hit, id int64) float64 {
		if i := slices.IndexFunc(hits, func(h Hit) bool { return h.ID == id }); i >= 0 {
			return hits[i].Similarity
		}
		return -1
	}
	plain, _ := ix.SearchTerms(Terms("wifi drops"), 10, 0)
	if similarity(plain, 2) >= 0 {
		t.Fatalf("conversation 2 matched without expansion: %+v", plain)
	}
	extra := []Weighted{{Term: "disconnect", Weight: 0.3}, {Term: "the", Weight: 1}}
	got, total := ix.SearchExpanded(Terms("wifi drops"), extra, 10, 0)
	if total != 2 || similarity(got, 2) <= 0 {
		t.Fatalf("expanded: %+v (%d), want conversations 1 and 2 (a function word expands nothing)", got, total)
	}
	if got[0].ID != 1 || similarity(got, 1) != similarity(plain, 1) {
		t.Errorf("expansion moved the query's own match: %+v, before %+v", got, plain)
	}
	if s := similarity(got, 2); s >= similarity(got, 1)/2 {
		t.Errorf("a match on a 0.3 expansion term has similarity %.3f, near the query's own match", s)
	}
	if none, _ := ix.SearchExpanded(Terms("wifi drops"), []Weighted{{Term: "disconnect"}}, 10, 0); len(none) != 1 {
		t.Errorf("a term of weight 0 matched: %+v", none)
	}
	// In a small index every expansion term is scored, however common.
	common, _ := ix.SearchExpanded(Terms("wifi drops"), []Weighted{{Term: "password", Weight: 0.5}}, 10, 0)
	if len(common) != 10 {
		t.Errorf("a common expansion term in a small index: %d hits, want 10", len(common))
	}
}

// TestSearchExpandedSkipsCommonTerms: in a large index, an expansion term
// in more than 1 in commonExtra documents is not worth its postings.
func TestSearchExpandedSkipsCommonTerms(t *testing.T) {
	ix := NewIndex()
	n := cheapExtra * 2 * commonExtra
	for i := range n {
		text := fmt.Sprintf("ticket number %d", i)
		switch {
		case i%4 == 0:
			text += " common"
		case i == 1:
			text += " rare"
		}
		ix.Upsert(int64(i), text)
	}
	ix.Upsert(int64(n), "wifi drops")
	for _, tt := range []struct {
		term string
		want int
	}{{"common", 1}, {"rare", 2}} {
		got, _ := ix.SearchExpanded(Terms("wifi drops"), []Weighted{{Term: tt.term, Weight: 0.5}}, 10, 0)
		if len(got) != tt.want {
			t.Errorf("expanded by %q: %d hits, want %d", tt.term, len(got), tt.want)
		}
	}
}

func TestEachDocument(t *testing.T) {
	ix := NewIndex()
	for i := range 3*eachChunk + 5 {
		ix.Upsert(int64(i), fmt.Sprintf("term%d shared", i%7))
	}
	ix.Delete(3)
	seen := map[int64]bool{}
	ix.EachDocument(func(id int64, terms []string) {
		if seen[id] {
			t.Errorf("document %d seen twice", id)
		}
		seen[id] = true
		want := []string{"share", fmt.Sprintf("term%d", id%7)}
		if slices.Sort(terms); !slices.Equal(terms, want) {
			t.Errorf("document %d: terms %v, want %v", id, terms, want)
		}
	})
	if len(seen) != 3*eachChunk+4 || seen[3] {
		t.Errorf("walked %d documents (3 deleted: %v), want %d", len(seen), seen[3], 3*eachChunk+4)
	}
}
