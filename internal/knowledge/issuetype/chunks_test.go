package issuetype

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
)

// chunkStore keeps saved chunks in memory the way a database table would,
// and counts what each save wrote.
type chunkStore struct {
	parts   map[string][][]byte
	written map[string]int
}

func (cs *chunkStore) write(sv *Saving) error {
	if cs.parts == nil {
		cs.parts = map[string][][]byte{}
	}
	cs.written = map[string]int{}
	for _, c := range sv.Chunks {
		p := cs.parts[c.Part]
		for len(p) <= c.N {
			p = append(p, nil)
		}
		p[c.N] = c.Data
		cs.parts[c.Part] = p
		cs.written[c.Part]++
	}
	for part, n := range sv.Counts {
		if len(cs.parts[part]) > n {
			cs.parts[part] = cs.parts[part][:n]
		}
	}
	return nil
}

func (cs *chunkStore) scan(part string, fn func([]byte) error) error {
	for _, data := range cs.parts[part] {
		if err := fn(data); err != nil {
			return err
		}
	}
	return nil
}

// chunkTexts are n support-like texts of a few dozen shapes.
func chunkTexts(n int) []string {
	subjects := []string{"card", "payment", "transfer", "password", "refund", "top up", "pin", "statement"}
	problems := []string{"was declined", "is pending", "failed twice", "is missing", "keeps crashing", "is blocked"}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("My %s %s since %d days", subjects[i%len(subjects)], problems[(i/len(subjects))%len(problems)], i%13)
	}
	return out
}

// sameModel fails unless a and b type every document alike and encode
// alike in the single-blob form.
func sameModel(t *testing.T, a, b *Model, ids int) {
	t.Helper()
	for id := int64(1); id <= int64(ids); id++ {
		ta, oka := a.TypeOf(id)
		tb, okb := b.TypeOf(id)
		if ta != tb || oka != okb {
			t.Fatalf("doc %d: type %d/%v, after reload %d/%v", id, ta, oka, tb, okb)
		}
	}
	ba, _ := a.MarshalBinary()
	bb, _ := b.MarshalBinary()
	if !bytes.Equal(ba, bb) {
		t.Fatal("models differ after reload")
	}
	if pa, pb := fmt.Sprint(a.Predict("my card was declined")), fmt.Sprint(b.Predict("my card was declined")); pa != pb {
		t.Fatalf("Predict %s, after reload %s", pa, pb)
	}
}

func TestSaveChunks(t *testing.T) {
	texts := chunkTexts(3000)
	m := NewModel(Config{})
	for i, s := range texts[:2500] {
		m.Assign(int64(i+1), s)
	}
	var cs chunkStore
	if err := m.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	if cs.written[PartDocs] != 3 || cs.written[PartHeader] != 1 {
		t.Fatalf("first save wrote %v, want every chunk (3 of docs)", cs.written)
	}
	reload := func() *Model {
		t.Helper()
		m2 := NewModel(Config{})
		found, err := m2.LoadChunks(cs.scan)
		if err != nil || !found {
			t.Fatalf("LoadChunks = %v, %v", found, err)
		}
		return m2
	}
	sameModel(t, m, reload(), 3000)

	cs.written = nil
	if err := m.SaveChunks(cs.write); err != nil || cs.written != nil {
		t.Fatalf("save without changes wrote %v (err %v)", cs.written, err)
	}

	for i, s := range texts[2500:2600] {
		m.Assign(int64(2501+i), s)
	}
	if err := m.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	if cs.written[PartDocs] != 1 {
		t.Errorf("save after 100 assignments in the last chunk wrote %d document chunks, want 1", cs.written[PartDocs])
	}
	sameModel(t, m, reload(), 3000)

	// A removal in the first chunk, then a consolidation that compacts
	// the slots: every document chunk from the first is rewritten.
	m.Remove(7)
	m.Consolidate()
	if err := m.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	if cs.written[PartDocs] != 3 {
		t.Errorf("save after a removal in chunk 0 wrote %d document chunks, want 3", cs.written[PartDocs])
	}
	m2 := reload()
	sameModel(t, m, m2, 3000)

	// Keep going on the reloaded model; it saves incrementally too.
	for i, s := range texts[2600:] {
		m.Assign(int64(2601+i), s)
		m2.Assign(int64(2601+i), s)
	}
	if err := m2.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	if cs.written[PartDocs] != 1 {
		t.Errorf("save of the reloaded model wrote %d document chunks, want 1", cs.written[PartDocs])
	}
	sameModel(t, m, reload(), 3000)
}

