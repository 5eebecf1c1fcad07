// Package issuetype learns, per tenant and without labels or an LLM, what
// support conversations are about: each conversation (the text of what the
// customer said) joins the closest issue type or founds a new one, and
// Consolidate periodically merges close types, dissolves tiny stale ones and
// re-assigns members k-means style so early mistakes are corrected.
//
// Conversations are TF-IDF vectors over Snowball stems (from textproc) and
// character 3–5-grams of their words, each block L2-normalised, with
// document frequencies that update online. Type ids are stable: a merge keeps
// the larger type's id, and ids survive a save and a load (SaveChunks and
// LoadChunks, which store only what changed since the last save; or
// MarshalBinary and UnmarshalBinary, whole).
//
// The package must not do I/O, know about tenants, storage or labels, or use
// randomness: given the same calls in the same order it produces the same
// types, so results are reproducible and testable. A Model is the state of
// one tenant; the caller chooses which.
package issuetype
