package issuetype

import (
	"bytes"
	"runtime"
	"slices"
	"testing"
	"time"
)

// placeFrozen assigns texts (ids from 1) in batches of batch, the index
// frozen for each; with ahead, another goroutine featurises and searches
// each batch's texts ahead of their placement, as a server's readers do.
// Every removeEvery-th text (0: none) re-assigns an earlier document
// instead, so removed documents are in the lists and the views.
func placeFrozen(m *Model, texts []string, batch int, ahead bool, removeEvery int) {
	id := func(i int) int64 {
		if removeEvery > 0 && i%removeEvery == removeEvery-1 {
			return int64(i/2 + 1)
		}
		return int64(i + 1)
	}
	for lo := 0; lo < len(texts); lo += batch {
		part := texts[lo:min(lo+batch, len(texts))]
		f := m.Freeze()
		feats := make([]Features, len(part))
		ready := make([]chan struct{}, len(part))
		for i := range ready {
			ready[i] = make(chan struct{})
		}
		go func() {
			for i, s := range part {
				feats[i] = Featurise(s)
				if ahead {
					f.Search(&feats[i])
				}
				close(ready[i])
			}
		}()
		for i := range part {
			<-ready[i]
			m.AssignFeatures(id(lo+i), feats[i], nil)
		}
		f.Thaw()
	}
}

// TestFrozenSameWhoeverSearched: a model placed in frozen batches learns
// the same whether each search ran ahead on another goroutine or at the
// placement, bit for bit (types, neighbours, weights), with re-assigned
// documents among them; and with a Predict and a Remove running beside it.
func TestFrozenSameWhoeverSearched(t *testing.T) {
	texts := chunkTexts(3000)
	a, b := NewModel(Config{}), NewModel(Config{})
	done := make(chan struct{})
	go func() { // readers and a deletion beside the placement, for -race
		defer close(done)
		for i := range 200 {
			a.Predict("my card was declined")
			if i == 100 {
				a.Remove(99_999) // unknown: nothing changes
			}
		}
	}()
	placeFrozen(a, texts, 50, true, 7)
	<-done
	placeFrozen(b, texts, 50, false, 7)
	a.Consolidate()
	b.Consolidate()
	sameModel(t, a, b, len(texts))
}

// TestFrozenThawConsolidates: an automatic consolidation that falls due
// while the index is frozen runs when it thaws.
func TestFrozenThawConsolidates(t *testing.T) {
	m := NewModel(Config{AutoConsolidateMin: 50})
	placeFrozen(m, chunkTexts(120), 120, true, 0)
	m.mu.RLock()
	pending, held := m.pending, len(m.held)
	m.mu.RUnlock()
	if pending != 0 || held != 0 {
		t.Fatalf("after the thaw: %d assignments pending consolidation, %d documents held out of the index", pending, held)
	}
}

// TestBanking77Frozen is TestBanking77 with the messages placed in frozen
// batches of 50, as a server places a chunk of conversations, searched
// ahead: the clustering's quality must hold.
func TestBanking77Frozen(t *testing.T) {
	if testing.Short() {
		t.Skip("measures clustering quality on banking77: the pass without -short runs it")
	}
	texts, cats := banking77(t, "train.csv")
	m := NewModel(Config{})
	start := time.Now()
	placeFrozen(m, texts, 50, true, 0)
	m.Consolidate()
	wantBanking77Quality(t, "banking77 train, frozen batches of 50", m, texts, cats, time.Since(start))
}

// TestCompactWeighsOnEveryCore: a consolidation's compaction, which
// weighs and indexes the documents on several workers, leaves the weights
// and the posting lists that weighing and indexing one document at a time
// in slot order gives, removed documents dropped.
func TestCompactWeighsOnEveryCore(t *testing.T) {
	defer func(was int) { weighShare = was }(weighShare)
	weighShare = 300
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	texts := chunkTexts(2000)
	m := NewModel(Config{DisableAutoConsolidate: true})
	for i, s := range texts {
		m.Assign(int64(i+1), s)
	}
	for id := int64(1); id <= 2000; id += 97 {
		m.Remove(id)
	}
	m.Consolidate()
	tab := newIDFTable(m.live)
	var buf weighBuf
	for s := range m.docs {
		d := m.docs[s]
		d.vec = slices.Clone(d.vec)
		got := slices.Clone(m.docs[s].vec)
		m.weigh(&d, tab, &buf)
		if !bytes.Equal(d.vec, got) {
			t.Fatalf("slot %d: weighed %v, one at a time %v", s, got, d.vec)
		}
	}
	want := listsOneAtATime(m) // the vectors, each as weighed one at a time
	for id := range want {
		got, w := m.posts[id], want[id]
		if !bytes.Equal(got.b, w.b) || got.n != w.n || got.last != w.last {
			t.Fatalf("feature %d: list of %d entries, want %d", id, got.n, w.n)
		}
	}
}
