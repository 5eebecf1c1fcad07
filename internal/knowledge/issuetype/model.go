package issuetype

import (
	"math"
	"slices"
	"sync"
)

// Model is the set of issue types of one tenant and the documents assigned
// to them. It is safe for concurrent use: Predict, TypeOf, Types and Similar
// share a read lock; Assign, Remove and Consolidate take the write lock.
//
// Documents are the nodes of a k-nearest-neighbour graph (cosine over their
// vectors, found through an inverted index); a new document takes the type
// its neighbours vote for, and Consolidate re-partitions the graph by
// Louvain modularity. On banking77 this beats centroid clustering (k-means
// style leader clustering with merges reached NMI 0.67, ARI 0.30) because
// intents are not spherical in TF-IDF space but their neighbourhoods are
// fairly pure.
type Model struct {
	mu  sync.RWMutex
	cfg Config

	dict  map[uint64]uint32 // feature key → feature id
	feats []featInfo        // feature id → statistics
	surf  map[string]map[string]uint32

	docs   []doc           // document slots in insertion order; see doc.dead
	slotOf map[int64]int32 // live document id → slot
	posts  []postings      // feature id → documents containing it, by slot
	gone   gone            // slots removed since the last compaction
	live   int
	sizes  map[int64]int // type id → live members
	// denses are the documents' embeddings by slot (see dense.go): nil
	// until a document has one, so a model without embeddings spends
	// nothing on them; shorter than docs when the last slots have none.
	denses []denseVec
	dense  int // live documents with an embedding
	dim    int // their embeddings' dimension, 0 when none
	// signs are the embeddings' sign bits by slot, signWords words a slot
	// (rows of slots without one are stale): gatherDense's preselection.
	signs     []uint64
	signWords int

	nextID  int64
	pending int // assignments since the last consolidation

	scratch sync.Pool // of *scorer

	// frozen is the index as searches made ahead of their placement read
	// it, nil unless frozen (see ahead.go); held are the slots placed
	// since, which its posting lists lack, and fresh the features first
	// seen since, which its dictionary lacks. viewMu is held for reading
	// by such a search, for writing by what ends the view.
	frozen *Frozen
	held   []int32
	fresh  map[uint64]uint32
	viewMu sync.RWMutex

	// consMu serialises consolidations, whose slow middle part runs
	// without mu; epoch counts compactions (and reloads), which renumber
	// slots, so a consolidation can tell whether its snapshot still lines
	// up with the documents.
	consMu sync.Mutex
	epoch  int

	changes uint64    // bumped by every change to what a save stores
	save    saveState // what the stored copy holds (see SaveChunks)

	version      int // bumped by Consolidate, which renames types
	namesMu      sync.Mutex
	names        map[int64]string // TypeName's cache
	namesVersion int
}

// featInfo is what the model knows about one feature.
type featInfo struct {
	key  uint64 // featureKey, to persist the dictionary
	df   uint32
	kind uint8
	stem string // word features only
}

// doc is one assigned document. Slots of removed documents stay (dead)
// until Consolidate compacts them, so neighbour lists never point at a
// reused slot.
type doc struct {
	id   int64
	hash uint64 // of the text, so re-assigning the same text is a no-op
	typ  int64
	dead bool
	vec  docVec // weights under the document frequencies of the last update
	// counts are the occurrences of the features of vec that the text
	// repeats: the weights are recomputed from them when frequencies
	// change.
	counts repeats
	nn     []neighbour // most similar documents, best first
}

// neighbour is an edge of the similarity graph.
type neighbour struct {
	slot int32
	sim  float32
}

// Assignment is the outcome of Assign.
type Assignment struct {
	TypeID int64 // the type the document now belongs to
	// Confidence is the share of the document's neighbours' similarity
	// that voted for TypeID, in [0, 1]; 1 for a document founding a type.
	Confidence float64
	New        bool // whether the document founded the type
}

