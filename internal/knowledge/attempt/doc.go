// Package attempt finds, in a support conversation, the proposals an agent
// made or the things the agent did ("can you check if your card is
// expired?", "I've reset your password"), reads each one's verb–object
// phrase from the clause's structure, and decides from what follows whether
// it worked.
//
// Proposals are recognised by structure only: a request frame or an
// imperative, the agent's own act ("I've", "let me", "shall I"), a
// passive report, or, where the user's reply says how it went, a note or
// a result stated as a state ("the lock is off your account"), with
// requests for information set apart. Its tables
// hold closed-class language only (see closed.go); which phrasings mean the
// same action is learned across conversations by package solution.
//
// It is a pure function of the messages, the resolved flag and the
// resolution notes: no storage, no I/O, no state. Output is deterministic.
package attempt
