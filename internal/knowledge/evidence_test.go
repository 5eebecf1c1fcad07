package knowledge

import (
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func fix(key string, rank float64, attempts int) SolutionInfo {
	return SolutionInfo{Solution: fathom.Solution{Key: key}, Stats: EdgeStats{RankScore: rank, TotalAttempts: attempts}}
}

func escalation(key string, rank float64, attempts int) SolutionInfo {
	s := fix(key, rank, attempts)
	s.Escalation = true
	return s
}

// TestCompareActions: fixes come before escalations whatever their
// records; then the rank score, the evidence and the key decide.
func TestCompareActions(t *testing.T) {
	cases := []struct {
		name        string
		first, then SolutionInfo
	}{
		{"a fix before a better escalation", fix("freeze_card", 0.2, 3), escalation("escalate_specialist", 0.9, 40)},
		{"higher rank first", fix("freeze_card", 0.6, 3), fix("order_card", 0.5, 30)},
		{"equal rank: more attempts first", fix("order_card", 0.5, 30), fix("freeze_card", 0.5, 3)},
		{"equal rank and attempts: key order", fix("a_fix", 0.5, 3), fix("b_fix", 0.5, 3)},
		{"escalations among themselves by rank", escalation("escalate_fraud", 0.7, 3), escalation("escalate_tech", 0.4, 9)},
	}
	for _, c := range cases {
		if compareActions(c.first, c.then) >= 0 || compareActions(c.then, c.first) <= 0 {
			t.Errorf("%s: %s should rank before %s", c.name, c.first.Key, c.then.Key)
		}
	}
}

func TestJudgeEvidence(t *testing.T) {
	withNear := func(s SolutionInfo, n int) SolutionInfo { s.Stats.Neighbours = n; return s }
	cases := []struct {
		name     string
		actions  []SolutionInfo
		evidence string
		reason   string // a part of the reason
	}{
		{"nothing tried", nil, EvidenceThin, "no solution"},
		{"only escalations", []SolutionInfo{escalation("escalate_specialist", 0.8, 20)}, EvidenceThin, "only escalations"},
		{"enough attempts in the type", []SolutionInfo{fix("freeze_card", 0.6, minTypeAttempts)}, EvidenceOK, ""},
		{"enough nearby conversations", []SolutionInfo{withNear(fix("freeze_card", 0.6, 0), minNeighbours)}, EvidenceOK, ""},
		{"two attempts, one nearby", []SolutionInfo{withNear(fix("freeze_card", 0.6, 2), 1), fix("order_card", 0.4, 50)}, EvidenceThin, "tried twice for this issue type and in one of"},
		{"never in the type, none nearby", []SolutionInfo{fix("freeze_card", 0.3, 0)}, EvidenceThin, "tried never"},
	}
	for _, c := range cases {
		e, r := judgeEvidence(c.actions)
		if e != c.evidence || !strings.Contains(r, c.reason) || (e == EvidenceOK) != (r == "") {
			t.Errorf("%s: got %q %q, want %q with a reason containing %q", c.name, e, r, c.evidence, c.reason)
		}
	}
}

func TestWithEvidence(t *testing.T) {
	a, b, c := fix("a", 0, 0), fix("b", 0, 0), fix("c", 0, 0)
	a.ID, b.ID, c.ID = 1, 2, 3
	cases := []struct {
		name string
		near map[int64]nearCounts
		want string
	}{
		{"no neighbour tried anything: the type's record stands", map[int64]nearCounts{}, "abc"},
		{"only actions tried nearby twice or more", map[int64]nearCounts{1: {conversations: 2}, 2: {conversations: 1}, 3: {conversations: 5}}, "ac"},
		{"none tried twice: the type's record stands", map[int64]nearCounts{1: {conversations: 1}}, "abc"},
	}
	for _, tc := range cases {
		got := ""
		for _, s := range withEvidence([]SolutionInfo{a, b, c}, tc.near) {
			got += s.Key
		}
		if got != tc.want {
			t.Errorf("%s: kept %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestRecommendMarksEscalations: through recommend, an escalation with the
// best record of its type is listed after the fix, each action carries its
// evidence, and thin evidence is said.
func TestRecommendMarksEscalations(t *testing.T) {
	k := newTenantKnowledge(nil)
	k.names[1], k.namesStale = typeName{Name: "card_lost"}, false
	k.addSolution(&fathom.Solution{ID: 1, Key: "freeze_card"})
	k.addSolution(&fathom.Solution{ID: 2, Key: "escalate_specialist", Escalation: true})
	outcomes := map[int64][]fathom.Outcome{
		1: {fathom.OutcomeSuccess, fathom.OutcomeFailure, fathom.OutcomeSuccess},
		2: {fathom.OutcomeSuccess, fathom.OutcomeSuccess, fathom.OutcomeSuccess, fathom.OutcomeSuccess, fathom.OutcomeSuccess, fathom.OutcomeSuccess},
	}
	id := int64(100)
	for sol, list := range outcomes {
		for _, o := range list {
			id++
			k.count(id, hold(&fathom.Analysis{ConversationID: id, IssueTypeID: 1, Attempts: []fathom.Attempt{{SolutionID: sol, Outcome: o}}}), 1)
		}
	}
	r := k.recommend(1, nil)
	if len(r.Actions) != 2 || r.Actions[0].Key != "freeze_card" || !r.Actions[1].Escalation {
		t.Fatalf("actions %+v, want freeze_card then the escalation", r.Actions)
	}
	if st := r.Actions[0].Stats; st.TotalAttempts != 3 || st.SuccessCount != 2 {
		t.Errorf("freeze_card evidence %d/%d, want 2/3", st.SuccessCount, st.TotalAttempts)
	}
	if r.Evidence != EvidenceThin || !strings.Contains(r.EvidenceReason, "3 times") {
		t.Errorf("evidence %q %q, want thin: the top fix was tried 3 times", r.Evidence, r.EvidenceReason)
	}
}
