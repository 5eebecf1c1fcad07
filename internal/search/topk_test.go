package search

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestThresholdIsExactBoundary(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	mins := []float64{-1, 0, 1e-9, 0.1, 0.3333333, 0.5, 0.999999, 1, 1.5, math.NaN()}
	for range 2000 {
		mins = append(mins, r.Float64())
	}
	for _, minSim := range mins {
		s := newSelector(10, minSim, 1/(0.01+r.Float64()*50), nil)
		thr := s.thr
		below := math.Nextafter32(thr, 0)
		switch {
		case math.IsInf(float64(thr), 1):
			if !(minSim > 1 || math.IsNaN(minSim)) {
				t.Errorf("min %v: nothing qualifies, yet similarity can reach 1", minSim)
			}
		case s.similarity(thr) < minSim:
			t.Errorf("min %v: threshold %v has similarity %v", minSim, thr, s.similarity(thr))
		case below > 0 && s.similarity(below) >= minSim:
			t.Errorf("min %v: score %v below threshold %v qualifies", minSim, below, thr)
		}
	}
}

func TestSelectorKeepsBestAndCountsAll(t *testing.T) {
	tests := []struct {
		name      string
		limit     int
		minSim    float64
		wantIDs   []int64
		wantTotal int
	}{
		{"top three", 3, 0, []int64{5, 6, 4}, 6},
		{"limit zero counts only", 0, 0, nil, 6},
		{"limit above count", 10, 0, []int64{5, 6, 4, 3, 2, 1}, 6},
		{"threshold", 10, 0.5, []int64{5, 6, 4}, 3},
		{"nothing qualifies", 10, 1.1, nil, 0},
	}
	// With a self-score of 4, similarity is score/4. Ids 4 and 6 tie, and
	// the higher (newer) id wins the tie.
	scores := map[int64]float32{1: 0.5, 2: 1, 3: 1.5, 4: 3, 5: 4, 6: 3}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSelector(tt.limit, tt.minSim, 1.0/4, nil)
			for id := int64(1); id <= 6; id++ {
				s.offer(uint32(id), id, scores[id])
			}
			hits := s.hits()
			if !slices.Equal(hitIDs(hits), tt.wantIDs) || s.total != tt.wantTotal {
				t.Errorf("hits %v total %d, want %v total %d", hitIDs(hits), s.total, tt.wantIDs, tt.wantTotal)
			}
		})
	}
}
