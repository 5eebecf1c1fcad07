package knowledge

import "fmt"

// A recommendation says when its evidence is thin, so that a support lead
// can tell a figure backed by dozens of attempts from one backed by two.
// The top fix's evidence counts its decided attempts in the issue type's
// conversations and the nearest conversations in which it was tried; below
// minTypeAttempts of the first and minNeighbours of the second, the
// evidence is thin: a Beta posterior over fewer attempts than that is
// still wider than ±0.2.
const (
	minTypeAttempts = 5
	minNeighbours   = 3
)

// NoHistory is the reason of thin evidence when no issue type is known
// for a message.
const NoHistory = "no past conversation resembles this issue"

// judgeEvidence says whether actions, ranked fixes first, rest on enough
// evidence, and if not, why.
func judgeEvidence(actions []SolutionInfo) (evidence, reason string) {
	if len(actions) == 0 {
		return EvidenceThin, "no solution has been tried for this issue yet"
	}
	top := actions[0]
	if top.Escalation {
		return EvidenceThin, "only escalations have been tried for this issue"
	}
	st := top.Stats
	if st.TotalAttempts >= minTypeAttempts || st.Neighbours >= minNeighbours {
		return EvidenceOK, ""
	}
	return EvidenceThin, fmt.Sprintf("the top action was tried %s for this issue type and in %s of the nearest conversations",
		times(st.TotalAttempts), plural(st.Neighbours, "one", "none"))
}

func times(n int) string {
	switch n {
	case 0:
		return "never"
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

func plural(n int, one, zero string) string {
	switch n {
	case 0:
		return zero
	case 1:
		return one
	}
	return fmt.Sprint(n)
}
