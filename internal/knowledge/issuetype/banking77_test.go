package issuetype

import (
	"testing"
	"time"
)

// TestBanking77 feeds the banking77 training messages to a model one at a
// time in file order, as a tenant's conversations would arrive, and compares
// the final types with the true intents, which are used only here.
func TestBanking77(t *testing.T) {
	if testing.Short() {
		t.Skip("measures clustering quality on banking77, one message at a time: the pass without -short runs it")
	}
	texts, cats := banking77(t, "train.csv")
	m := NewModel(Config{})
	start := time.Now()
	for i, s := range texts {
		m.Assign(int64(i+1), s)
	}
	m.Consolidate()
	elapsed := time.Since(start)
	for i, ty := range m.Types()[:5] {
		t.Logf("type %d: %s (%d) %s", i, ty.Name, ty.Size, ty.Description)
	}
	wantBanking77Quality(t, "banking77 train", m, texts, cats, elapsed)
}

// wantBanking77Quality scores the types m gave banking77's training texts
// (document i+1 is texts[i]) against their intents, logs the figures
// under label, and fails below the quality every way of placing them
// must keep.
func wantBanking77Quality(t *testing.T, label string, m *Model, texts, cats []string, elapsed time.Duration) {
	t.Helper()
	pred := make([]int64, len(texts))
	for i := range texts {
		pred[i], _ = m.TypeOf(int64(i + 1))
	}
	nmi, ari := clusterScores(pred, cats)
	n := len(m.sizes)
	t.Logf("%s: %d docs, %d types, NMI %.3f, ARI %.3f, %.0f assigns/s", label, len(texts), n, nmi, ari, float64(len(texts))/elapsed.Seconds())
	if nmi < 0.72 || ari < 0.30 || n < 60 || n > 200 {
		t.Errorf("want NMI >= 0.72, ARI >= 0.30 and 60–200 types; got NMI %.3f, ARI %.3f, %d types", nmi, ari, n)
	}
}
