package attempt

import "strings"

// ActionSimilarity returns how alike two attempts' actions are, in [0, 1],
// for merging near-identical keys learned across conversations: 1 for equal
// non-empty keys, else the Jaccard overlap of their Terms, halved when the
// keys' verbs differ (a different action on the same object, "check card"
// against "update card", is a different solution). Merging above about 0.6
// joins phrasings the synonym tables missed without joining distinct actions.
func ActionSimilarity(a, b Attempt) float64 {
	if a.Key != "" && a.Key == b.Key {
		return 1
	}
	if len(a.Terms) == 0 || len(b.Terms) == 0 {
		return 0
	}
	shared := 0
	for _, t := range a.Terms {
		for _, u := range b.Terms {
			if t == u {
				shared++
				break
			}
		}
	}
	sim := float64(shared) / float64(len(a.Terms)+len(b.Terms)-shared)
	if verb(a.Key) != verb(b.Key) {
		sim /= 2
	}
	return sim
}

func verb(key string) string {
	v, _, _ := strings.Cut(key, "_")
	return v
}

// Canonical returns the key and terms of an action phrase said on its own,
// such as one typed into resolution notes or a playbook: Canonical("verify
// the card's expiry date") is "check_card_expiry". It returns "" and nil if
// the phrase names no action.
func Canonical(action string) (key string, terms []string) {
	a := analyse(action)
	return a.key(), a.terms()
}
