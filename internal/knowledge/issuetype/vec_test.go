package issuetype

import (
	"slices"
	"testing"
)

// A Vec analysed once must answer every call as a fresh analysis of the
// same text would, including after a reload renumbers the model's features
// (its cached vector would otherwise index the wrong features).
func TestVecAnswersAsAFreshAnalysis(t *testing.T) {
	m := sampleModel(Config{Resolution: 1})
	ids := []int64{1, 2, 5, 9, 42}
	check := func(t *testing.T, m *Model, q *Vec, text string) {
		t.Helper()
		if got, want := m.CompareVec(q, ids), m.CompareVec(NewVec(text), ids); !slices.Equal(got.Similarity, want.Similarity) ||
			!slices.Equal(got.Type, want.Type) || got.Predicted != want.Predicted || got.Confidence != want.Confidence {
			t.Errorf("CompareVec = %+v, fresh analysis gives %+v", got, want)
		}
		for _, id := range ids {
			if got, want := m.SharedWordsVec(q, id, 5), m.SharedWordsVec(NewVec(text), id, 5); !slices.Equal(got, want) {
				t.Errorf("SharedWordsVec(%d) = %q, fresh analysis gives %q", id, got, want)
			}
		}
		gt, gc := m.PredictVec(q)
		if wt, wc := m.Predict(text); gt != wt || gc != wc {
			t.Errorf("PredictVec = %d %.3f, Predict = %d %.3f", gt, gc, wt, wc)
		}
	}
	text := "The customer says her card payment was declined"
	q := NewVec(text)
	check(t, m, q, text)
	if w := m.SharedWordsVec(q, 1, 5); !slices.Contains(w, "declined") || slices.Contains(w, "says") {
		t.Errorf("shared words %q: want the issue's words, not the reporting verb", w)
	}

	// Loading another model's data renumbers the features: the same words
	// learnt in another order have other ids.
	reversed := NewModel(Config{Resolution: 1})
	for i, s := range slices.Backward(sample) {
		reversed.Assign(int64(i+1), s)
	}
	data, err := reversed.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	check(t, m, q, text)
}
