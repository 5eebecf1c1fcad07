package issuetype

import "testing"

// TestVoteTieGoesToTheNearer: types with equal neighbour similarity are
// decided by the nearer neighbour, whatever their ids (a partition's
// history numbers them); the preferred type still wins a tie.
func TestVoteTieGoesToTheNearer(t *testing.T) {
	for _, ids := range [][2]int64{{7, 3}, {3, 7}} {
		m := &Model{docs: []doc{{id: 1, typ: ids[0]}, {id: 2, typ: ids[1]}, {id: 3, typ: ids[1]}}}
		// The nearest is of the first type; the other type's two weigh as
		// much together.
		nn := []neighbour{{0, 0.8}, {1, 0.4}, {2, 0.4}}
		if typ, share := m.vote(nn, 0); typ != ids[0] || share != 0.5 {
			t.Errorf("types %v: vote gave %d (share %v), want %d, the nearest's", ids, typ, share, ids[0])
		}
		if typ, _ := m.vote(nn, ids[1]); typ != ids[1] {
			t.Errorf("types %v: vote preferring %d gave %d", ids, ids[1], typ)
		}
	}
}
