package solution

import (
	"cmp"
	"math"
	"slices"
)

// A sum of floats depends, in its last bits, on the order of its terms,
// and Go walks a map in an order that changes from run to run: summed over
// a map, the same weights gave a similarity or an evidence that differed
// by an ulp between runs, enough to turn a tie (members with one object
// competing to describe their solution, solutions equally like a
// proposal) or a threshold. Every float sum over a map here walks its keys
// in order, so that the solutions learned are a function of the proposals
// and their order alone.

// sortedKeys returns a map's keys in order.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// dot is the sum of a[k]*b[k] over keys, in their order.
func dot[K comparable](keys []K, a, b map[K]float64) float64 {
	var s float64
	for _, k := range keys {
		s += a[k] * b[k]
	}
	return s
}

// newVec is a weighted vector with its keys in order and its norm.
func newVec(v map[string]float64) *vecCache {
	vc := &vecCache{vec: v, keys: sortedKeys(v)}
	vc.norm = math.Sqrt(dot(vc.keys, v, v))
	return vc
}

// cosineVec is the cosine of two weighted vectors, summed over a's keys
// in order.
func cosineVec(a, b *vecCache) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	return dot(a.keys, a.vec, b.vec) / (a.norm * b.norm)
}