func TestLoadChunksRejectsDamage(t *testing.T) {
	m := NewModel(Config{})
	for i, s := range chunkTexts(1500) {
		m.AssignDense(int64(i+1), s, testEmbedding(i%7)) // every part saved
	}
	var cs chunkStore
	if err := m.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	if found, err := NewModel(Config{}).LoadChunks((&chunkStore{}).scan); found || err != nil {
		t.Fatalf("empty store: found %v, err %v", found, err)
	}
	for _, part := range Parts {
		for _, cut := range []string{"truncated", "missing"} {
			t.Run(part+" "+cut, func(t *testing.T) {
				damaged := chunkStore{parts: map[string][][]byte{}}
				for p, chunks := range cs.parts {
					damaged.parts[p] = append([][]byte(nil), chunks...)
				}
				last := len(damaged.parts[part]) - 1
				if cut == "truncated" {
					damaged.parts[part][last] = damaged.parts[part][last][:len(damaged.parts[part][last])/2]
				} else {
					damaged.parts[part] = damaged.parts[part][:last]
				}
				m2 := NewModel(Config{})
				found, err := m2.LoadChunks(damaged.scan)
				if part == PartHeader && cut == "missing" {
					if found || err != nil { // no header: nothing was saved
						t.Fatalf("without a header: found %v, err %v", found, err)
					}
				} else if err == nil {
					t.Fatal("damaged model accepted")
				}
				if m2.Len() != 0 {
					t.Fatal("a failed load changed the model")
				}
			})
		}
	}
}

// TestSaveChunksWhileAssigning saves repeatedly while documents are
// assigned, removed and consolidated; a final save then reloads to the same
// model. Run it with -race.
func TestSaveChunksWhileAssigning(t *testing.T) {
	texts := chunkTexts(2600)
	m := NewModel(Config{AutoConsolidateMin: 300})
	var cs chunkStore
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i, s := range texts {
			m.Assign(int64(i+1), s)
			if i%500 == 499 {
				m.Remove(int64(i - 100))
			}
		}
	}()
	for saving := true; saving; {
		select {
		case <-done:
			saving = false
		default:
		}
		if err := m.SaveChunks(cs.write); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	m2 := NewModel(Config{})
	if found, err := m2.LoadChunks(cs.scan); !found || err != nil {
		t.Fatalf("LoadChunks = %v, %v", found, err)
	}
	m.Consolidate() // compacts the removed slots, as the reload did
	m2.Consolidate()
	sameModel(t, m, m2, len(texts))
}

// TestLoadChunksWeighsOnEveryCore: a model loaded with its weighing split
// among goroutines is the model loaded by one (run it with -race).
func TestLoadChunksWeighsOnEveryCore(t *testing.T) {
	texts := chunkTexts(1500)
	m := NewModel(Config{})
	for i, s := range texts {
		m.Assign(int64(i+1), s)
	}
	var cs chunkStore
	if err := m.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	load := func(share int) *Model {
		t.Helper()
		defer func(was int) { weighShare = was }(weighShare)
		weighShare = share
		m2 := NewModel(Config{})
		if found, err := m2.LoadChunks(cs.scan); err != nil || !found {
			t.Fatalf("LoadChunks = %v, %v", found, err)
		}
		return m2
	}
	one, split := load(len(texts)+1), load(100)
	sameModel(t, one, split, len(texts))
	for i, s := range texts[:50] {
		if a, b := fmt.Sprint(one.Predict(s)), fmt.Sprint(split.Predict(s)); a != b {
			t.Fatalf("text %d: Predict %s, weighed on every core %s", i, a, b)
		}
	}
}

// TestLoadChunksPostingsInSlotOrder: the posting lists a load fills on
// several workers, each writing its range of slots into every list, are
// the lists that adding one document at a time in slot order builds (the
// ranges' seams included: each range's first gap counts from the slot
// before it). Removed documents renumber the slots after them.
func TestLoadChunksPostingsInSlotOrder(t *testing.T) {
	texts := chunkTexts(2000)
	m := NewModel(Config{})
	for i, s := range texts {
		m.Assign(int64(i+1), s)
	}
	for id := int64(1); id <= 2000; id += 97 {
		m.Remove(id)
	}
	var cs chunkStore
	if err := m.SaveChunks(cs.write); err != nil {
		t.Fatal(err)
	}
	defer func(was int) { weighShare = was }(weighShare)
	for _, share := range []int{len(texts) + 1, 300, 7} {
		weighShare = share
		for _, procs := range []int{1, 3, 8} {
			was := runtime.GOMAXPROCS(procs)
			m2 := NewModel(Config{})
			found, err := m2.LoadChunks(cs.scan)
			runtime.GOMAXPROCS(was)
			if err != nil || !found {
				t.Fatalf("LoadChunks = %v, %v", found, err)
			}
			want := listsOneAtATime(m2)
			if len(m2.posts) != len(want) {
				t.Fatalf("share %d, %d cores: %d lists, want %d", share, procs, len(m2.posts), len(want))
			}
			for id := range want {
				got, w := m2.posts[id], want[id]
				if !bytes.Equal(got.b, w.b) || got.n != w.n || got.last != w.last {
					t.Fatalf("share %d, %d cores: feature %d: list %v (%d entries, last %d), want %v (%d, %d)",
						share, procs, id, got.b, got.n, got.last, w.b, w.n, w.last)
				}
			}
		}
	}
}

// listsOneAtATime are the posting lists of m's documents' vectors indexed
// one document at a time, in slot order (index, as a placement does).
func listsOneAtATime(m *Model) []postings {
	ref := &Model{feats: m.feats, docs: m.docs}
	for s := range m.docs {
		ref.index(int32(s))
	}
	return ref.posts
}
