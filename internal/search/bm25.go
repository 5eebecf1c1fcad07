package search

import "math"

// Okapi BM25 parameters, the usual defaults: k1 controls how quickly repeated
// terms saturate, b how strongly long documents are penalised.
const (
	k1 = 1.2
	b  = 0.75
)

// idf is the BM25 inverse document frequency of a term found in df of n
// documents. The 1+ keeps it positive even for terms in most documents, so
// every matching term adds to a score (and a score of 0 means no match).
func idf(n, df float64) float64 {
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// tfWeight is the BM25 term-frequency factor of a term occurring tf times in
// a document of length dl, given the average document length avgdl.
func tfWeight(tf, dl, avgdl float64) float64 {
	return tf * (k1 + 1) / (tf + k1*(1-b+b*dl/avgdl))
}
