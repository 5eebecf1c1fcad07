package issuetype

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge/assoc/assoctest"
)

// TestAffinityJoinsTheTypesOfOneIssue: the consolidation splits the
// connectivity issue's 72 openings into several types; each of them is
// nearer by affinity to another of them than to any type of the double
// charges or the passwords.
func TestAffinityJoinsTheTypesOfOneIssue(t *testing.T) {
	openings := assoctest.Connectivity(0) // 72 connectivity, 24 charges, 24 passwords
	m := NewModel(Config{})
	for i, o := range openings {
		m.Assign(int64(i+1), o)
	}
	m.Consolidate()
	issue := map[int64]int{} // type → the issue of its first member
	for i := range openings {
		typ, _ := m.TypeOf(int64(i + 1))
		if _, ok := issue[typ]; !ok {
			issue[typ] = 0
			if i >= 72 {
				issue[typ] = 1 + (i-72)/24
			}
		}
	}
	var connectivity []int64
	for typ, is := range issue {
		if is == 0 {
			connectivity = append(connectivity, typ)
		}
	}
	if len(connectivity) < 2 {
		t.Fatalf("the connectivity issue is in %d type: nothing to relate", len(connectivity))
	}
	af := m.CompareVec(NewVec("wifi"), nil).Affinity
	for _, a := range connectivity {
		if af.Of(a, a) != 1 {
			t.Errorf("type %d's affinity with itself %v", a, af.Of(a, a))
		}
		var same, other float64
		for b, is := range issue {
			if b == a {
				continue
			}
			if is == 0 {
				same = max(same, af.Of(a, b))
			} else {
				other = max(other, af.Of(a, b))
			}
		}
		if same < 0.5 || other >= same {
			t.Errorf("type %d: affinity with the issue's other types up to %.2f, with the other issues' up to %.2f", a, same, other)
		}
	}
	var none *Affinity
	if none.Of(1, 2) != 0 || none.Of(3, 3) != 1 {
		t.Error("no affinity: different types must be at 0, a type at 1 with itself")
	}
}
