// Package knowledge is the knowledge engine: per tenant, what each
// conversation is about (its issue type), which solutions were tried and how
// they went, and the statistics and recommendations that follow.
//
// It composes the pieces in its subpackages (issuetype, attempt, outcome,
// stats, phrase, retrieval) and keeps each tenant's knowledge in memory,
// rebuilt from the database at start-up: the database's analyses, attempts,
// solutions and model blobs are the truth, this is their index. It imports
// no storage and does not read or write the database itself: it takes and
// returns plain values (Restore from a Saved reader of blobs, chunks and
// solution rows; Draft.Solutions and Draft.Bind; SaveModel through a SaveTx),
// and the conversation service does the reads and writes, inside its
// transactions, and tells the engine what was committed.
package knowledge
