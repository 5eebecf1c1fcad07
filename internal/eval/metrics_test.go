package eval

import (
	"math"
	"testing"
)

func TestNMIAndARI(t *testing.T) {
	a := []string{"x", "x", "y", "y", "z", "z"}
	same := []string{"1", "1", "2", "2", "3", "3"}
	if NMI(a, same) < 0.999 || ARI(a, same) < 0.999 {
		t.Fatalf("identical partitions: nmi %v ari %v", NMI(a, same), ARI(a, same))
	}
	one := []string{"1", "1", "1", "1", "1", "1"}
	if NMI(a, one) > 1e-9 || math.Abs(ARI(a, one)) > 1e-9 {
		t.Fatalf("one cluster: nmi %v ari %v", NMI(a, one), ARI(a, one))
	}
	// scikit-learn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714
	if got := ARI([]string{"a", "a", "b", "b"}, []string{"0", "0", "1", "2"}); math.Abs(got-0.5714285714) > 1e-9 {
		t.Fatalf("ari = %v", got)
	}
	// normalized_mutual_info_score([0,0,1,1],[0,0,1,2]) = 0.8
	if got := NMI([]string{"a", "a", "b", "b"}, []string{"0", "0", "1", "2"}); math.Abs(got-0.8) > 1e-9 {
		t.Fatalf("nmi = %v", got)
	}
}

func TestRetrievalMetrics(t *testing.T) {
	var m RetrievalMetrics
	m.add("a", []string{"a", "b", "a"})
	m.add("a", []string{"b", "a"})
	m.finish()
	if m.Top1 != 0.5 || m.MRR != 0.75 || math.Abs(m.P5-0.3) > 1e-9 || math.Abs(m.P10-0.15) > 1e-9 {
		t.Fatalf("metrics = %+v", m)
	}
}
