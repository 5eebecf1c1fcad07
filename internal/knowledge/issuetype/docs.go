package issuetype

// DocIDs returns the ids of the documents the model holds, in no order.
func (m *Model) DocIDs() []int64 {
	m.mu.RLock()
	defer m.mu.RUnlock()
	ids := make([]int64, 0, len(m.slotOf))
	for id := range m.slotOf {
		ids = append(ids, id)
	}
	return ids
}

// Lacking returns the ids of ids that the model does not hold, in their
// order, under one read lock.
func (m *Model) Lacking(ids []int64) []int64 {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []int64
	for _, id := range ids {
		if _, ok := m.slotOf[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

// NeighboursOf appends to dst the documents of the model's similarity
// graph nearest to docID, best first, with their cosine similarity (the
// graph keeps Config.Neighbours of them), and returns it; dst unchanged
// when the model does not hold docID. It lets a caller judge, from the
// tenant's own documents, how far what neighbours did predicts what a
// document did.
func (m *Model) NeighboursOf(dst []DocSimilarity, docID int64) []DocSimilarity {
	m.mu.RLock()
	defer m.mu.RUnlock()
	s, ok := m.slotOf[docID]
	if !ok {
		return dst
	}
	for _, n := range m.docs[s].nn {
		if d := &m.docs[n.slot]; !d.dead {
			dst = append(dst, DocSimilarity{ID: d.id, Similarity: float64(n.sim)})
		}
	}
	return dst
}

// DocSimilarity is a document and its similarity to another.
type DocSimilarity struct {
	ID         int64
	Similarity float64
}
