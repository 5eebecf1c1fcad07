package search

// candidate is a document competing for a place in the results.
type candidate struct {
	score float32
	id    int64
}

// better orders candidates best first: higher score, then higher (newer) id.
func (c candidate) better(o candidate) bool {
	return c.score > o.score || c.score == o.score && c.id > o.id
}

// The top-k selection keeps a min-heap whose root is the worst candidate
// kept, so a newcomer only has to beat the root. It is hand-rolled rather
// than container/heap to avoid boxing every candidate in an interface.

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
