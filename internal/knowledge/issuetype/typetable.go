package issuetype

import (
	"cmp"
	"slices"
)

// TypeTable is the documents' types as they were when it was made
// (Model.TypeTable): one read of the model for a walk over many documents —
// a start's recount, the list of what to analyse again, the term
// associations — where a TypeOf each would look every id up in the
// model's map under its lock (at 1M documents a third of a microsecond a
// lookup, about a second of a start's processor time for three walks).
type TypeTable struct {
	// first and types hold the ids first … first+len(types)-1 densely,
	// absent where no document has that id, when the ids are dense
	// enough (the usual case: one tenant's conversations); otherwise
	// sorted holds the documents in id order.
	first  int64
	types  []int64
	sorted []idType
}

type idType struct{ id, typ int64 }

// absent marks an id of a dense TypeTable the model did not hold; type
// ids are never negative.
const absent = -1

// TypeTable returns the types of every document the model holds now.
func (m *Model) TypeTable() *TypeTable {
	m.mu.RLock()
	held := make([]idType, 0, m.live)
	for i := range m.docs {
		if d := &m.docs[i]; !d.dead {
			held = append(held, idType{d.id, d.typ})
		}
	}
	m.mu.RUnlock()
	byID := func(a, b idType) int { return cmp.Compare(a.id, b.id) }
	if !slices.IsSortedFunc(held, byID) {
		slices.SortFunc(held, byID)
	}
	t := &TypeTable{}
	if len(held) == 0 {
		return t
	}
	first, last := held[0].id, held[len(held)-1].id
	if span := last - first + 1; span > 2*int64(len(held))+1024 {
		t.sorted = held
		return t
	}
	t.first, t.types = first, make([]int64, last-first+1)
	for i := range t.types {
		t.types[i] = absent
	}
	for _, h := range held {
		t.types[h.id-first] = h.typ
	}
	return t
}

// Of returns the type of document id, and false if the model did not hold
// it when the table was made.
func (t *TypeTable) Of(id int64) (int64, bool) {
	if t.types != nil {
		if i := id - t.first; i >= 0 && i < int64(len(t.types)) && t.types[i] != absent {
			return t.types[i], true
		}
		return 0, false
	}
	i, ok := slices.BinarySearchFunc(t.sorted, id, func(h idType, id int64) int { return cmp.Compare(h.id, id) })
	if !ok {
		return 0, false
	}
	return t.sorted[i].typ, true
}
