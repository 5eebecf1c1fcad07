package search

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// rangeFormat is the first byte of an encoded range. Bump it whenever what
// Terms makes of a text changes: a range saved by older code then no longer
// loads, and its documents are indexed again from their text.
const rangeFormat = 1

// ErrRangeFormat is returned, wrapped, by LoadRange for a range encoded in
// another format (or not by AppendRange).
var ErrRangeFormat = errors.New("search: unknown saved range format")

// AppendRange appends to dst the documents with ids in [lo, hi) as bytes
// that LoadRange reads back: each document's id, tag, length and distinct
// terms with their counts, the range's terms written once. It lets a caller
// save the index in pieces and load it again without the documents' text;
// where the bytes go is the caller's business. A range without documents
// encodes as nothing (dst unchanged).
func (ix *Index) AppendRange(dst []byte, lo, hi int64) []byte {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var docs []uint32
	if hi-lo < int64(len(ix.docOf)) {
		for id := lo; id < hi; id++ {
			if d, ok := ix.docOf[id]; ok {
				docs = append(docs, d)
			}
		}
	} else {
		for id, d := range ix.docOf {
			if id >= lo && id < hi {
				docs = append(docs, d)
			}
		}
		slices.SortFunc(docs, func(a, b uint32) int { return cmp.Compare(ix.ids[a], ix.ids[b]) })
	}
	if len(docs) == 0 {
		return dst
	}
	local := map[uint32]uint64{} // term id → number in this range
	var order []uint32
	for _, d := range docs {
		for _, t := range ix.fwd[ix.fwdStart[d]:ix.fwdStart[d+1]] {
			if _, ok := local[t]; !ok {
				local[t] = uint64(len(order))
				order = append(order, t)
			}
		}
	}
	dst = append(dst, rangeFormat)
	dst = binary.AppendUvarint(dst, uint64(len(order)))
	for _, t := range order {
		dst = binary.AppendUvarint(dst, uint64(len(ix.terms[t])))
		dst = append(dst, ix.terms[t]...)
	}
	dst = binary.AppendUvarint(dst, uint64(len(docs)))
	prev := lo
	for _, d := range docs {
		id := ix.ids[d]
		dst = binary.AppendUvarint(dst, uint64(id-prev))
		prev = id
		terms := ix.fwd[ix.fwdStart[d]:ix.fwdStart[d+1]]
		dst = binary.AppendUvarint(dst, uint64(ix.tags[d]))
		dst = binary.AppendUvarint(dst, uint64(ix.lens[d]))
		dst = binary.AppendUvarint(dst, uint64(len(terms)))
		for _, t := range terms {
			list := ix.posts[t]
			i, _ := slices.BinarySearchFunc(list, d, func(p posting, d uint32) int { return cmp.Compare(p.doc, d) })
			dst = binary.AppendUvarint(dst, local[t])
			dst = binary.AppendUvarint(dst, uint64(list[i].tf))
		}
	}
	return dst
}

// LoadRange indexes the documents of a range encoded by AppendRange (lo
// is the range's start, as given to AppendRange) for which keep(id, tag)
// is true, replacing any earlier text of theirs, and returns how many it
// skipped. Nothing is indexed if data is malformed or of another format.
func (ix *Index) LoadRange(data []byte, lo int64, keep func(id int64, tag uint32) bool) (skipped int, err error) {
	if len(data) == 0 {
		return 0, nil
	}
	if data[0] != rangeFormat {
		return 0, fmt.Errorf("%w %d", ErrRangeFormat, data[0])
	}
	r := reader{b: data[1:]}
	terms := make([]string, r.count())
	for i := range terms {
		n := r.uvarint()
		terms[i] = string(r.bytes(n))
	}
	type doc struct {
		id       int64
		tag      uint32
		length   int
		from, to int // the document's terms in bags
	}
	docs := make([]doc, r.count())
	local := make([]uint32, len(terms)) // filled under the lock below
	seen := make([]int, len(terms))     // doc number + 1 that last had the term
	// Every document's terms in one slice: one allocation, not one each.
	bags := make([]termCount, 0, len(r.b)/3)
	prev := lo
	for i := range docs {
		prev += int64(r.uvarint())
		d := doc{id: prev, tag: uint32(r.uvarint()), length: int(r.uvarint()), from: len(bags)}
		for range r.count() {
			t, n := r.uvarint(), r.uvarint()
			if t >= uint64(len(terms)) || seen[t] == i+1 || n == 0 {
				r.err = errors.New("term out of range, repeated or counted 0 times")
				break
			}
			seen[t] = i + 1
			bags = append(bags, termCount{t: uint32(t), n: uint16(min(n, 1<<16-1))})
		}
		d.to = len(bags)
		docs[i] = d
	}
	if r.err == nil && len(r.b) > 0 {
		r.err = errors.New("trailing bytes")
	}
	if r.err != nil {
		return 0, fmt.Errorf("search: load saved range at %d: %w", lo, r.err)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for i, term := range terms {
		local[i] = ix.termID(term)
	}
	for _, d := range docs {
		if !keep(d.id, d.tag) {
			skipped++
			continue
		}
		bag := bags[d.from:d.to]
		for j := range bag {
			bag[j].t = local[bag[j].t]
		}
		if old, ok := ix.docOf[d.id]; ok {
			ix.kill(old)
		}
		ix.add(d.id, d.tag, bag, d.length)
	}
	ix.maybeCompact()
	return skipped, nil
}

// reader decodes uvarints and byte strings, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of items to come, each at least a byte long.
func (r *reader) count() uint64 {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err = errors.New("count past the end")
		return 0
	}
	return n
}

func (r *reader) bytes(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = errors.New("truncated")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}
