package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// model is a deliberately naive BM25 written straight from the definition,
// against which Index is checked. Function words count only in the hits,
// which content terms decide.
type model map[int64][]string

func (m model) search(query string, limit int, minSim float64) ([]Hit, int) {
	q := Terms(query)
	var total float64
	df := map[string]float64{}
	for _, terms := range m {
		total += float64(len(terms))
		seen := map[string]bool{}
		for _, t := range terms {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		}
	}
	n := float64(len(m))
	if !slices.ContainsFunc(q, textproc.Decides) || total == 0 {
		return nil, 0
	}
	avgdl := total / n
	score := func(doc []string, function bool) float64 {
		var s float64
		for _, t := range q { // each occurrence of a query term adds again
			if textproc.Decides(t) == function {
				continue
			}
			tf := 0.0
			for _, d := range doc {
				if d == t {
					tf++
				}
			}
			idf := math.Log(1 + (n-df[t]+0.5)/(df[t]+0.5))
			s += idf * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(len(doc))/avgdl))
		}
		return s
	}
	self := score(q, false) + score(q, true)
	// Stage one: content terms decide the hits and the count; stage two
	// adds function words to the hits and orders them.
	var hits []Hit
	for id, doc := range m {
		if s := score(doc, false); s > 0 && min(1, s/self) >= minSim {
			hits = append(hits, Hit{ID: id, Score: s})
		}
	}
	byScore := func(x, y Hit) int {
		if x.Score != y.Score {
			return -cmpFloat(x.Score, y.Score)
		}
		return -cmpInt(x.ID, y.ID)
	}
	slices.SortFunc(hits, byScore)
	count := len(hits)
	hits = hits[:min(limit, len(hits))]
	for i := range hits {
		hits[i].Score += score(m[hits[i].ID], true)
		hits[i].Similarity = min(1, hits[i].Score/self)
	}
	slices.SortFunc(hits, byScore)
	return hits, count
}

func cmpFloat(a, b float64) int { return int(math.Copysign(1, a-b)) }
func cmpInt(a, b int64) int     { return int(math.Copysign(1, float64(a-b))) }

// randomText draws words from a small vocabulary so terms collide often.
func randomText(r *rand.Rand) string {
	vocab := []string{"card", "payment", "declined", "refund", "top", "transfer",
		"fee", "exchange", "rate", "pin", "blocked", "atm", "cash", "account",
		"verify", "identity", "lost", "stolen", "pending", "charged", "twice", "not",
		"my", "is", "where", "how", "the", "why"}
	words := make([]string, 1+r.IntN(12))
	for i := range words {
		words[i] = vocab[min(r.IntN(len(vocab)), r.IntN(len(vocab)))] // skewed
	}
	return strings.Join(words, " ")
}

func TestIndexMatchesModel(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ix, m := NewIndex(), model{}
	for step := range 3000 {
		id := int64(r.IntN(300))
		if r.IntN(3) == 0 {
			ix.Delete(id)
			delete(m, id)
		} else {
			text := randomText(r)
			ix.Upsert(id, text)
			m[id] = Terms(text)
		}
		if step%50 != 0 {
			continue
		}
		checkInvariants(t, ix)
		if ix.Len() != len(m) {
			t.Fatalf("step %d: Len = %d, model has %d", step, ix.Len(), len(m))
		}
		for range 5 {
			q, limit, minSim := randomText(r), 1+r.IntN(20), r.Float64()*0.6
			got, gotTotal := ix.Search(q, limit, minSim)
			want, wantTotal := m.search(q, limit, minSim)
			if err := sameHits(got, want); err != nil || gotTotal != wantTotal {
				t.Fatalf("step %d: Search(%q, %d, %.2f) total %d want %d: %v\ngot  %+v\nwant %+v",
					step, q, limit, minSim, gotTotal, wantTotal, err, got, want)
			}
		}
	}
}

