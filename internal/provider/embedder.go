package provider

import (
	"context"
	"errors"
	"math"
)

// Embedder turns texts into vectors of one space: the same Name means
// vectors that may be compared, a different one vectors that must not.
type Embedder interface {
	// Embed returns one L2-normalised vector per text, in order. A text
	// with nothing the model knows gets a zero vector.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
	// Name identifies the vector space: the model, and its dimension where
	// it is known before the first answer (a remote model's is checked by
	// the caller against the vectors it holds).
	Name() string
	// Local reports whether Embed runs in the process, cheaply enough to
	// call on a request's path; a remote embedder is called in the
	// background only, and on a request's path within a deadline.
	Local() bool
}

// ErrUnavailable wraps the errors of an embedder that could not answer
// (network, timeouts, 429 and 5xx after retries): a caller falls back to
// what it can do without vectors.
var ErrUnavailable = errors.New("embeddings provider unavailable")

// normalise scales v to unit length in place; a zero vector stays zero.
func normalise(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}
