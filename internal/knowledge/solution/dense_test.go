package solution

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
)

// tinyEmbed embeds texts with the tests' tiny word-vector model, in which
// "wifi", "internet" and "router" point one way and "card" another.
func tinyEmbed(t *testing.T) func(string) []float32 {
	t.Helper()
	model, err := provider.LoadStatic(providertest.WriteVec(t, filepath.Join(t.TempDir(), "tiny.vec")))
	if err != nil {
		t.Fatal(err)
	}
	return func(text string) []float32 {
		vs, err := model.Embed(context.Background(), []string{text})
		if err != nil {
			t.Fatal(err)
		}
		return vs[0]
	}
}

// withVector is p with the vector embed gives its phrase.
func withVector(p Proposal, embed func(string) []float32) Proposal {
	if embed != nil {
		p.Vector = embed(EmbedText(p.Phrase))
	}
	return p
}

// Two proposals of one verb whose objects share no word nor spelling
// ("restart the wifi", "restart the internet") are one solution when
// their vectors are close and the model weighs them, two otherwise: with
// no vectors, or with vectors and DenseWeight 0. An object of another
// meaning ("restart the card") stays apart either way.
func TestVectorsGroupZeroOverlapProposals(t *testing.T) {
	embed := tinyEmbed(t)
	for _, tt := range []struct {
		name   string
		weight float64
		embed  func(string) []float32
		one    bool
	}{
		{"no vectors", 0.5, nil, false},
		{"vectors, weight 0", 0, embed, false},
		{"vectors", 0.5, embed, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := NewModel(Config{DenseWeight: tt.weight})
			wifi := m.Assign(withVector(proposal(t, "Please restart the wifi."), tt.embed))
			internet := m.Assign(withVector(proposal(t, "Could you restart the internet?"), tt.embed))
			card := m.Assign(withVector(proposal(t, "Please restart the card."), tt.embed))
			if (wifi == internet) != tt.one {
				t.Errorf("wifi %q, internet %q: want one solution %v", wifi, internet, tt.one)
			}
			if card == wifi || card == internet {
				t.Errorf("card %q joined wifi %q or internet %q", card, wifi, internet)
			}
		})
	}
}

// A consolidation merges by meaning too: two solutions founded apart (no
// weight at first) meet once their vectors count.
func TestConsolidateMergesByMeaning(t *testing.T) {
	embed := tinyEmbed(t)
	m := NewModel(Config{DenseWeight: 0.5})
	a := m.Assign(withVector(proposal(t, "Please restart the wifi."), embed))
	m.cfg.DenseWeight = 0
	b := m.Assign(withVector(proposal(t, "Please restart the router."), embed))
	if a == b {
		t.Fatalf("placed together without the weight: %q", a)
	}
	m.cfg.DenseWeight = 0.5
	if merged := m.Consolidate(); merged[b] != a && merged[a] != b {
		t.Errorf("consolidation merged %v, want %q and %q", merged, a, b)
	}
}

// A model saved with vectors loads with them; one saved before vectors
// (no "dense" in its clusters) loads and groups by words as before, and
// takes vectors from then on.
func TestPersistVectors(t *testing.T) {
	embed := tinyEmbed(t)
	m := NewModel(Config{DenseWeight: 0.5})
	wifi := m.Assign(withVector(proposal(t, "Please restart the wifi."), embed))
	blob, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded := NewModel(Config{DenseWeight: 0.5})
	if err := loaded.UnmarshalBinary(blob); err != nil {
		t.Fatal(err)
	}
	if got := loaded.Assign(withVector(proposal(t, "Could you restart the internet?"), embed)); got != wifi {
		t.Errorf("after a load the internet proposal went to %q, not %q", got, wifi)
	}

	// The same model as saved before vectors: its clusters without them.
	var st map[string]any
	if err := json.Unmarshal(blob, &st); err != nil {
		t.Fatal(err)
	}
	for _, c := range st["clusters"].([]any) {
		delete(c.(map[string]any), "dense")
		delete(c.(map[string]any), "dense_n")
	}
	old, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	loaded = NewModel(Config{DenseWeight: 0.5})
	if err := loaded.UnmarshalBinary(old); err != nil {
		t.Fatal(err)
	}
	if got := loaded.Assign(withVector(proposal(t, "Could you restart the internet?"), embed)); got == wifi {
		t.Errorf("a solution saved without vectors took a proposal by meaning")
	}
	if got := loaded.Assign(withVector(proposal(t, "Please restart the router."), embed)); got == wifi {
		t.Errorf("router went to %q", got)
	} else if again := loaded.Assign(withVector(proposal(t, "Please restart the network."), embed)); again != got {
		t.Errorf("network went to %q, not to the router's %q, which has a vector", again, got)
	}
}
