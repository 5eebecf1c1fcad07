// Package assoc learns, per tenant, which terms are associated in the
// tenant's own conversations, and expands similarity queries with them, so
// that "my wifi drops" can find "the internet keeps disconnecting" once the
// tenant's conversations about that issue use both words. No word list and
// no model from elsewhere: the associations are learned from the index
// terms of the conversations and the issue types the engine learned for
// them, and rebuilt whenever those types are consolidated.
//
// The package knows nothing of storage: a Model is derived state, learned
// from what the caller already holds in memory.
package assoc

import (
	"cmp"
	"math"
	"slices"

	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/textproc"
)

// Config bounds the model and weighs the expansion. Zero fields take their
// defaults, chosen on the develop half of the zero-overlap paraphrase pairs
// (docs/evaluation.md, "Zero-overlap paraphrases").
type Config struct {
	// TypeTerms is how many terms characterise each issue type: its terms
	// by local mutual information (documents × PPMI). Default 64.
	TypeTerms int
	// MinCount is the documents of a type a term must appear in to
	// characterise it. Default 5.
	MinCount int
	// Neighbours is how many associated terms are kept per term. Default 8.
	Neighbours int
	// Expand is how many associated terms a query gains. Default 10.
	Expand int
	// Weight scales an associated term's weight in the query: a term
	// associated as strongly as possible with every content term of the
	// query weighs Weight times a query term. Default 0.5.
	Weight float64
	// MinStrength is the association (a cosine) a term needs to be kept as
	// a neighbour. Default 0.3.
	MinStrength float64
}

// companyTerms is how many of a term's strongest companions (the terms it
// shares documents with) describe it where its types do not (see
// companions).
const companyTerms = 32

func (c Config) withDefaults() Config {
	if c.TypeTerms <= 0 {
		c.TypeTerms = 64
	}
	if c.MinCount <= 0 {
		c.MinCount = 5
	}
	if c.Neighbours <= 0 {
		c.Neighbours = 8
	}
	if c.Expand <= 0 {
		c.Expand = 10
	}
	if c.Weight <= 0 {
		c.Weight = 0.5
	}
	if c.MinStrength <= 0 {
		c.MinStrength = 0.3
	}
	return c
}

// Neighbour is a term associated with another, with the strength of the
// association in (0, 1].
type Neighbour struct {
	Term     string
	Strength float32
}

// Model is a tenant's learned associations: for each term, its strongest
// neighbours. It is immutable once learned, so searches read it without
// locks while a new one is learned.
type Model struct {
	cfg  Config
	near map[string][]Neighbour
	// Documents and Types are what it was learned from: the documents
	// with a type, and their types. Typed is how many documents typeOf
	// knew, of any type, the measure of growth LearnAssociations uses.
	Documents, Types, Typed int
}

// Neighbours returns term's associated terms, strongest first.
func (m *Model) Neighbours(term string) []Neighbour {
	if m == nil {
		return nil
	}
	return m.near[term]
}

// Terms is the number of terms with neighbours.
func (m *Model) Terms() int {
	if m == nil {
		return 0
	}
	return len(m.near)
}

