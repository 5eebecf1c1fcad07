package app_test

import (
	"os"
	"testing"
)

// With a real pre-trained model, the server finds the paraphrase that
// shares no word with the query first, by meaning alone (the query is
// asked at once, before any analysis could type the conversations). The
// model is not in the repository: FATHOM_EMBEDDINGS_TEST_MODEL names one
// (a .vec file or a Model2Vec directory); without it the test skips. It
// is the check of a model good enough for the example: the
// averaged GloVe vectors examples/wink-to-vec.mjs writes fail it, ranking
// the wifi conversation third of four (docs/evaluation.md).
func TestEmbeddingsPretrainedModelFindsParaphrase(t *testing.T) {
	path := os.Getenv("FATHOM_EMBEDDINGS_TEST_MODEL")
	if path == "" {
		t.Skip("set FATHOM_EMBEDDINGS_TEST_MODEL to a static model (.vec file or Model2Vec directory; docs/configuration.md, \"Embeddings\") to check it finds a paraphrase")
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("FATHOM_EMBEDDINGS_TEST_MODEL: %v", err)
	}
	cfg := testConfig(t)
	cfg.EmbeddingsModelDir = path
	s := start(t, cfg)
	key := s.newKey(t, "acme")
	trackCorpus(t, s, key)
	if mode, first := similarTo(t, s, key); mode != "hybrid" || first != "wifi" {
		t.Errorf("%q: retrieval %q, first %q; want hybrid and the wifi conversation, which shares no word with it", paraphraseQuery, mode, first)
	}
}
