package issuetype

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/fathom-oss/fathom/internal/signbits"
)

// testEmbedding is a unit vector of dimension 8 near axis topic%4: texts
// given the same topic are close by meaning whatever their words.
func testEmbedding(topic int) []float32 {
	v := make([]float32, 8)
	v[topic%4] = 1
	v[4+topic%4] = 0.1 + 0.01*float32(topic/4)
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	for i := range v {
		v[i] /= float32(math.Sqrt(ss))
	}
	return v
}

// denseCorpus gives two types of wording each; the paraphrase pair shares
// no word (and few character n-grams) with each other.
var denseCorpus = []string{
	"my wifi keeps disconnecting every few minutes",
	"wifi disconnecting again since this morning",
	"the wifi keeps disconnecting at night",
	"my card payment was declined at checkout",
	"card payment declined in the shop",
	"payment declined on my card again",
}

const paraphrase = "internet connection drops all the time"

// tinyConfig consolidates at a resolution for a graph of a few documents
// (the default's splits them all).
var tinyConfig = Config{DisableAutoConsolidate: true, Resolution: 1}

// A text that shares no word with a type's members joins it when the
// embeddings say they mean the same; without embeddings it founds its
// own type; a save and a load keep the embeddings.
func TestDensePlacesParaphrase(t *testing.T) {
	topic := []int{0, 0, 0, 1, 1, 1}
	build := func(dense bool) *Model {
		m := NewModel(tinyConfig)
		for i, text := range denseCorpus {
			var v []float32
			if dense {
				v = testEmbedding(topic[i])
			}
			m.AssignDense(int64(i+1), text, v)
		}
		return m
	}
	var pv []float32
	lexical := build(false)
	a := lexical.AssignDense(100, paraphrase, pv)
	if wifi, _ := lexical.TypeOf(1); a.TypeID == wifi {
		t.Fatalf("without embeddings the paraphrase joined the wifi type %d", wifi)
	}
	m := build(true)
	a = m.AssignDense(100, paraphrase, testEmbedding(0))
	if wifi, _ := m.TypeOf(1); a.TypeID != wifi || a.New {
		t.Fatalf("with embeddings the paraphrase went to %+v, want the wifi type %d", a, wifi)
	}
	if card, _ := m.TypeOf(4); card == a.TypeID {
		t.Fatal("the card conversations joined the wifi type")
	}
	m.Consolidate()
	if wifi, _ := m.TypeOf(1); !same(m, 100, 1) || same(m, 100, 4) {
		t.Fatalf("after a consolidation the paraphrase is not with the wifi type %d", wifi)
	}

	var cs chunkStore
	if err := m.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	if len(cs.parts[PartDense]) != 1 {
		t.Fatalf("saved %d chunks of embeddings, want 1", len(cs.parts[PartDense]))
	}
	r := NewModel(tinyConfig)
	if _, err := r.LoadChunks(cs.scan); err != nil {
		t.Fatal(err)
	}
	if !r.HasDense(100) || !same(r, 100, 1) {
		t.Fatal("the reloaded model lost the embeddings or the type")
	}
	q := NewVec("router offline")
	q.SetDense(testEmbedding(0))
	if typ, _ := r.PredictVec(q); !same(r, 1, 1) || typ != mustType(t, r, 1) {
		t.Fatalf("predicted %d for a wifi paraphrase, want %d", typ, mustType(t, r, 1))
	}
	if typ, _ := r.Predict("router offline"); typ == mustType(t, r, 1) {
		t.Fatal("without its embedding the query was placed by meaning")
	}
	// Nothing changed: nothing written.
	cs.written = nil
	if err := r.SaveChunks(cs.write); err != nil || cs.written[PartDense] != 0 {
		t.Fatalf("a save of the loaded model wrote %v (err %v)", cs.written, err)
	}
}

// An embedding given after the document was placed (a remote provider
// answering later) links it by meaning; its type follows at the next
// consolidation.
func TestDenseSetLater(t *testing.T) {
	topic := []int{0, 0, 0, 1, 1, 1}
	m := NewModel(tinyConfig)
	for i, text := range denseCorpus {
		m.AssignDense(int64(i+1), text, testEmbedding(topic[i]))
	}
	m.Assign(100, paraphrase)
	if same(m, 100, 1) {
		t.Fatal("placed by meaning without an embedding")
	}
	if !m.SetDense(100, testEmbedding(0)) || m.SetDense(100, testEmbedding(0)) {
		t.Fatal("SetDense: want a change the first time only")
	}
	m.Consolidate()
	if !same(m, 100, 1) {
		t.Fatal("after its embedding and a consolidation the paraphrase is not with the wifi type")
	}
	// The same text again with its embedding changes nothing.
	before := m.changes
	m.AssignDense(100, paraphrase, testEmbedding(0))
	if m.changes != before {
		t.Fatal("assigning the same text and embedding again changed the model")
	}
	// Another dimension is another space: never attached.
	m.Assign(101, "something else entirely")
	if m.SetDense(101, []float32{1, 0, 0}) {
		t.Fatal("an embedding of another dimension was attached")
	}
	m.Remove(100)
	for i := range denseCorpus {
		m.Remove(int64(i + 1))
	}
	if m.dense != 0 || m.dim != 0 {
		t.Fatalf("after removing every embedded document: %d held, dimension %d", m.dense, m.dim)
	}
}

