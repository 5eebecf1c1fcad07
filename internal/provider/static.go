package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Static is a static embedding model: one vector per vocabulary entry,
// looked up for each token of a text and mean-pooled, then normalised. It
// runs in the process, in microseconds per text, with no network.
type Static struct {
	name   string
	dim    int
	matrix []float32 // row i is the vector of token i
	tokens func(text string, out []int32) []int32
}

// LoadStatic loads a static model from path: a directory in the Model2Vec
// layout (tokenizer.json and model.safetensors), a directory holding one
// .vec file, or a .vec file (GloVe or fastText text format).
func LoadStatic(path string) (*Static, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("embeddings model: %w", err)
	}
	if !st.IsDir() {
		return loadVec(path)
	}
	tok, tensors := filepath.Join(path, "tokenizer.json"), filepath.Join(path, "model.safetensors")
	if exists(tok) && exists(tensors) {
		return loadModel2Vec(path, tok, tensors)
	}
	vecs, _ := filepath.Glob(filepath.Join(path, "*.vec"))
	switch len(vecs) {
	case 1:
		return loadVec(vecs[0])
	case 0:
		return nil, fmt.Errorf("embeddings model %s: neither tokenizer.json with model.safetensors nor a .vec file", path)
	}
	return nil, fmt.Errorf("embeddings model %s: %d .vec files; name one", path, len(vecs))
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Name is "static:", the model's folder or file name, and its dimension.
func (s *Static) Name() string { return s.name }

// Dim is the vectors' dimension.
func (s *Static) Dim() int { return s.dim }

// Local is true: the model runs in the process.
func (s *Static) Local() bool { return true }

// Embed embeds each text; it never fails but for a cancelled ctx.
func (s *Static) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	var ids []int32
	for i, t := range texts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ids = s.tokens(t, ids[:0])
		out[i] = s.pool(ids)
	}
	return out, nil
}

// pool is the normalised mean of the tokens' vectors.
func (s *Static) pool(ids []int32) []float32 {
	v := make([]float32, s.dim)
	for _, id := range ids {
		row := s.matrix[int(id)*s.dim : (int(id)+1)*s.dim]
		for j, x := range row {
			v[j] += x
		}
	}
	normalise(v) // the mean's direction is the sum's
	return v
}

func staticName(path string, dim int) string {
	return fmt.Sprintf("static:%s/%d", filepath.Base(filepath.Clean(path)), dim)
}

var errEmptyModel = errors.New("the model holds no vectors")

// fold lowercases s as the tokenisers of both formats see it.
func fold(s string) string { return strings.ToLower(s) }
