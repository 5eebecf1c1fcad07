package retrieval

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// A paraphrase sharing no word with the query is not among BM25's
// candidates; with Dense it is proposed, fused and ranked first, with a
// reason that says why; without, it is not found at all.
func TestDenseFindsZeroOverlapParaphrase(t *testing.T) {
	t.Parallel()
	docs := map[int64]struct {
		text string
		vec  []float32
	}{
		1: {"my wifi keeps disconnecting every few minutes", []float32{1, 0, 0}},
		2: {"my card payment was declined", []float32{0, 1, 0}},
		3: {"the invoice shows the wrong time zone", []float32{0, 0.2, 0.98}},
		4: {"cannot reset my password", []float32{0, 0, 1}},
	}
	ix, m, vecs := search.NewIndex(), issuetype.NewModel(issuetype.Config{}), search.NewVectors()
	for id, d := range docs {
		ix.Upsert(id, d.text)
		m.Assign(id, d.text)
		vecs.Upsert(id, 0, d.vec)
	}
	q := Analyse("the internet connection drops all the time")
	lexical, _ := New(Config{}).Rank(ix, m, nil, q, 3, 0.1)
	for _, h := range lexical {
		if h.ID == 1 {
			t.Fatalf("BM25 found the zero-overlap paraphrase without vectors: %+v; the test proves nothing", lexical)
		}
	}
	dense := Dense{Vectors: vecs, Vec: []float32{0.995, 0, 0.0998}}
	hits, total := New(Config{}).Rank(ix, m, dense, q, 3, 0.1)
	if len(hits) == 0 || hits[0].ID != 1 {
		t.Fatalf("hits %+v, want conversation 1 first", hits)
	}
	if hits[0].Reasons[0] != "similar meaning (embeddings)" {
		t.Errorf("reasons %v", hits[0].Reasons)
	}
	if total < 1 {
		t.Errorf("total %d", total)
	}
	// No BM25 candidate at all: the type vote has nothing to count, and
	// the dense candidates still rank (not NaN, not dropped).
	hits, _ = New(Config{}).Rank(ix, m, dense, Analyse("internet connection drops"), 3, 0.1)
	if len(hits) == 0 || hits[0].ID != 1 || hits[0].Similarity != hits[0].Similarity {
		t.Fatalf("without BM25 candidates: %+v", hits)
	}
}

func TestFuseKeepsBM25First(t *testing.T) {
	t.Parallel()
	got := fuse([]search.Hit{{ID: 5, Similarity: 1}, {ID: 7, Similarity: 0.5}}, []search.Hit{{ID: 7}, {ID: 9}})
	if len(got) != 3 || got[0].ID != 5 || got[1].ID != 7 || got[2].ID != 9 || got[2].Similarity != 0 {
		t.Errorf("fuse = %+v", got)
	}
}