// Learn learns associations from documents (each call of the iterator's
// yield gives a document's id and distinct index terms; the terms slice is
// not retained) and the issue type of each (typeOf; documents without a
// type, or of type 0, are skipped).
//
// Terms are associated through the issue types they characterise: each
// term's vector of positive pointwise mutual information with the types
// (documents of type c containing it, against chance), kept only where the
// term is among the TypeTerms most characteristic of the type; two terms'
// association is the cosine of their vectors. Terms that never occur in
// the same conversation are linked when they characterise the same types,
// which is what a paraphrase needs: "drops" and "disconnecting" rarely
// share a message, but share the issue type. When a consolidation gives
// each wording a type of its own, the types no longer link them: a term
// whose types give it fewer than Neighbours neighbours is completed by the
// terms used in the same company of words (see companions), as "drops"
// and "disconnecting" are ("my wifi … every evening and restarting the
// router does not help"). The work is linear in the documents' terms
// (times the square of a document's characteristic terms, at most 24, for
// the company) plus, per type, the square of TypeTerms; the model holds at
// most Neighbours neighbours for at most TypeTerms × types terms.
func Learn(docs func(yield func(id int64, terms []string)), typeOf func(id int64) (int64, bool), cfg Config) *Model {
	cfg = cfg.withDefaults()
	termID := map[string]int32{}
	var terms []string
	typeIdx := map[int64]int32{}
	var typeDocs []int
	var termDocs []int
	n, typed := 0, 0
	var docTerms []int32 // the typed documents' content terms, one after another
	docEnds := []int{}   // where each document's end in docTerms
	var docType []int32  // each typed document's type
	docs(func(id int64, ts []string) {
		t, ok := typeOf(id)
		if ok {
			typed++
		}
		if !ok || t == 0 {
			return
		}
		ti, ok := typeIdx[t]
		if !ok {
			ti = int32(len(typeDocs))
			typeIdx[t] = ti
			typeDocs = append(typeDocs, 0)
		}
		typeDocs[ti]++
		n++
		for _, s := range ts {
			if !textproc.Decides(s) {
				continue
			}
			w, ok := termID[s]
			if !ok {
				w = int32(len(terms))
				termID[s] = w
				terms = append(terms, s)
				termDocs = append(termDocs, 0)
			}
			termDocs[w]++
			docTerms = append(docTerms, w)
		}
		docEnds = append(docEnds, len(docTerms))
		docType = append(docType, ti)
	})
	m := &Model{cfg: cfg, near: map[string][]Neighbour{}, Documents: n, Types: len(typeDocs), Typed: typed}
	if n == 0 {
		return m
	}
	// Each type's characteristic terms, by local mutual information: the
	// documents of a type and a term are counted type by type, the
	// documents grouped by their type, in an array of the terms.
	byType := make([][]entry, len(typeDocs))
	first := make([]int, len(typeDocs)+1) // where each type's documents begin in byDoc
	for ti, c := range typeDocs {
		first[ti+1] = first[ti] + c
	}
	byDoc, at := make([]int32, n), slices.Clone(first[:len(typeDocs)])
	for d, ti := range docType {
		byDoc[at[ti]] = int32(d)
		at[ti]++
	}
	count := make([]int32, len(terms))
	var touched []int32
	for ti := range typeDocs {
		touched = touched[:0]
		for _, d := range byDoc[first[ti]:first[ti+1]] {
			lo := 0
			if d > 0 {
				lo = docEnds[d-1]
			}
			for _, w := range docTerms[lo:docEnds[d]] {
				if count[w] == 0 {
					touched = append(touched, w)
				}
				count[w]++
			}
		}
		for _, w := range touched {
			c := count[w]
			count[w] = 0
			if int(c) < cfg.MinCount {
				continue
			}
			pmi := math.Log(float64(c) * float64(n) / (float64(termDocs[w]) * float64(typeDocs[ti])))
			if pmi <= 0 {
				continue
			}
			byType[ti] = append(byType[ti], entry{w, pmi, float64(c) * pmi})
		}
	}
	norm := make([]float64, len(terms))
	held := make([]bool, len(terms))
	var heldTerms []int32
	// of lists, for each term, the types it characterises in their order,
	// with its PPMI there.
	of := make([][]entry, len(terms))
	for ti, es := range byType {
		slices.SortFunc(es, func(a, b entry) int {
			if c := cmp.Compare(b.lmi, a.lmi); c != 0 {
				return c
			}
			return cmp.Compare(terms[a.term], terms[b.term])
		})
		es = es[:min(len(es), cfg.TypeTerms)]
		byType[ti] = es
		for _, e := range es {
			if !held[e.term] {
				held[e.term] = true
				heldTerms = append(heldTerms, e.term)
			}
			norm[e.term] += e.ppmi * e.ppmi
			of[e.term] = append(of[e.term], entry{int32(ti), e.ppmi, 0})
		}
	}
	// Equally associated terms (all of one type's, in a tenant of few
	// types) are ranked by how many conversations they reach.
	byStrength := func(x, y Neighbour) int {
		if c := cmp.Compare(y.Strength, x.Strength); c != 0 {
			return c
		}
		if c := cmp.Compare(termDocs[termID[y.Term]], termDocs[termID[x.Term]]); c != 0 {
			return c
		}
		return cmp.Compare(x.Term, y.Term)
	}
	// Each held term's dot products with the terms sharing a type with
	// it, summed over its types in their order (as a map of the pairs
	// summed them), and the neighbours they give it. A term that shares
	// its types with too few others to fill its neighbours (one wording of
	// an issue the partition gave a type of its own) is short: it is
	// completed below by the company it keeps.
	short := make([]bool, len(terms))
	shorts := 0
	near := make([][]Neighbour, len(terms))
	linked := map[int32][]int32{} // a short term's terms sharing a type with it
	dot := make([]float64, len(terms))
	seen := make([]bool, len(terms))
	var row []int32
	for _, a := range heldTerms {
		row = row[:0]
		for _, t := range of[a] {
			pa := t.ppmi
			for _, b := range byType[t.term] {
				if b.term != a {
					if !seen[b.term] {
						seen[b.term] = true
						row = append(row, b.term)
					}
					dot[b.term] += pa * b.ppmi
				}
			}
		}
		ns := make([]Neighbour, 0, len(row))
		for _, b := range row {
			if s := dot[b] / math.Sqrt(norm[a]*norm[b]); s >= cfg.MinStrength {
				ns = append(ns, Neighbour{terms[b], float32(min(s, 1))})
			}
			dot[b], seen[b] = 0, false
		}
		slices.SortFunc(ns, byStrength)
		near[a] = ns[:min(len(ns), cfg.Neighbours)]
		if len(row) < cfg.Neighbours {
			short[a] = true
			shorts++
			linked[a] = slices.Clone(row)
		}
	}
	var company map[int32]map[int32]float64
	if shorts >= 2 {
		company = companions(docTerms, docEnds, held, short, termDocs)
	}
	for _, a := range heldTerms {
		ns := near[a]
		if k := len(ns); k < cfg.Neighbours {
			var more []Neighbour
			for b, s := range company[a] {
				if !slices.Contains(linked[a], b) && s >= cfg.MinStrength {
					more = append(more, Neighbour{terms[b], float32(min(s, 1))})
				}
			}
			slices.SortFunc(more, byStrength)
			ns = append(ns, more[:min(len(more), cfg.Neighbours-k)]...)
			slices.SortFunc(ns, byStrength) // strongest first, whatever linked them
		}
		if len(ns) > 0 {
			m.near[terms[a]] = slices.Clip(ns)
		}
	}
	return m
}

