package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestSearchWindows(t *testing.T) {
	for n, want := range map[int]string{0: "", 1: "0-0", 2: "0-1", 3: "0-2", 4: "0-2 2-3", 5: "0-2 2-4", 6: "0-2 2-4 4-5", 7: "0-2 2-4 4-6"} {
		items := make([]fathom.TranscriptItem, n)
		var got []string
		for _, w := range SearchWindows(items) {
			got = append(got, fmt.Sprintf("%d-%d", w.First, w.First+len(w.Items)-1))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("windows of %d items = %v, want %s", n, got, want)
		}
	}
	w := SearchWindow{Items: []fathom.TranscriptItem{{Speaker: "Ann", Text: "two\nlines", At: time.Second}, {Speaker: "Carl", Text: "one"}}}
	if w.Text() != "two lines\none" || w.ItemsJSON() != `[{"s":"Ann","a":1000},{"s":"Carl","a":0}]` {
		t.Errorf("window text %q, items %s", w.Text(), w.ItemsJSON())
	}
}

func TestSnippet(t *testing.T) {
	long := "one two three four five six seven eight nine ten eleven twelve thirteen «needle» fourteen"
	for _, c := range []struct{ in, want string }{
		{"Send the «renewal» «quote»", "Send the «renewal» «quote»"},
		{"  short «text»\t", "short «text»"},
		{"a b c d e f g h i j k l m n «o p q» r s t u v w x y z", "…l m n «o p q» r s t u v w…"},
		{"«a b c d e f g h i j k l m n o» p", "«a b c d e f g h i j k l»…"},
	} {
		if got := Snippet(c.in); got != c.want {
			t.Errorf("Snippet(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	got := Snippet(long)
	if !strings.Contains(got, "«needle»") || !strings.HasPrefix(got, "…") || len(strings.Fields(got)) != snippetWords {
		t.Errorf("Snippet of a long text = %q", got)
	}
}

// window is a candidate window of meeting 1 starting at item first, with
// the given highlighted lines.
func window(first int, score float64, lines ...string) SearchCandidate {
	items := make([]fathom.TranscriptItem, len(lines))
	for i := range items {
		items[i] = fathom.TranscriptItem{Speaker: fmt.Sprint("S", first+i), At: time.Duration(first+i) * time.Second}
	}
	return SearchCandidate{RowID: 1<<SearchRowShift + int64(first), MeetingID: 1, Kind: HitTranscript,
		Items: SearchWindow{Items: items}.ItemsJSON(), Highlight: strings.Join(lines, "\n"), Score: score}
}

func TestSearchResults(t *testing.T) {
	hitsOf := func(cands []SearchCandidate, limit int) string {
		t.Helper()
		hits, err := SearchResults(cands, limit)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, fmt.Sprintf("%s@%v:%s", h.Speaker, h.At, h.Snippet))
		}
		return strings.Join(out, " | ")
	}
	// A word in the item two windows share is one hit, of the earlier window.
	shared := []SearchCandidate{window(2, 2, "«x»", "d", "e"), window(0, 2, "a", "b", "«x»")}
	if got := hitsOf(shared, 10); got != "S2@2s:«x»" {
		t.Errorf("word in a shared item: %s", got)
	}
	// A window that matched more of the same moment wins over its neighbour.
	more := []SearchCandidate{window(0, 3, "a", "b", "«x»"), window(2, 2, "«x»", "«y»", "c")}
	if got := hitsOf(more, 10); got != "S2@2s:«x» «y»" {
		t.Errorf("neighbour with more matches: %s", got)
	}
	// Two moments in neighbouring windows stay two hits.
	two := []SearchCandidate{window(0, 3, "«x»", "b", "c"), window(2, 2, "c", "«x»", "d")}
	if got := hitsOf(two, 10); got != "S0@0s:«x» | S3@3s:«x»" {
		t.Errorf("two moments: %s", got)
	}
	// An item two kept windows matched is the earlier one's match.
	overlap := []SearchCandidate{window(2, 3, "«x»", "«y»", "c"), window(0, 2, "«y»", "b", "«x»")}
	hits, err := SearchResults(overlap, 10)
	if err != nil || len(hits) != 2 || hits[0].Speaker != "S3" || hits[0].Snippet != "«y»" || hits[0].Window[0].Matched ||
		!hits[1].Window[2].Matched || hits[1].Snippet != "«y» b «x»" {
		t.Errorf("overlapping moments: %+v %+v", hits[0], hits[1])
	}
	if got := hitsOf(two, 1); got != "S0@0s:«x»" {
		t.Errorf("limit 1: %s", got)
	}
	// A phrase said across two items marks both; the mark is closed and
	// opened again at the line break, outside the punctuation.
	hits, err = SearchResults([]SearchCandidate{window(0, 1, "about the «renewal.", "Pricing» stays", "ok")}, 10)
	if err != nil || len(hits) != 1 {
		t.Fatal(hits, err)
	}
	h := hits[0]
	if h.Snippet != "about the «renewal». «Pricing» stays" || !h.Window[0].Matched || !h.Window[1].Matched || h.Window[2].Matched ||
		h.Window[0].Text != "about the renewal." || h.Speaker != "S0" {
		t.Errorf("phrase across items: %+v", h)
	}
	// An engine's word on which items match wins over its marks.
	c := window(0, 1, "«uh» well", "«Uh-huh».", "ok")
	c.ItemMatched = []bool{false, true, false}
	if hits, _ := SearchResults([]SearchCandidate{c}, 10); hits[0].Speaker != "S1" || hits[0].Window[0].Matched {
		t.Errorf("ItemMatched ignored: %+v", hits[0])
	}
	// A summary line is its own hit.
	sum := SearchCandidate{RowID: 1<<SearchRowShift + 9, MeetingID: 1, Kind: HitSummary, Highlight: "the «x»"}
	if hits, _ := SearchResults(append(shared, sum), 10); len(hits) != 2 || hits[1].Snippet != "the «x»" || hits[1].Window != nil {
		t.Errorf("with a summary line: %+v", hits)
	}
	if _, err := SearchResults([]SearchCandidate{{Kind: HitTranscript, Items: `[{"s":"a","a":0}]`, Highlight: "a\nb"}}, 1); err == nil {
		t.Error("a window with more lines than items gave no error")
	}
}
