package search

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// An index saved in ranges and loaded again answers every query as the
// original does, keeps the tags, and loads only what keep accepts.
func TestRangesLoadAsSaved(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ix := NewIndex()
	for step := range 2000 {
		id := int64(r.IntN(500))
		if r.IntN(4) == 0 {
			ix.Delete(id)
		} else {
			ix.UpsertTagged(id, uint32(step), Terms(randomText(r)))
		}
	}
	const width = 64
	loaded := NewIndex()
	var saved [][]byte
	for lo := int64(0); lo < 500; lo += width {
		data := ix.AppendRange(nil, lo, lo+width)
		saved = append(saved, data)
		if _, err := loaded.LoadRange(data, lo, func(int64, uint32) bool { return true }); err != nil {
			t.Fatal(err)
		}
	}
	checkInvariants(t, loaded)
	if loaded.Len() != ix.Len() {
		t.Fatalf("loaded %d documents, saved %d", loaded.Len(), ix.Len())
	}
	for id, d := range ix.docOf {
		if ld, ok := loaded.docOf[id]; !ok || loaded.tags[ld] != ix.tags[d] {
			t.Fatalf("document %d: tag %d after the load, %d before", id, loaded.tags[ld], ix.tags[d])
		}
	}
	for range 200 {
		q := randomText(r)
		want, wantTotal := ix.Search(q, 10, 0.1)
		got, gotTotal := loaded.Search(q, 10, 0.1)
		if !slices.Equal(got, want) || gotTotal != wantTotal {
			t.Fatalf("%q: loaded index gives %v (%d), saved one %v (%d)", q, got, gotTotal, want, wantTotal)
		}
	}

	// keep decides, and a document loaded again replaces its earlier self.
	some := NewIndex()
	skipped, err := some.LoadRange(saved[0], 0, func(id int64, _ uint32) bool { return id%2 == 0 })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := some.LoadRange(saved[0], 0, func(id int64, _ uint32) bool { return id%4 == 0 }); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, some)
	if some.Len()+skipped != countRange(ix, 0, width) || skipped == 0 {
		t.Fatalf("kept %d and skipped %d of %d documents", some.Len(), skipped, countRange(ix, 0, width))
	}
}

func countRange(ix *Index, lo, hi int64) int {
	n := 0
	for id := range ix.docOf {
		if id >= lo && id < hi {
			n++
		}
	}
	return n
}

// Malformed or foreign bytes are refused whole, never half loaded.
func TestRangeRefusesMalformed(t *testing.T) {
	ix := NewIndex()
	for i := range 20 {
		ix.UpsertTagged(int64(i), 7, Terms("card declined at the shop"))
	}
	data := ix.AppendRange(nil, 0, 20)
	all := func(int64, uint32) bool { return true }
	if _, err := NewIndex().LoadRange(append([]byte{9}, data[1:]...), 0, all); !errors.Is(err, ErrRangeFormat) {
		t.Errorf("another format: %v, want ErrRangeFormat", err)
	}
	for _, cut := range []int{2, len(data) / 2, len(data) - 1} {
		fresh := NewIndex()
		if _, err := fresh.LoadRange(data[:cut], 0, all); err == nil || fresh.Len() != 0 {
			t.Errorf("cut at %d of %d: err %v, %d documents loaded", cut, len(data), err, fresh.Len())
		}
	}
	if got := ix.AppendRange(nil, 100, 200); len(got) != 0 {
		t.Errorf("an empty range encodes as %d bytes", len(got))
	}
}

func FuzzLoadRange(f *testing.F) {
	ix := NewIndex()
	ix.UpsertTagged(3, 1, Terms("payment failed twice"))
	f.Add(ix.AppendRange(nil, 0, 10))
	f.Fuzz(func(t *testing.T, data []byte) {
		fresh := NewIndex()
		if _, err := fresh.LoadRange(data, 0, func(int64, uint32) bool { return true }); err == nil {
			checkInvariants(t, fresh)
		}
	})
}