// Expand returns up to Config.Expand terms associated with the content
// terms of a query (index terms, as search.Terms gives them), weighted for
// search.Index.SearchExpanded: a term's weight is Weight times the mean,
// over the query's distinct content terms, of its association with each
// (0 for a term it is not a neighbour of), so a term tied to the whole
// query outweighs one tied to a single word of it. Terms of the query are
// never added. A nil Model expands nothing.
func (m *Model) Expand(terms []string) []search.Weighted {
	if m == nil || len(m.near) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(terms))
	var content []string
	for _, t := range terms {
		if textproc.Decides(t) && !seen[t] {
			seen[t] = true
			content = append(content, t)
		}
	}
	if len(content) == 0 {
		return nil
	}
	score := map[string]float64{}
	for _, t := range content {
		for _, nb := range m.near[t] {
			if !seen[nb.Term] {
				score[nb.Term] += float64(nb.Strength)
			}
		}
	}
	out := make([]search.Weighted, 0, len(score))
	for t, s := range score {
		out = append(out, search.Weighted{Term: t, Weight: m.cfg.Weight * s / float64(len(content))})
	}
	slices.SortFunc(out, func(a, b search.Weighted) int {
		if c := cmp.Compare(b.Weight, a.Weight); c != 0 {
			return c
		}
		return cmp.Compare(a.Term, b.Term)
	})
	return out[:min(len(out), m.cfg.Expand)]
}

