// Package summary makes, offline and without a language model, what Fathom
// makes after a meeting: the transcript's language, its action items and a
// "General" summary in Fathom's Markdown layout (spec §13).
//
// Everything is extractive and deterministic: topics come from lexical
// cohesion over stemmed words (TextTiling), sentences are picked by
// centrality to the meeting's or topic's TF-IDF centroid, and action items
// by English commitment and request patterns rewritten as imperatives.
// README.md has the evaluation on QMSum.
//
// The package is pure. It must not do I/O, HTTP or SQL, know about tenants
// or storage, or call out to any model: the processing job calls it inside
// a transaction and its cost is part of every meeting's ingestion.
package summary