// NewModel returns an empty Model; see Config for the defaults.
func NewModel(cfg Config) *Model {
	return &Model{
		cfg:    cfg.withDefaults(),
		dict:   map[uint64]uint32{},
		surf:   map[string]map[string]uint32{},
		slotOf: map[int64]int32{},
		sizes:  map[int64]int{},
		nextID: 1,
	}
}

// Assign adds the document docID with text, or re-assigns it if its text
// changed, and returns its type. Assigning the same text again returns the
// current type without changing anything. When an automatic consolidation
// is due, Assign runs it before returning (see Consolidate) and reports the
// document's type after it.
func (m *Model) Assign(docID int64, text string) Assignment {
	return m.AssignDense(docID, text, nil)
}

// AssignDense is Assign for a document whose features have a dense part,
// its embedding v (L2-normalised; nil for none, as Assign): it is placed,
// and linked in the graph, by the similarity of both parts (see dense.go).
// The same text again gives the document v if it had no embedding (see
// SetDense), and changes nothing else.
func (m *Model) AssignDense(docID int64, text string, v []float32) Assignment {
	return m.AssignFeatures(docID, Featurise(text), v)
}

// Features are a text's features as the model reads them (words, stems,
// character n-grams, sorted) and its hash: what depends on the text
// alone, and so can be computed ahead, on any goroutine, for a document
// that is placed later.
type Features struct {
	hash uint64
	ex   extracted
	// ahead are the candidates of stage one of the neighbour search,
	// searched in the frozen index view (see Frozen.Search), and ids the
	// features' ids in its dictionary (noID for those it lacks).
	ahead []int32
	ids   []uint32
	view  *Frozen
}

// Featurise reads text into Features. It reads no model's state.
func Featurise(text string) Features {
	return Features{hash: fnv64(255, text), ex: extract(text)}
}

// AssignFeatures is AssignDense for a text already featurised: the same
// text's Features place the document exactly as the text does. f is used
// once (the model keeps parts of it).
func (m *Model) AssignFeatures(docID int64, f Features, v []float32) Assignment {
	m.mu.Lock()
	a, due := m.assignLocked(docID, &f, v)
	m.mu.Unlock()
	if due && m.consMu.TryLock() { // else one is running: it will do
		m.consolidate(inPlace)
		m.consMu.Unlock()
		m.mu.RLock()
		if s, ok := m.slotOf[docID]; ok && m.docs[s].typ != a.TypeID {
			d := &m.docs[s]
			_, conf := m.vote(d.nn, d.typ)
			a = Assignment{TypeID: d.typ, Confidence: conf}
		}
		m.mu.RUnlock()
	}
	return a
}

// assignLocked is Assign under the write lock; due reports that an
// automatic consolidation should follow.
func (m *Model) assignLocked(docID int64, f *Features, dense []float32) (a Assignment, due bool) {
	h, ex := f.hash, f.ex
	if s, ok := m.slotOf[docID]; ok {
		d := &m.docs[s]
		if d.hash == h {
			if m.denseAt(s) == nil {
				m.setDenseLocked(s, m.denseFor(dense))
			}
			typ, conf := m.vote(d.nn, d.typ)
			if typ != d.typ {
				conf = 0
			}
			return Assignment{TypeID: d.typ, Confidence: conf}, false
		}
		m.removeLocked(s)
	}
	d := doc{id: docID, hash: h}
	dv := m.denseFor(dense)
	m.holdDense(dv)
	m.live++
	var known []uint32
	if m.frozen != nil && f.view == m.frozen {
		known = f.ids // the dictionary's ids, looked up ahead
	}
	ids, counts := m.register(ex, known)
	v := sparse{ids: ids, w: make([]float32, len(ids))}
	d.vec, d.counts = newDocVec(ids), packRepeats(counts)
	m.weighInto(v, counts, nil)
	d.vec.setWeights(v.w) // and searches with the weights as held
	s := int32(len(m.docs))
	sc := m.getScorer()
	sc.qd = dv
	if m.frozen != nil {
		d.nn = sc.neighboursAhead(m, f, v, m.cfg.Neighbours)
	} else {
		d.nn = sc.neighbours(m, v, m.cfg.Neighbours)
	}
	if len(d.nn) == 0 || float64(d.nn[0].sim) < m.cfg.JoinSimilarity {
		a = Assignment{TypeID: m.nextID, Confidence: 1, New: true}
		m.nextID++
		m.version++
	} else {
		a.TypeID, a.Confidence = m.vote(d.nn, 0)
	}
	sc.link(m, s) // tell earlier documents about their new neighbour
	m.scratch.Put(sc)
	d.typ = a.TypeID
	m.docs = append(m.docs, d)
	if dv != nil {
		m.putDense(s, dv)
	}
	if m.frozen != nil {
		m.held = append(m.held, s) // indexed when the view thaws
	} else {
		m.index(s)
	}
	m.slotOf[docID] = s
	m.sizes[d.typ]++
	m.pending++
	m.changes++
	return a, m.consolidationDue()
}

