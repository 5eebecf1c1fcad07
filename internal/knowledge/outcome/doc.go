// Package outcome reads a user's reply to a support attempt and says whether
// it reports success, failure, a result still to come (pending) or nothing
// about the attempt (unknown), with a confidence that reflects how explicit
// the cue was.
//
// It works on one message at a time, in two layers. Hand-written cues over
// textproc's words and stems hold only general reaction language: closed-
// class words (negation, modals, pronouns, discourse markers) and the
// evaluative words of any reaction ("work", "fix", "same", "still", "no
// luck"), never the nouns or verbs of one domain; rules add negation scopes
// ("not working", "no longer a problem"), denied abilities whatever the verb
// ("it won't open"), questions, conditionals, hedges and clause order (the
// last, strongest statement wins: "it failed at first but now it works").
// Where the cues state no result, Weights learned from labelled accepted and
// rejected replies decide (Learn; sgdWeights, generated from the develop half
// of the Schema-Guided Dialogue data by learnsgd).
//
// It keeps no state, does no I/O and knows nothing of conversations,
// attempts or storage: deciding which reply belongs to which attempt is the
// attempt package's job. It must stay deterministic, since outcomes feed
// persisted statistics.
package outcome
