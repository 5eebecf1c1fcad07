package issuetype

import (
	"testing"
)

// FuzzLoadChunksDocs damages the stored documents of a small model: a load
// must fail or give a model that answers, never panic, since the packed
// vectors it builds from the stored gaps are read without further checks.
func FuzzLoadChunksDocs(f *testing.F) {
	m := NewModel(Config{})
	for i, s := range chunkTexts(40) {
		m.Assign(int64(i+1), s)
	}
	var cs chunkStore
	if err := m.SaveChunks(cs.write); err != nil {
		f.Fatal(err)
	}
	docs := cs.parts[PartDocs][0]
	f.Add(docs)
	f.Add(docs[:len(docs)/2])
	f.Add(append(append([]byte(nil), docs[:7]...), 0xff, 0xff, 0xff, 0x7f))
	f.Fuzz(func(t *testing.T, data []byte) {
		damaged := chunkStore{parts: map[string][][]byte{}}
		for p, chunks := range cs.parts {
			damaged.parts[p] = append([][]byte(nil), chunks...)
		}
		damaged.parts[PartDocs][0] = data
		m2 := NewModel(Config{})
		if found, err := m2.LoadChunks(damaged.scan); err != nil || !found {
			return
		}
		m2.Predict("my card payment was declined")
		m2.Types()
		m2.Consolidate()
		m2.Assign(1000, "the refund is pending")
	})
}
