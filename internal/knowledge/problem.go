package knowledge

import (
	"strings"

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
//
// A short reply to a question of the assistant ("Crystal Minh", "I'm a
// bronze member") answers a request for details and states nothing.
func Symptoms(msgs []fathom.Message, firstProposal, max int) []string {
	var statements []string
	asked := false // the last assistant turn asked a question
	for i, m := range msgs {
		if i >= firstProposal || len(statements) == maxStatements {
			break
		}
		switch {
		case m.Role != fathom.RoleUser:
			asked = strings.Contains(m.Content, "?")
		case asked && len(strings.Fields(m.Content)) <= shortAnswer:
		default:
			statements = append(statements, m.Content)
		}
	}
	return phrase.Symptoms(statements, max)
}

// shortAnswer is the most words of a reply that only answers a question.
const shortAnswer = 3
