package solution

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
	"github.com/fathom-oss/fathom/internal/eval"
	"github.com/fathom-oss/fathom/internal/provider"
)

// TestSTARDevelopDense is TestSTARDevelop with the proposals' vectors
// from the word-vector or Model2Vec model at $FATHOM_TEST_EMBEDDINGS
// (skipped without one), at each DenseWeight of $STAR_DENSE_WEIGHTS
// (comma-separated; default "0,0.1,0.2,0.3,0.5"): the sweep the default
// weight was chosen by, on the develop half only.
func TestSTARDevelopDense(t *testing.T) {
	if testing.Short() {
		t.Skip("reads all of STAR")
	}
	path := os.Getenv("FATHOM_TEST_EMBEDDINGS")
	if path == "" {
		t.Skip("no embeddings model: set FATHOM_TEST_EMBEDDINGS to a .vec file or Model2Vec folder")
	}
	ds := dataset.STAROrSkip(t)
	model, err := provider.LoadStatic(path)
	if err != nil {
		t.Fatal(err)
	}
	cache := map[string][]float32{}
	embed := func(text string) []float32 {
		if v, ok := cache[text]; ok {
			return v
		}
		vs, err := model.Embed(context.Background(), []string{text})
		if err != nil {
			t.Fatal(err)
		}
		cache[text] = vs[0]
		return vs[0]
	}
	weights := os.Getenv("STAR_DENSE_WEIGHTS")
	if weights == "" {
		weights = "0,0.1,0.2,0.3,0.5"
	}
	for _, f := range strings.Split(weights, ",") {
		w, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			t.Fatalf("STAR_DENSE_WEIGHTS: %v", err)
		}
		m, keys, labels := starDevelop(ds, Config{DenseWeight: w}, embed)
		if os.Getenv("STAR_DEBUG") != "" {
			dumpImpure(labels, keys)
		}
		t.Logf("DenseWeight %.2f: purity %.3f, NMI %.3f, %d attempts, %d solutions",
			w, eval.Purity(labels, keys), eval.NMI(labels, keys), len(keys), m.Len())
	}
}