// consolidationDue reports that an automatic consolidation should run;
// not while the index is frozen, as it would end the view (the thaw runs
// it then). m.mu is held.
func (m *Model) consolidationDue() bool {
	return !m.cfg.DisableAutoConsolidate && m.frozen == nil && float64(m.pending) >= max(float64(m.cfg.AutoConsolidateMin), m.cfg.AutoConsolidateFraction*float64(m.live))
}

// Remove forgets docID; unknown ids are a no-op. Its type shrinks and
// disappears when emptied.
func (m *Model) Remove(docID int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.slotOf[docID]; ok {
		m.removeLocked(s)
	}
}

// TypeOf returns the type of docID, and false if the model does not hold it.
func (m *Model) TypeOf(docID int64) (int64, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	s, ok := m.slotOf[docID]
	if !ok {
		return 0, false
	}
	return m.docs[s].typ, true
}

// Len returns the number of documents the model holds.
func (m *Model) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.live
}

// Predict returns the type text would join and the share of its
// neighbours' similarity that voted for it, without changing the model. It
// returns 0, 0 when the model is empty or text is like no document in it.
func (m *Model) Predict(text string) (typeID int64, confidence float64) {
	return m.PredictVec(NewVec(text))
}

// PredictVec is Predict for a text already analysed.
func (m *Model) PredictVec(q *Vec) (typeID int64, confidence float64) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	v := m.vectorFor(q)
	sc := m.getScorer()
	sc.qd = m.denseFor(q.dense)
	nn := sc.neighbours(m, v, m.cfg.Neighbours)
	sc.reset()
	m.scratch.Put(sc)
	if len(nn) == 0 {
		return 0, 0
	}
	return m.vote(nn, 0)
}

// register adds the features of a new document to the dictionary and the
// document frequencies, and returns its feature ids with their counts.
// known, when not nil, are ex's features' ids in the dictionary (noID
// where it has none), as a search ahead found them.
func (m *Model) register(ex extracted, known []uint32) ([]uint32, []uint16) {
	ids := make([]uint32, len(ex.feats))
	counts := make([]uint16, len(ex.feats))
	for i, f := range ex.feats {
		var id uint32
		var ok bool
		if known != nil && known[i] != noID {
			id, ok = known[i], true
		} else {
			id, ok = m.lookup(f.key)
		}
		if !ok {
			id = uint32(len(m.feats))
			if m.frozen != nil {
				m.fresh[f.key] = id // the view's searches read dict
			} else {
				m.dict[f.key] = id
			}
			m.feats = append(m.feats, featInfo{key: f.key, kind: f.kind, stem: f.stem})
		}
		m.feats[id].df++
		ids[i], counts[i] = id, countOf(f.n)
	}
	sortPair(ids, counts)
	for _, p := range ex.surfaces {
		sm := m.surf[p[0]]
		if sm == nil {
			sm = map[string]uint32{}
			m.surf[p[0]] = sm
		}
		sm[p[1]]++
	}
	return ids, counts
}

