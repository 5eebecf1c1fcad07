package issuetype

// Vec is a text analysed for issue typing, made once and given to every
// model call about that text (CompareVec, PredictVec, SharedWordsVec), so a
// similarity request featurises its query once rather than once per call.
//
// Its features do not depend on any model. Its weighted vector does (on the
// model's dictionary and document frequencies), so it is computed by the
// first model call and kept for the following calls on the same model,
// until that model renumbers its features (on reload). A Vec is not safe
// for concurrent use: it is one request's.
type Vec struct {
	ex    extracted
	dense []float32 // the text's embedding, nil without one (see SetDense)

	model *Model // whose vector vec is, nil until computed
	epoch int    // model.epoch when vec was computed
	vec   sparse
}

// NewVec analyses text for issue typing (reporting phrases stripped, see
// extract).
func NewVec(text string) *Vec { return &Vec{ex: extract(text)} }

// vectorFor returns q's weighted vector under m, computing it on first use.
// m.mu must be held for reading. Feature ids are stable between epochs, so
// a vector computed under the same epoch indexes the same features; its
// weights may lag documents added since, which moves a request's scores by
// far less than the documents' own reweighing between consolidations does.
func (m *Model) vectorFor(q *Vec) sparse {
	if q.model != m || q.epoch != m.epoch {
		q.model, q.epoch, q.vec = m, m.epoch, m.vectorOf(q.ex)
	}
	return q.vec
}

// SetDense gives the analysed text its embedding (L2-normalised, in the
// space of the model's documents), so that prediction compares it by both
// parts of its features (see dense.go); nil removes it.
func (q *Vec) SetDense(v []float32) { q.dense = v }
