package issuetype

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

// Packed vectors and posting lists must give back exactly what went in
// (weights in postings to within their rounding), for gaps of every width.
func TestPackedRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, spread := range []uint32{1, 100, 1 << 14, 1 << 21, 1 << 24} {
		var ids []uint32
		id := uint32(r.IntN(3))
		for range 200 {
			ids = append(ids, id)
			id += 1 + uint32(r.Int64N(int64(spread)))
		}
		w := make([]float32, len(ids))
		for i := range w {
			w[i] = r.Float32()
		}
		v := newDocVec(ids)
		exact := slices.Clone(w)
		v.setWeights(w)
		if got := v.appendIDs(nil); !slices.Equal(got, ids) {
			t.Fatalf("spread %d: ids %v, want %v", spread, got[:5], ids[:5])
		}
		if got := v.appendWeights(nil); !slices.Equal(got, w) {
			t.Fatalf("spread %d: weights %v, want %v", spread, got[:5], w[:5])
		}
		for i := range w {
			if abs(w[i]-exact[i]) > 0.5/weightScale+1e-7 {
				t.Fatalf("spread %d: weight %v held as %v", spread, exact[i], w[i])
			}
		}
		k, gaps, _ := v.parts()
		if k != len(ids) || v.len() != k || !slices.Equal(docVecOfGaps(nil, gaps, k)[:len(v)-2*k], v[:len(v)-2*k]) {
			t.Errorf("spread %d: %d features, want %d; or gaps that do not make the same vector", spread, k, len(ids))
		}
		if !checkGaps(gaps, len(ids), int(ids[len(ids)-1])+1) {
			t.Errorf("spread %d: checkGaps rejects a packed vector", spread)
		}
		if checkGaps(gaps, len(ids), int(ids[len(ids)-1])) || checkGaps(gaps, len(ids)-1, int(ids[len(ids)-1])+1) {
			t.Errorf("spread %d: checkGaps accepts an id past the dictionary or a wrong count", spread)
		}
		q := sparse{ids: every2(ids), w: every2(w)}
		if got, want := v.dot(q), (sparse{ids: ids, w: w}).dot(q); got != want {
			t.Errorf("spread %d: dot %v, want %v", spread, got, want)
		}

		var l postings
		for i, id := range ids {
			l.add(int32(id%(1<<30)), quantise(w[i]))
		}
		slot, p := int32(0), 0
		for i := range ids {
			var g uint32
			g, p = gap(l.b, p)
			slot += int32(g)
			q := binary.LittleEndian.Uint16(l.b[p:])
			p += 2
			if slot != int32(ids[i]%(1<<30)) || abs(float32(q)/weightScale-w[i]) > 0.5/weightScale+1e-7 {
				t.Fatalf("spread %d: entry %d = slot %d weight %v, want %d %v", spread, i, slot, float32(q)/weightScale, ids[i], w[i])
			}
		}
		if p != len(l.b) || int(l.n) != len(ids) {
			t.Errorf("spread %d: %d entries in %d bytes, read %d bytes", spread, l.n, len(l.b), p)
		}
	}
}

func abs(x float32) float32 { return max(x, -x) }

// A removed document is skipped by searches before the next compaction,
// although its postings stay.
func TestRemovedDocumentsAreNotNeighbours(t *testing.T) {
	m := NewModel(Config{DisableAutoConsolidate: true})
	m.Assign(1, "my card was declined at the shop")
	m.Assign(2, "card declined at the shop again")
	m.Assign(3, "how do I reset my password")
	m.Remove(2)
	sc := m.getScorer()
	defer m.scratch.Put(sc)
	m.mu.RLock()
	defer m.mu.RUnlock()
	nn := sc.neighbours(m, m.vectorOf(extract("card declined at the shop")), 10)
	sc.reset()
	if len(nn) == 0 || m.docs[nn[0].slot].id != 1 {
		t.Fatalf("neighbours %v, want document 1 first", nn)
	}
	for _, n := range nn {
		if m.docs[n.slot].dead {
			t.Errorf("removed slot %d among the neighbours %v", n.slot, nn)
		}
	}
}

func every2[T any](s []T) []T {
	var out []T
	for i := 0; i < len(s); i += 2 {
		out = append(out, s[i])
	}
	return out
}

// Repeated features are kept as pairs and give back the dense counts.
func TestRepeatsRoundTrip(t *testing.T) {
	for _, counts := range [][]uint16{{1, 1, 1}, {1, 3, 1, 1, 2}, {7}, {}} {
		r := packRepeats(counts)
		got := r.dense(nil, len(counts))
		if slices.ContainsFunc(counts, func(c uint16) bool { return c != 1 }) {
			if !slices.Equal(got, counts) {
				t.Errorf("counts %v came back as %v", counts, got)
			}
		} else if r != nil || got != nil {
			t.Errorf("counts %v: repeats %v, dense %v; want nil for all ones", counts, r, got)
		}
	}
}