// Without embeddings the model computes exactly what it did before they
// existed: the same types, graph and saved chunks (no dense part).
func TestDenseAbsentChangesNothing(t *testing.T) {
	texts := chunkTexts(700)
	a, b := NewModel(Config{}), NewModel(Config{})
	for i, s := range texts {
		a.Assign(int64(i+1), s)
		b.AssignDense(int64(i+1), s, nil)
	}
	sameModel(t, a, b, len(texts))
	var cs chunkStore
	if err := a.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	if _, ok := cs.parts[PartDense]; ok {
		t.Fatal("a model without embeddings saved a dense part")
	}
	if !slices.Equal(cs.parts[PartTypes][0], b.appendTypes(nil, 0, min(chunkSlots, len(texts)))) {
		t.Fatal("types differ")
	}
}

func same(m *Model, a, b int64) bool {
	ta, oka := m.TypeOf(a)
	tb, okb := m.TypeOf(b)
	return oka && okb && ta == tb
}

func mustType(t *testing.T, m *Model, id int64) int64 {
	t.Helper()
	typ, ok := m.TypeOf(id)
	if !ok {
		t.Fatalf("no document %d", id)
	}
	return typ
}

// A consolidation compacts the embeddings with the documents, whether the
// last slots have embeddings or not (the slice of embeddings is then
// shorter than the documents').
func TestDenseCompact(t *testing.T) {
	m := NewModel(tinyConfig)
	m.denses = make([]denseVec, 0, 64) // room past its length, as append leaves
	for i, text := range denseCorpus {
		m.AssignDense(int64(i+1), text, testEmbedding(i/3))
	}
	m.Assign(7, "no embedding here")
	m.Assign(8, "nor here")
	m.Remove(2)
	m.Consolidate()
	for _, id := range []int64{1, 3, 4, 5, 6} {
		if !m.HasDense(id) {
			t.Errorf("document %d lost its embedding in the compaction", id)
		}
	}
	if m.HasDense(7) || m.HasDense(8) || m.dense != 5 {
		t.Errorf("after the compaction: %d embeddings held, want 5", m.dense)
	}
	if !same(m, 1, 3) || same(m, 1, 4) {
		t.Error("the types moved")
	}
	checkSigns(t, m) // the sign bits moved down with the embeddings
}

// checkSigns fails t unless every embedding's sign bits are those the
// preselection reads for its slot.
func checkSigns(t *testing.T, m *Model) {
	t.Helper()
	w := m.signWords
	row := make([]uint64, w)
	for s, dv := range m.denses {
		if dv == nil {
			continue
		}
		signbits.Set(row, dv[4:])
		if got := m.signs[s*w : (s+1)*w]; !slices.Equal(got, row) {
			t.Errorf("slot %d: signs %x, its embedding's %x", s, got, row)
		}
	}
}

// Past signbits.ExactScan embeddings, the dense candidates are those the
// sign bits preselect: on clustered embeddings (as those of similar texts
// are) they hold nearly all of the exact scan's ten closest, and the
// closest; removed documents are never proposed.
func TestDensePreselect(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	const n, dim, clusters = signbits.ExactScan + 1000, 128, 150
	centres := make([][]float32, clusters)
	for c := range centres {
		centres[c] = make([]float32, dim)
		for j := range centres[c] {
			centres[c][j] = float32(r.NormFloat64())
		}
	}
	near := func(c int) []float32 {
		v := make([]float32, dim)
		for j := range v {
			v[j] = centres[c][j] + float32(r.NormFloat64())
		}
		return v
	}
	// Documents without features: only their embeddings are compared.
	m := NewModel(Config{})
	m.docs = make([]doc, n)
	for s := range n {
		dv := m.denseFor(near(s % clusters))
		m.putDense(int32(s), dv)
		m.holdDense(dv)
		m.live++
	}
	for s := 0; s < n; s += 97 {
		m.removeLocked(int32(s))
	}
	checkSigns(t, m)
	if signbits.Want(m.dense, rescored) == 0 {
		t.Fatal("few enough embeddings to be scanned exactly: the test proves nothing")
	}
	found, firsts := 0, 0
	const queries = 40
	for qn := range queries {
		q := m.denseFor(near(qn * 7 % clusters))
		exact := make([]neighbour, 0, n)
		for s, dv := range m.denses {
			if dv != nil {
				exact = append(exact, neighbour{int32(s), q.cosine(dv)})
			}
		}
		slices.SortFunc(exact, func(a, b neighbour) int {
			if better(a, b) {
				return -1
			}
			return 1
		})
		sc := m.getScorer()
		sc.qd = q
		sc.gatherDense(m)
		got := map[int32]bool{}
		for _, c := range sc.dheap {
			if m.docs[c.slot].dead {
				t.Fatalf("removed slot %d proposed", c.slot)
			}
			got[c.slot] = true
		}
		for _, e := range exact[:10] {
			if got[e.slot] {
				found++
			}
		}
		if got[exact[0].slot] {
			firsts++
		}
		sc.reset()
		m.scratch.Put(sc)
	}
	recall := float64(found) / (10 * queries)
	t.Logf("recall@10 %.3f, closest found %d of %d", recall, firsts, queries)
	if recall < 0.95 || firsts < queries-1 {
		t.Errorf("recall@10 of the preselected candidates %.3f (want ≥ 0.95), closest found %d of %d", recall, firsts, queries)
	}
}