// sameHits compares hits from float32 accumulation with the model's float64.
func sameHits(got, want []Hit) error {
	if len(got) != len(want) {
		return fmt.Errorf("%d hits, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.ID != w.ID || math.Abs(g.Score-w.Score) > 1e-5*w.Score ||
			math.Abs(g.Similarity-w.Similarity) > 1e-5 {
			return fmt.Errorf("hit %d = %+v, want %+v", i, g, w)
		}
	}
	return nil
}

func TestLongDocumentsMatchModel(t *testing.T) {
	// Exercise the scoring paths the short random documents miss: lengths
	// beyond the tf = 1 table and beyond what a posting can hold.
	r := rand.New(rand.NewPCG(8, 9))
	ix, m := NewIndex(), model{}
	for id, words := range []int{3, 200, 255, 256, 300, 5000, 70_000} {
		var ws []string
		for len(ws) < words {
			ws = append(ws, strings.Fields(randomText(r))...)
		}
		text := strings.Join(ws[:words], " ") + " card" // every word is a term
		ix.Upsert(int64(id), text)
		m[int64(id)] = Terms(text)
	}
	if l := ix.lens[len(ix.lens)-1]; l <= longDoc {
		t.Fatalf("longest document has %d terms, want more than %d", l, longDoc)
	}
	checkInvariants(t, ix)
	for _, q := range []string{"card", "refund fee", "card card pin blocked", "not lost"} {
		got, gotTotal := ix.Search(q, 10, 0)
		want, wantTotal := m.search(q, 10, 0)
		if err := sameHits(got, want); err != nil || gotTotal != wantTotal {
			t.Errorf("Search(%q) total %d want %d: %v", q, gotTotal, wantTotal, err)
		}
	}
}

func TestCompactionMatchesFreshIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ix, texts := NewIndex(), map[int64]string{}
	upserts := 0
	for i := range 5000 {
		id := int64(i % 2000)
		switch r.IntN(4) {
		case 0:
			ix.Delete(id)
			delete(texts, id)
		default:
			texts[id] = randomText(r)
			ix.Upsert(id, texts[id])
			upserts++
		}
	}
	if len(ix.ids) >= upserts {
		t.Fatalf("no compaction happened: %d doc slots for %d upserts", len(ix.ids), upserts)
	}
	ix.mu.Lock()
	ix.compact() // also exercise compacting with nothing or little to drop
	ix.mu.Unlock()
	checkInvariants(t, ix)
	fresh := build(texts)
	for range 200 {
		q := randomText(r)
		got, gotTotal := ix.Search(q, 15, 0.1)
		want, wantTotal := fresh.Search(q, 15, 0.1)
		if !slices.Equal(got, want) || gotTotal != wantTotal {
			t.Fatalf("Search(%q) after compaction\ngot  %d %+v\nwant %d %+v", q, gotTotal, got, wantTotal, want)
		}
	}
}

// checkInvariants verifies the index's redundant bookkeeping agrees.
func checkInvariants(t *testing.T, ix *Index) {
	t.Helper()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	live, total, postings, deadPost := 0, uint64(0), 0, 0
	df := make([]uint32, len(ix.posts))
	for term, list := range ix.posts {
		for i, p := range list {
			postings++
			if i > 0 && list[i-1].doc >= p.doc {
				t.Fatalf("postings of term %d out of doc order", term)
			}
			if l := ix.lens[p.doc]; l == dead {
				deadPost++
				if p.tf != 0 {
					t.Fatalf("posting %+v of deleted doc not tombstoned", p)
				}
			} else {
				df[term]++
				if p.tf == 0 || p.dl != uint16(min(l, longDoc)) {
					t.Fatalf("posting %+v of live doc with length %d", p, l)
				}
			}
		}
	}
	for d, l := range ix.lens {
		if l != dead {
			live++
			total += uint64(l)
			if got, ok := ix.docOf[ix.ids[d]]; !ok || got != uint32(d) {
				t.Fatalf("docOf[%d] = %d, %v; want %d", ix.ids[d], got, ok, d)
			}
		}
	}
	if live != ix.live || live != len(ix.docOf) || total != ix.totalLen ||
		postings != ix.postings || deadPost != ix.deadPost || !slices.Equal(df, ix.df) ||
		len(ix.fwd) != postings || len(ix.dict) != len(ix.posts) {
		t.Fatalf("bookkeeping disagrees: live %d/%d/%d total %d/%d postings %d/%d dead %d/%d dict %d/%d",
			live, ix.live, len(ix.docOf), total, ix.totalLen, postings, ix.postings,
			deadPost, ix.deadPost, len(ix.dict), len(ix.posts))
	}
}
