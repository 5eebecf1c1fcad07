// Package attempt finds, in a support conversation, the solutions an agent
// proposed or performed ("can you check if your card is expired?", "I've
// reset your password"), gives each a stable key that different phrasings of
// the same action share ("check_card_expiry"), and decides from what follows
// whether it worked.
//
// It is a pure function of the messages, the resolved flag and the
// resolution notes: no storage, no I/O, no state, no learning across
// conversations (merging keys and counting outcomes belong to the caller and
// to package stats). Keys are persisted, so the synonym tables must only
// change with a plan to recompute stored keys. Output must be deterministic.
package attempt
