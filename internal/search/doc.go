// Package search is an in-memory Okapi BM25 index over one tenant's
// conversations, used to find conversations similar to a piece of text.
//
// The database is the source of truth: an Index is a cache, rebuilt from the
// database at start-up and kept current by a background job through Upsert
// and Delete. The package must therefore not persist anything, reach into
// storage, or hold data that cannot be rebuilt: it encodes ranges of an
// index as bytes (AppendRange, LoadRange) that its caller may save to load
// faster, checking each document's tag against its source. Nor does it know what the
// documents are (it sees only ids and text) or enforce tenant access, which
// callers do by choosing the Index from the Catalog.
//
// Text is turned into terms by textproc, so queries and documents are
// normalised identically.
package search