// lookup is the id of the feature key, and whether the model knows it.
func (m *Model) lookup(key uint64) (uint32, bool) {
	id, ok := m.dict[key]
	if !ok && m.fresh != nil {
		id, ok = m.fresh[key]
	}
	return id, ok
}

// vectorOf weighs an analysed text without registering it; features the
// model has never seen are dropped, as no type can share them.
func (m *Model) vectorOf(ex extracted) sparse {
	var v sparse
	var counts []uint16
	for _, f := range ex.feats {
		if id, ok := m.lookup(f.key); ok && m.feats[id].df > 0 {
			v.ids = append(v.ids, id)
			counts = append(counts, countOf(f.n))
		}
	}
	sortPair(v.ids, counts)
	v.w = make([]float32, len(counts))
	m.weighInto(v, counts, nil)
	return v
}

// weigh recomputes d's weights from its tf and the current frequencies,
// taking IDF from tab if it is not nil. buf is scratch for the next call.
func (m *Model) weigh(d *doc, tab *idfTable, buf *weighBuf) {
	buf.v.ids = d.vec.appendIDs(buf.v.ids[:0])
	buf.v.w = append(buf.v.w[:0], make([]float32, len(buf.v.ids))...)
	var counts []uint16 // nil: every feature once, as for most documents
	if d.counts != nil {
		// The buffer is kept when a document has no repeats, so that it
		// is allocated once per weighing, not once per document.
		buf.counts = d.counts.dense(buf.counts, len(buf.v.ids))
		counts = buf.counts
	}
	m.weighInto(buf.v, counts, tab)
	d.vec.setWeights(buf.v.w)
}

// weighBuf is weigh's scratch: a document's vector and counts unpacked.
type weighBuf struct {
	v      sparse
	counts []uint16
}

// weighInto sets v.w to TF-IDF weights, with the word and n-gram blocks
// each normalised so short texts with many n-grams are not judged by
// spelling alone, and the whole vector of unit length.
func (m *Model) weighInto(v sparse, counts []uint16, tab *idfTable) {
	var ss [2]float64
	rare := rareIDF{n: float64(m.live)}
	for i, id := range v.ids {
		f := m.feats[id]
		tf := float32(1)
		if counts != nil {
			tf = tfOf(counts[i])
		}
		var w float32
		if tab != nil {
			w = tf * tab.get(f.df)
		} else {
			w = tf * rare.get(f.df)
		}
		v.w[i] = w
		ss[f.kind] += float64(w) * float64(w)
	}
	scale := kindScales(ss, m.cfg.WordWeight)
	for i, id := range v.ids {
		v.w[i] *= scale[m.feats[id].kind]
	}
}

// kindScales are the factors that give a vector's words wordWeight of its
// squared norm and its other features the rest, from each kind's sum of
// squared weights ss (a vector with one kind only keeps it whole).
func kindScales(ss [2]float64, wordWeight float64) [2]float32 {
	share := [2]float64{wordWeight, 1 - wordWeight}
	if ss[0] == 0 || ss[1] == 0 {
		share = [2]float64{1, 1}
	}
	var scale [2]float32
	for k := range ss {
		if ss[k] > 0 {
			scale[k] = float32(math.Sqrt(share[k] / ss[k]))
		}
	}
	return scale
}

// countOf is a feature's occurrence count as stored (texts repeating a
// feature more than 65,535 times count as that many).
func countOf(n float32) uint16 { return uint16(min(n, 65535)) }

// sortPair sorts ids ascending, permuting counts alongside; ids are
// distinct (a text's features). Each pair is packed into one integer,
// the id above the count, and the integers sorted by slices.Sort: the
// sort of an index slice through a comparison closure, with two copies,
// was two fifths of the cost of registering a text.
func sortPair(ids []uint32, counts []uint16) {
	packed := make([]uint64, len(ids))
	for i, id := range ids {
		packed[i] = uint64(id)<<16 | uint64(counts[i])
	}
	slices.Sort(packed)
	for i, p := range packed {
		ids[i], counts[i] = uint32(p>>16), uint16(p)
	}
}
