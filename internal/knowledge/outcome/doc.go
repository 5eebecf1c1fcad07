// Package outcome reads a user's reply to a support attempt and says whether
// it reports success, failure, a result still to come (pending) or nothing
// about the attempt (unknown), with a confidence that reflects how explicit
// the cue was.
//
// It works on one message at a time, with hand-written cue phrases over
// textproc's words and stems, negation scopes ("not working", "no longer a
// problem") and clause order (the last, strongest statement wins: "it failed
// at first but now it works"). It keeps no state, does no I/O and knows
// nothing of conversations, attempts or storage: deciding which reply belongs
// to which attempt is the attempt package's job. It must stay deterministic,
// since outcomes feed persisted statistics.
package outcome
