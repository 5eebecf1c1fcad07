package issuetype

// Comparison relates a text to candidate documents; see Compare.
type Comparison struct {
	Similarity []float64 // per candidate: cosine of stem and character n-gram vectors, 0 if unknown
	Type       []int64   // per candidate: its type id, 0 if unknown
	Known      []bool    // per candidate: whether the model holds it (not yet placed: false)
	Predicted  int64     // the type the text would join, 0 if none
	Confidence float64   // the share of the text's neighbours that voted for Predicted
}

// CompareVec scores the analysed text q against the documents ids under
// one read lock, so a caller ranking candidates sees one consistent model
// and the vectors are not kept twice: retrieval reranks by wording
// (including misspellings, through the n-grams) and by issue type.
func (m *Model) CompareVec(q *Vec, ids []int64) Comparison {
	c := Comparison{Similarity: make([]float64, len(ids)), Type: make([]int64, len(ids)), Known: make([]bool, len(ids))}
	m.mu.RLock()
	defer m.mu.RUnlock()
	v := m.vectorFor(q)
	for i, id := range ids {
		if s, ok := m.slotOf[id]; ok {
			c.Similarity[i] = min(m.docs[s].vec.dot(v), 1)
			c.Type[i] = m.docs[s].typ
			c.Known[i] = true
		}
	}
	sc := m.getScorer()
	sc.qd = m.denseFor(q.dense)
	nn := sc.neighbours(m, v, m.cfg.Neighbours)
	sc.reset()
	m.scratch.Put(sc)
	if len(nn) > 0 {
		c.Predicted, c.Confidence = m.vote(nn, 0)
	}
	return c
}

// SharedWordsVec returns the surface words of the stems the analysed text
// q shares with document id, heaviest in the document first, at most k;
// nil if the model does not hold id. It explains matches to people.
func (m *Model) SharedWordsVec(q *Vec, id int64, k int) []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	s, ok := m.slotOf[id]
	if !ok {
		return nil
	}
	v := m.vectorFor(q)
	dv := m.docs[s].vec
	d := sparse{ids: dv.appendIDs(nil), w: dv.appendWeights(nil)}
	w := map[uint32]float64{}
	for i, j := 0, 0; i < len(v.ids) && j < len(d.ids); {
		switch {
		case v.ids[i] < d.ids[j]:
			i++
		case v.ids[i] > d.ids[j]:
			j++
		default:
			if m.feats[d.ids[j]].kind == kindWord {
				w[d.ids[j]] = float64(v.w[i]) * float64(d.w[j])
			}
			i++
			j++
		}
	}
	return m.topTerms(w, k)
}

// TypeName returns the current name of type id (as Types would give it),
// or "" if there is no such type. Names are cached until the model changes
// its types, so calling it per search hit is cheap.
func (m *Model) TypeName(id int64) string {
	m.mu.RLock()
	version := m.version
	m.mu.RUnlock()
	m.namesMu.Lock()
	defer m.namesMu.Unlock()
	if m.names == nil || m.namesVersion != version {
		m.names = map[int64]string{}
		for _, t := range m.Types() {
			m.names[t.ID] = t.Name
		}
		m.namesVersion = version
	}
	return m.names[id]
}
