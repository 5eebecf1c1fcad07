package issuetype

import (
	"fmt"
	"testing"
)

func TestDistinctivePhrases(t *testing.T) {
	// "card payment" is common to every type; "payment declined" is this
	// type's own; "declined again" is one member's.
	own := map[string]int{"card payment": 9, "payment declined": 6, "declined again": 1}
	all := map[string]int{"card payment": 60, "payment declined": 7, "declined again": 1, "card not arrived": 20}
	cases := []struct {
		minCount int
		want     string
	}{
		{2, "[payment declined card payment]"},
		{1, "[payment declined declined again card payment]"}, // 1·log(1+22/1) > 9·log(1+22/60)
	}
	for _, tc := range cases {
		if got := fmt.Sprint(DistinctivePhrases(own, all, 22, tc.minCount)); got != tc.want {
			t.Errorf("minCount %d: DistinctivePhrases = %s, want %s", tc.minCount, got, tc.want)
		}
	}
}

func TestPickName(t *testing.T) {
	cands := []string{"card not arrived", "card ordered", "new card not arrived"}
	cases := []struct {
		taken map[string]bool
		want  string
	}{
		{nil, "card_not_arrived"},
		{map[string]bool{"card_not_arrived": true}, "new_card_not_arrived"},
		{map[string]bool{"card_not_arrived": true, "new_card_not_arrived": true}, "card_ordered"},
		{map[string]bool{"card_not_arrived": true, "new_card_not_arrived": true, "card_ordered": true}, ""},
	}
	for _, tc := range cases {
		if got := PickName(cands, tc.taken); got != tc.want {
			t.Errorf("taken %v: PickName = %q, want %q", tc.taken, got, tc.want)
		}
	}
}
