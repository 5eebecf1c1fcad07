package issuetype

import (
	"math"
	"slices"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// Feature kinds. Word features are Snowball stems (what a text is about);
// gram features are character n-grams of its non-stopword words, which let
// "transfered", "transferred" and "transfers" share evidence and survive
// typos that defeat stemming.
const (
	kindWord uint8 = iota
	kindGram
)

// minGram and maxGram bound the character n-gram lengths taken from each
// word, which is wrapped in boundary markers first ("<card>") so prefixes
// and suffixes are distinct features.
const (
	minGram = 3
	maxGram = 5
)

// featureKey hashes a feature with its kind so a word and an n-gram with the
// same spelling stay distinct.
func featureKey(kind uint8, s string) uint64 {
	return fnv64(kind, s)
}

// fnv64 is FNV-1a over kind then s. It is used instead of maphash because
// persisted dictionaries need a hash that is stable across processes.
func fnv64(kind uint8, s string) uint64 {
	h := uint64(14695981039346656037)
	h = (h ^ uint64(kind)) * 1099511628211
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// rawFeature is a feature of one text before it has a dictionary id.
type rawFeature struct {
	key  uint64
	kind uint8
	n    float32 // occurrences in the text
	stem string  // the stem, for word features only
}

// extracted is the analysis of one text: its distinct features and the
// surface words seen for each stem (to name types readably).
type extracted struct {
	feats    []rawFeature
	surfaces [][2]string // (stem, surface word) pairs
}

// extract analyses text into word and character n-gram features, once its
// reporting phrases are stripped (textproc.StripReporting): who reported an
// issue says nothing of its type.
func extract(text string) extracted {
	text = textproc.StripReporting(text)
	// About two features a byte (three n-gram lengths per letter of a
	// word that is not a stopword, and the word itself): sized once, the
	// list no longer grows by doubling and copying, a third of this
	// function's cost.
	ex := extracted{feats: make([]rawFeature, 0, 2*len(text)+8)}
	var buf []string
	grams := make([]byte, 0, 32)
	for _, w := range textproc.Words(text) {
		buf = textproc.AppendTerms(buf[:0], w)
		for _, t := range buf {
			ex.feats = append(ex.feats, rawFeature{key: featureKey(kindWord, t), kind: kindWord, n: 1, stem: t})
		}
		if textproc.IsStopword(w) {
			continue
		}
		if len(buf) == 1 && buf[0] != "not" {
			ex.surfaces = append(ex.surfaces, [2]string{buf[0], w})
		}
		grams = append(append(append(grams[:0], '<'), w...), '>')
		for n := minGram; n <= maxGram; n++ {
			for i := 0; i+n <= len(grams); i++ {
				ex.feats = append(ex.feats, rawFeature{key: fnv64(kindGram, string(grams[i:i+n])), kind: kindGram, n: 1})
			}
		}
	}
	slices.SortFunc(ex.feats, func(a, b rawFeature) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	out := ex.feats[:0]
	for _, f := range ex.feats {
		if len(out) > 0 && out[len(out)-1].key == f.key {
			out[len(out)-1].n++
			continue
		}
		out = append(out, f)
	}
	ex.feats = out
	return ex
}

// tfWeight dampens repeated features: a word said three times is more
// characteristic than one said once, but not three times as much.
func tfWeight(n float32) float32 {
	return 1 + float32(math.Log(float64(n)))
}

// tfSmall is tfWeight of the counts a feature has in most texts, computed
// once.
var tfSmall = func() (t [64]float32) {
	for n := range t {
		t[n] = tfWeight(float32(n))
	}
	return t
}()

// tfOf is tfWeight of a stored count.
func tfOf(n uint16) float32 {
	if int(n) < len(tfSmall) {
		return tfSmall[n]
	}
	return tfWeight(float32(n))
}

// idfPower flattens IDF. Full IDF lets rare words (typos, amounts, names)
// dominate short texts, which splits types by incidentals; on banking77 the
// 10-nearest-neighbour intent precision is 0.686 at power 1, 0.718 at 0.5
// and 0.724 at 0.25 (stopwords are already gone, so little IDF is needed).
var idfPower = 0.25

// idf is smoothed, flattened inverse document frequency over n documents.
func idf(n, df float64) float32 {
	return float32(math.Pow(math.Log((n+1)/(df+1))+1, idfPower))
}

// idfTable memoises idf by document frequency for a fixed document count,
// so re-weighing every document in Consolidate computes each distinct value
// once instead of calling math.Pow per feature occurrence (which was a fifth
// of the cost of building a model).
type idfTable struct {
	n float64
	t []float32 // df → idf, 0 until computed
}

func newIDFTable(n int) *idfTable {
	return &idfTable{n: float64(n), t: make([]float32, n+2)}
}

func (t *idfTable) get(df uint32) float32 {
	if int(df) >= len(t.t) {
		return idf(t.n, float64(df))
	}
	v := t.t[df]
	if v == 0 {
		v = idf(t.n, float64(df))
		t.t[df] = v
	}
	return v
}

// rareIDF memoises, for one weighing without a table, the idf of the
// rarest document frequencies, which most of a text's features have:
// math.Pow per feature was most of the cost of weighing a new text.
type rareIDF struct {
	n float64
	t [64]float32
}

func (r *rareIDF) get(df uint32) float32 {
	if int(df) >= len(r.t) {
		return idf(r.n, float64(df))
	}
	if r.t[df] == 0 {
		r.t[df] = idf(r.n, float64(df))
	}
	return r.t[df]
}

// idfMemo memoises idf by document frequency for one document count
// across weighings: the searches ahead of a chunk all weigh with the
// frozen view's count (one per scorer; a scorer is used by one goroutine
// at a time).
type idfMemo struct {
	n   float64
	key [512]uint32 // df+1 of the value in val; 0 for none
	val [512]float32
}

// reset empties c unless it holds values for n documents.
func (c *idfMemo) reset(n float64) {
	if c.n != n {
		c.n = n
		c.key = [512]uint32{}
	}
}

func (c *idfMemo) get(df uint32) float32 {
	i := df & 511
	if c.key[i] == df+1 {
		return c.val[i]
	}
	v := idf(c.n, float64(df))
	c.key[i], c.val[i] = df+1, v
	return v
}

// sparse is a weighted feature vector sorted by feature id.
type sparse struct {
	ids []uint32
	w   []float32
}

// dot is the dot product of two sparse vectors.
func (a sparse) dot(b sparse) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			s += float64(a.w[i]) * float64(b.w[j])
			i++
			j++
		}
	}
	return s
}
