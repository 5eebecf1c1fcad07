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
