package knowledge

import (
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
)

// maxStatements is how many user turns before the first proposal can state
// the problem: past them, a conversation whose proposals went unrecognised
// holds reactions more than statements.
const maxStatements = 3

// Symptoms returns up to max symptoms of a conversation: phrases from the
// user's statements of the problem, the user turns before the first
// proposal (the message index firstProposal; len(msgs) when there is none).
// Reactions come after proposals, so they are never read; within the
// statements, greetings, thanks and bare reactions ("still not working")
// hold no phrase of two content words and give nothing. (outcome.Classify
// would not tell them apart: "my card was declined" reads as a failure.)
func Symptoms(msgs []fathom.Message, firstProposal, max int) []string {
	var statements []string
	for i, m := range msgs {
		if i >= firstProposal || len(statements) == maxStatements {
			break
		}
		if m.Role == fathom.RoleUser {
			statements = append(statements, m.Content)
		}
	}
	return phrase.Symptoms(statements, max)
}
