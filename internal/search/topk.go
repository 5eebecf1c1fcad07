package search

import (
	"math"
	"slices"
)

// candidate is a document competing for a place in the results.
type candidate struct {
	score float32
	doc   uint32 // the document's number in the index
	id    int64
}

// better orders candidates best first: higher score, then higher (newer) id.
func (c candidate) better(o candidate) bool {
	return c.score > o.score || c.score == o.score && c.id > o.id
}

// selector keeps the best limit candidates whose similarity reaches a minimum
// and counts all of those. Its top is a min-heap whose root is the worst kept
// candidate, so a newcomer only has to beat the root; it is hand-rolled
// rather than container/heap to avoid boxing every candidate in an interface.
type selector struct {
	limit   int
	invSelf float64 // 1 / the query's self-score
	thr     float32 // lowest score whose similarity reaches the minimum
	floor   float32 // lowest score that may still enter top
	top     []candidate
	total   int
}

func newSelector(limit int, minSimilarity, invSelf float64, top []candidate) selector {
	s := selector{limit: limit, invSelf: invSelf, top: top}
	s.thr = s.threshold(minSimilarity)
	s.floor = s.thr
	if limit <= 0 {
		s.floor = float32(math.Inf(1))
	}
	return s
}

// similarity maps a score to [0, 1]; see Index.Search.
func (s *selector) similarity(score float32) float64 {
	return min(1, float64(score)*s.invSelf)
}

// threshold returns the least positive score whose similarity is at least
// minSim, so the hot loops compare float32 scores yet agree exactly with the
// Similarity reported. similarity is monotonic, so stepping the float32
// estimate by ulps finds the boundary in a step or two.
func (s *selector) threshold(minSim float64) float32 {
	const tiny = math.SmallestNonzeroFloat32 // only documents that matched
	switch {
	case minSim <= 0:
		return tiny
	case minSim > 1 || math.IsNaN(minSim):
		return float32(math.Inf(1))
	}
	t := max(tiny, float32(minSim/s.invSelf))
	for t > tiny && s.similarity(math.Nextafter32(t, 0)) >= minSim {
		t = math.Nextafter32(t, 0)
	}
	for s.similarity(t) < minSim {
		t = math.Nextafter32(t, float32(math.Inf(1)))
	}
	return t
}

// offer counts a score and keeps it if it is among the best.
func (s *selector) offer(doc uint32, id int64, score float32) {
	if score >= s.thr {
		s.total++
	}
	if score >= s.floor {
		s.floor = s.push(doc, id, score)
	}
}

// push considers a candidate already known to reach the floor and returns
// the new floor.
func (s *selector) push(doc uint32, id int64, score float32) float32 {
	c := candidate{score: score, doc: doc, id: id}
	switch {
	case len(s.top) < s.limit:
		s.top = append(s.top, c)
		siftUp(s.top, len(s.top)-1)
	case c.better(s.top[0]):
		s.top[0] = c
		siftDown(s.top, 0)
	}
	if len(s.top) < s.limit {
		return s.floor
	}
	return s.top[0].score // ties may still win on id, so the floor is inclusive
}

// hits returns the kept candidates best first, or nil if there are none.
func (s *selector) hits() []Hit {
	if len(s.top) == 0 {
		return nil
	}
	slices.SortFunc(s.top, func(x, y candidate) int {
		if x.better(y) {
			return -1
		}
		return 1 // candidates are distinct: ids are unique
	})
	hits := make([]Hit, len(s.top))
	for i, c := range s.top {
		hits[i] = Hit{ID: c.id, Score: float64(c.score), Similarity: s.similarity(c.score)}
	}
	return hits
}

func siftUp(h []candidate, i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !h[parent].better(h[i]) {
			return
		}
		h[parent], h[i] = h[i], h[parent]
		i = parent
	}
}

func siftDown(h []candidate, i int) {
	for {
		worst, l := i, 2*i+1
		if l < len(h) && h[worst].better(h[l]) {
			worst = l
		}
		if r := l + 1; r < len(h) && h[worst].better(h[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}
