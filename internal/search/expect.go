package search

// A start loads every document of an index in one go (LoadRange, chunk
// after chunk, or UpsertTerms). Grown one append at a time, the posting
// lists and the per-document arrays were copied over and over (Go grows a
// long slice by a quarter): at 200,000 conversations that growth was a
// tenth of a start's processor time. Expect tells the index how many
// documents the load will hold, so that it sizes the per-document arrays
// once and, once a sixteenth of the load is in, grows each posting list
// straight to the size its share so far predicts for the whole load.
// Trim ends the load and gives back what the predictions overshot.

// Expect announces that about docs documents are about to be loaded. It
// sizes the per-document arrays and the id map for them and lets the
// posting lists grow by prediction until Trim. It changes no answer.
func (ix *Index) Expect(docs int) {
	if docs <= 0 {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	total := len(ix.ids) + docs
	ix.expect = total
	if len(ix.docOf) == 0 {
		ix.docOf = make(map[int64]uint32, docs)
	}
	ix.ids = reserve(ix.ids, total)
	ix.lens = reserve(ix.lens, total)
	ix.tags = reserve(ix.tags, total)
	ix.fwdStart = reserve(ix.fwdStart, total+1)
}

// reserve returns s with room for n elements in all.
func reserve[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s
	}
	grown := make([]T, len(s), n)
	copy(grown, s)
	return grown
}

// expectSample is how many documents of a load must be in, at least,
// before the lists grow by prediction: a sixteenth of the load, and no
// fewer than this.
const expectSample = 1024

// predicted returns how many elements a slice now holding have (and about
// to take one more) should have room for once the expected load is in,
// judging by the share of the load indexed so far; 0 when there is no load
// under way or too little of it is in to judge.
func (ix *Index) predicted(have int) int {
	seen := len(ix.ids)
	if ix.expect <= seen || seen < expectSample || seen*16 < ix.expect {
		return 0
	}
	// A tenth more than the straight extrapolation: lists whose terms
	// come a little more often later then grow once more at most.
	return (have+1)*ix.expect/seen + (have+1)*ix.expect/seen/10 + 4
}

// appendPosting appends p to term t's list, growing it by prediction
// during a load.
func (ix *Index) appendPosting(t uint32, p posting) {
	list := ix.posts[t]
	if len(list) == cap(list) {
		if n := ix.predicted(len(list)); n > len(list) {
			list = reserve(list, n)
		}
	}
	ix.posts[t] = append(list, p)
}

// appendFwd appends a document's term ids to the forward list, growing it
// by prediction during a load.
func (ix *Index) appendFwd(bag []termCount) {
	if need := len(ix.fwd) + len(bag); need > cap(ix.fwd) {
		if n := ix.predicted(len(ix.fwd)); n >= need {
			ix.fwd = reserve(ix.fwd, n)
		}
	}
	for _, tf := range bag {
		ix.fwd = append(ix.fwd, tf.t)
	}
}
