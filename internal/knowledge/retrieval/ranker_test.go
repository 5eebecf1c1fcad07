package retrieval

import (
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// A conversation in the index that the model does not hold yet (tracked,
// not analysed) is ranked on its BM25 evidence alone, not as if its
// wording and type matched nothing: asked for its own words, it comes
// first, ahead of a dozen analysed conversations that lack one of them.
func TestUnplacedRankedOnItsEvidence(t *testing.T) {
	t.Parallel()
	ix, m := search.NewIndex(), issuetype.NewModel(issuetype.Config{})
	for i := range 12 {
		text := fmt.Sprintf("my card payment was declined at the shop today, attempt %d", i)
		ix.Upsert(int64(i+1), text)
		m.Assign(int64(i+1), text)
	}
	const fresh = 100
	text := "my card payment was declined at the shop today because of zorblat"
	ix.Upsert(fresh, text)
	hits, _ := New(Config{}).Rank(ix, m, nil, Analyse(text), 10, 0.1)
	if len(hits) == 0 || hits[0].ID != fresh {
		t.Fatalf("hits %v: the conversation not yet placed is not first for its own words", hits)
	}
	// Placed, it keeps its place on the full evidence.
	m.Assign(fresh, text)
	hits, _ = New(Config{}).Rank(ix, m, nil, Analyse(text), 10, 0.1)
	if len(hits) == 0 || hits[0].ID != fresh {
		t.Fatalf("hits %v after placing it", hits)
	}
}
