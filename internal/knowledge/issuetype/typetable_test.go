package issuetype

import "testing"

// TestTypeTable checks that a TypeTable answers as TypeOf does, for
// dense ids, sparse ids (one tenant's among many), removed documents and
// documents assigned again (which move to a later slot, out of id order).
func TestTypeTable(t *testing.T) {
	texts := []string{"card payment declined at the shop", "my card was declined again",
		"forgot my password and cannot log in", "reset password email never arrived",
		"wifi keeps dropping at home", "the wifi router disconnects"}
	for name, step := range map[string]int64{"dense": 1, "sparse": 5000} {
		t.Run(name, func(t *testing.T) {
			m := NewModel(Config{})
			var ids []int64
			for i := range 60 {
				id := 10 + int64(i)*step
				m.Assign(id, texts[i%len(texts)])
				ids = append(ids, id)
			}
			m.Remove(ids[7])
			m.Assign(ids[3], texts[4]) // assigned again: a later slot
			m.Consolidate()
			tab := m.TypeTable()
			if (tab.types != nil) != (step == 1) {
				t.Fatalf("dense table = %v, want %v", tab.types != nil, step == 1)
			}
			asked := append([]int64{0, 9, ids[len(ids)-1] + 1, ids[len(ids)-1] + step}, ids...)
			for _, id := range asked {
				wt, wok := m.TypeOf(id)
				gt, gok := tab.Of(id)
				if gt != wt || gok != wok {
					t.Errorf("Of(%d) = %d, %v; TypeOf says %d, %v", id, gt, gok, wt, wok)
				}
			}
			if _, ok := tab.Of(ids[7]); ok {
				t.Errorf("a removed document is in the table")
			}
		})
	}
	if _, ok := NewModel(Config{}).TypeTable().Of(1); ok {
		t.Errorf("an empty model's table holds a document")
	}
}
