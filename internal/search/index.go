package search

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/fathom-oss/fathom/internal/textproc"
)

// posting records that a document contains a term tf times. It carries the
// document's length too (in what would otherwise be padding) so scoring
// reads only the posting list and the score array, not a third array at
// random. tf is 0 once the document is deleted, for the same reason.
type posting struct {
	doc uint32
	tf  uint16 // 0: document deleted
	dl  uint16 // document length, or longDoc: look it up in Index.lens
}

// longDoc in posting.dl means the length did not fit.
const longDoc = math.MaxUint16

// dead marks a deleted document in Index.lens and unused slots in remaps.
const dead = math.MaxUint32

// Index is a concurrency-safe in-memory BM25 index of documents identified by
// int64 ids. Searches share a read lock and never block each other; Upsert
// and Delete take the write lock briefly.
//
// Documents get dense internal numbers in insertion order. Deleting or
// replacing a document only tombstones its number; once tombstones hold more
// than a quarter of the postings (or document slots) the index is compacted
// under the write lock, which costs time proportional to its size and so is
// amortised over the deletes that triggered it.
type Index struct {
	mu sync.RWMutex

	docOf    map[int64]uint32 // live id → doc number
	ids      []int64          // doc number → id
	lens     []uint32         // doc number → length in terms, or dead
	tags     []uint32         // doc number → the caller's tag (see UpsertTagged)
	fwd      []uint32         // term ids of each doc, concatenated in doc order
	fwdStart []uint32         // doc d's term ids are fwd[fwdStart[d]:fwdStart[d+1]]

	dict  map[string]uint32 // term → term id
	terms []string          // term id → term (the dictionary's keys)
	posts [][]posting       // term id → postings, in doc order
	df    []uint32          // term id → live documents containing it

	live     int    // live documents
	totalLen uint64 // sum of live documents' lengths
	postings int    // postings in posts, live and dead
	deadPost int    // postings belonging to deleted documents
	expect   int    // documents a load under way will hold (Expect), until Trim

	scratch sync.Pool // of *scratch, reused by Search
}

// NewIndex returns an empty Index.
func NewIndex() *Index {
	return &Index{
		docOf:    map[int64]uint32{},
		dict:     map[string]uint32{},
		fwdStart: []uint32{0},
	}
}

// Upsert indexes text under id, replacing any earlier text for id. Text with
// no terms still counts as a (never matching) document.
func (ix *Index) Upsert(id int64, text string) {
	ix.UpsertTerms(id, Terms(text))
}

// Terms returns the index terms of text as Upsert and Search analyse it:
// its content terms and its function words (textproc.AppendIndexTerms),
// once its reporting phrases are stripped (textproc.StripReporting), so
// that "customer says" neither makes nor breaks a match.
func Terms(text string) []string {
	text = textproc.StripReporting(text)
	// A term per four bytes of text is a generous guess for English with
	// its stopwords, so one allocation usually suffices.
	return textproc.AppendIndexTerms(make([]string, 0, len(text)/4+1), text)
}

// UpsertTerms is Upsert with terms already produced by Terms (for bulk
// loads that tokenise in parallel). terms is not retained or modified.
func (ix *Index) UpsertTerms(id int64, terms []string) {
	ix.UpsertTagged(id, 0, terms)
}

// UpsertTagged is UpsertTerms that also records tag with the document, a
// number the index keeps for the caller and saves with the document
// (AppendRange): a version of the text, so that a saved document can be
// checked against its source before it is loaded again (LoadRange).
func (ix *Index) UpsertTagged(id int64, tag uint32, terms []string) {
	bag := newBag(terms) // outside the lock: sorting is the slow part
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if d, ok := ix.docOf[id]; ok {
		ix.kill(d)
	}
	ix.add(id, tag, ix.resolve(bag), len(terms))
	ix.maybeCompact()
}

