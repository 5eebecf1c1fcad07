package conversation

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/attempt"
	"github.com/fathom-oss/fathom/internal/knowledge/outcome"
	"github.com/fathom-oss/fathom/internal/knowledge/phrase"
	"github.com/fathom-oss/fathom/internal/knowledge/solution"
)

// GenerateNotes writes resolution notes from what the knowledge engine
// reads in the messages: what the problem was (the cause an explanation
// named, else the user's symptom) and what fixed it after what did not,
// from the conversation's attempts and their outcomes:
// "Card expired; updating the card fixed it after contacting the bank did
// not." When nothing is recognised it says so plainly, quoting the user's
// first statement rather than guessing.
func GenerateNotes(msgs []fathom.Message) string {
	attempts := attempt.Extract(msgs, true, "")
	firstProposal := len(msgs)
	if len(attempts) > 0 {
		firstProposal = attempts[0].Turn
	}
	var diagnoses []string
	for _, m := range msgs {
		if m.Role == fathom.RoleAssistant {
			diagnoses = append(diagnoses, m.Content)
		}
	}
	problem := ""
	if cs := phrase.Causes(nil, diagnoses, 1); len(cs) > 0 {
		problem = cs[0]
	} else if ss := knowledge.Symptoms(msgs, firstProposal, 1); len(ss) > 0 {
		problem = ss[0]
	}
	fix := fixes(attempts)
	switch {
	case problem != "":
		return capitalise(problem) + "; " + fix + "."
	case len(msgs) == 0:
		return "Resolved; the conversation holds no messages."
	}
	for _, m := range msgs {
		if m.Role == fathom.RoleUser {
			return "Reported: " + quote(m.Content) + " " + capitalise(fix) + "."
		}
	}
	return capitalise(fix) + "."
}

// fixes says what fixed the problem after what did not: "updating the
// card fixed it after contacting the bank did not".
func fixes(attempts []attempt.Attempt) string {
	var worked string
	var failed []string
	for _, a := range attempts {
		d := doing(a)
		switch {
		case a.Outcome == outcome.Success:
			worked = d
		case a.Outcome == outcome.Failure && worked == "" && !slices.Contains(failed, d):
			failed = append(failed, d)
		}
	}
	switch {
	case worked != "" && len(failed) == 0:
		return worked + " fixed it"
	case worked != "":
		return worked + " fixed it after " + list(failed) + " did not"
	case len(failed) > 0:
		return list(failed) + " did not fix it; no fix was recorded"
	}
	return "no fix was recorded"
}

// doing names an attempt by its verb–object phrase, the verb put in its
// base form first: "contact bank" → "contacting the bank", "I have sent a
// reset link" → "sending the reset link"; a result stated as a state by
// the thing and its state: "the new card on way".
func doing(a attempt.Attempt) string {
	if a.Key != "" && a.Phrase.State {
		return "the " + strings.ReplaceAll(a.Key, "_", " ") // "the new card on way"
	}
	if a.Key != "" {
		words := strings.Split(a.Key, "_")
		if !a.Phrase.Base {
			words[0] = solution.Uninflect(words[0])
		}
		return phrase.Doing(strings.Join(words, " "))
	}
	return strings.ToLower(strings.TrimSpace(a.Action))
}

// maxListed is how many failed attempts notes name; the rest are counted.
const maxListed = 3

// list joins "a", "a and b", "a, b and c", "a, b, c and 2 more".
func list(xs []string) string {
	if len(xs) > maxListed {
		xs = append(xs[:maxListed:maxListed], fmt.Sprintf("%d more", len(xs)-maxListed))
	}
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// quote trims text to one line of at most 120 characters in quotes,
// ending in a full stop.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 120 {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:117])) + "..."
	}
	return "\"" + s + "\"."
}
