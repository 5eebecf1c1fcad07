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
// Model writes the same layout with a chat model the caller provides (the
// Chat interface; prompts/*.md are its prompts), chunking long transcripts
// and merging the partial summaries; the caller falls back on General when
// it fails.
//
// The package is pure. It must not do I/O, HTTP or SQL, or know about
// tenants or storage; it reaches a model only through the Chat it is given.
package summary