// Delete removes id; unknown ids are a no-op.
func (ix *Index) Delete(id int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if d, ok := ix.docOf[id]; ok {
		ix.kill(d)
		ix.maybeCompact()
	}
}

// Tag returns the tag id's document was indexed with (see UpsertTagged),
// and whether id is indexed at all: a caller holding a newer text can tell
// whether the index already holds it.
func (ix *Index) Tag(id int64) (uint32, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	d, ok := ix.docOf[id]
	if !ok {
		return 0, false
	}
	return ix.tags[d], true
}

// Len is the number of live documents.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// termCount is one distinct term of a document by term id, and its count.
type termCount struct {
	t uint32
	n uint16
}

// resolve turns a bag's terms into term ids, adding the new ones to the
// dictionary. ix.mu must be held for writing.
func (ix *Index) resolve(bag []termFreq) []termCount {
	out := make([]termCount, len(bag))
	for i, tf := range bag {
		out[i] = termCount{ix.termID(tf.term), tf.n}
	}
	return out
}

// termID returns term's id, adding it to the dictionary if new. ix.mu must
// be held for writing.
func (ix *Index) termID(term string) uint32 {
	t, ok := ix.dict[term]
	if !ok {
		t = uint32(len(ix.posts))
		// Clone so the dictionary never pins a caller's larger string.
		term = strings.Clone(term)
		ix.dict[term] = t
		ix.terms = append(ix.terms, term)
		ix.posts = append(ix.posts, nil)
		ix.df = append(ix.df, 0)
	}
	return t
}

// add appends a document. ix.mu must be held for writing.
func (ix *Index) add(id int64, tag uint32, bag []termCount, length int) {
	if uint64(len(ix.ids)) >= dead-1 {
		panic("search: more than 2^32-2 document slots") // unreachable in memory
	}
	d := uint32(len(ix.ids))
	l := uint32(min(uint64(length), dead-1))
	ix.docOf[id] = d
	ix.ids = append(ix.ids, id)
	ix.lens = append(ix.lens, l)
	ix.tags = append(ix.tags, tag)
	for _, tf := range bag {
		ix.appendPosting(tf.t, posting{doc: d, tf: tf.n, dl: uint16(min(l, longDoc))})
		ix.df[tf.t]++
	}
	ix.appendFwd(bag)
	ix.fwdStart = append(ix.fwdStart, uint32(len(ix.fwd)))
	ix.live++
	ix.totalLen += uint64(l)
	ix.postings += len(bag)
}

// kill tombstones doc d in lens and its postings, keeping document
// frequencies exact so scores never depend on how many deletions await
// compaction. ix.mu must be held for
// writing.
func (ix *Index) kill(d uint32) {
	terms := ix.fwd[ix.fwdStart[d]:ix.fwdStart[d+1]]
	for _, t := range terms {
		ix.df[t]--
		list := ix.posts[t] // in doc order, so the posting is found by bisection
		i, _ := slices.BinarySearchFunc(list, d, func(p posting, d uint32) int { return cmp.Compare(p.doc, d) })
		list[i].tf = 0
	}
	delete(ix.docOf, ix.ids[d])
	ix.live--
	ix.totalLen -= uint64(ix.lens[d])
	ix.lens[d] = dead
	ix.deadPost += len(terms)
}

// termFreq is one distinct term of a bag of words and its count.
type termFreq struct {
	term string
	n    uint16 // saturates: no realistic text repeats a word 65535 times
}

// newBag counts the distinct terms of terms, in sorted order.
func newBag(terms []string) []termFreq {
	if len(terms) == 0 {
		return nil
	}
	sorted := slices.Clone(terms)
	slices.Sort(sorted)
	bag := make([]termFreq, 0, len(sorted))
	for i, t := range sorted {
		if i > 0 && t == sorted[i-1] {
			if n := &bag[len(bag)-1].n; *n < math.MaxUint16 {
				*n++
			}
			continue
		}
		bag = append(bag, termFreq{term: t, n: 1})
	}
	return bag
}
