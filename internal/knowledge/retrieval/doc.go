// Package retrieval ranks a tenant's past conversations by similarity to a
// new message, combining BM25 over stems (from search), the wording
// similarity of stems and character n-grams (robust to morphology and typos)
// and the learned issue types (from issuetype), with room for a dense
// embedding Scorer later.
//
// BM25 generates candidates; everything else only reranks them, so recall
// is BM25's and latency stays bounded by the candidate count. The package
// must not index, persist or learn anything itself, nor enforce tenant
// access: callers pass the tenant's Index and Model, and the query analysed
// once (Analyse) for every step of the request.
package retrieval