// companions returns, for the short terms, the cosine of one's vector of
// PPMI with the terms it shares documents with to another's: two terms
// used in the same company of words, as two wordings of one issue are
// ("my wifi drops every evening", "the wifi keeps disconnecting every
// evening"), are alike though never in one document. Only the terms that
// characterise a type (held) count as company, at most
// perDocument of a document and companyTerms of a term's strongest (by
// local mutual information, each seen with it in two documents at least);
// df is every term's documents. Only short terms gain companions, from
// among themselves: the work is the pairs of the documents holding a short
// term, usually few (16 of banking77's 459 characteristic terms); a
// companion of more than commonCompany short terms is skipped (it says
// little, and costs the square of its terms).
func companions(docTerms []int32, docEnds []int, held, short []bool, df []int) map[int32]map[int32]float64 {
	const (
		perDocument   = 24
		commonCompany = 256
	)
	co := map[uint64]int32{}
	var in []int32
	start := 0
	for _, end := range docEnds {
		in = in[:0]
		some := false
		for _, t := range docTerms[start:end] {
			if held[t] && len(in) < perDocument {
				in = append(in, t)
				some = some || short[t]
			}
		}
		start = end
		if !some {
			continue
		}
		for _, a := range in {
			if short[a] {
				for _, b := range in {
					if b != a {
						co[uint64(a)<<32|uint64(b)]++
					}
				}
			}
		}
	}
	rows := map[int32][]entry{}
	n := float64(len(docEnds))
	for k, c := range co {
		a, b := int32(k>>32), int32(uint32(k))
		if pmi := math.Log(float64(c) * n / (float64(df[a]) * float64(df[b]))); c >= 2 && pmi > 0 {
			rows[a] = append(rows[a], entry{b, pmi, float64(c) * pmi})
		}
	}
	norm := map[int32]float64{}
	of := map[int32][]entry{} // a companion → the short terms it keeps company with
	for a, r := range rows {
		slices.SortFunc(r, func(x, y entry) int {
			if c := cmp.Compare(y.lmi, x.lmi); c != 0 {
				return c
			}
			return cmp.Compare(x.term, y.term)
		})
		for _, c := range r[:min(len(r), companyTerms)] {
			norm[a] += c.ppmi * c.ppmi
			of[c.term] = append(of[c.term], entry{a, c.ppmi, 0})
		}
	}
	sims := map[int32]map[int32]float64{}
	for _, ts := range of {
		if len(ts) <= commonCompany {
			addDots(sims, ts)
		}
	}
	for a, row := range sims {
		for b, d := range row {
			row[b] = d / math.Sqrt(norm[a]*norm[b])
		}
	}
	return sims
}

// entry is a term's PPMI in one context (a type it characterises, or a
// term it keeps company with), and its local mutual information there.
type entry struct {
	term int32
	ppmi float64
	lmi  float64
}

// addDots adds to dots, for every two distinct terms of one context, the
// product of their PPMIs there: summed over the contexts, the dot
// products of the terms' vectors.
func addDots(dots map[int32]map[int32]float64, es []entry) {
	for _, a := range es {
		row := dots[a.term]
		if row == nil {
			row = map[int32]float64{}
			dots[a.term] = row
		}
		for _, b := range es {
			if b.term != a.term {
				row[b.term] += a.ppmi * b.ppmi
			}
		}
	}
}
