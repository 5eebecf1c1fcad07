package knowledge

import (
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

func TestAnalyzeAppliesFeedback(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	msgs := []fathom.Message{
		{Seq: 0, Role: fathom.RoleUser, Content: "My card payment was declined at checkout", CreatedAt: now},
		{Seq: 1, Role: fathom.RoleAssistant, Content: "Can you check whether your card has expired?", CreatedAt: now},
		{Seq: 2, Role: fathom.RoleUser, Content: "Hmm, ok.", CreatedAt: now},
	}
	fb := func(action string, o fathom.Outcome) fathom.Feedback {
		return fathom.Feedback{ConversationID: 1, Action: action, Outcome: o}
	}
	type want struct {
		turn       int
		outcome    fathom.Outcome
		confidence float64
	}
	e := New(issuetype.Config{})
	c := &fathom.Conversation{ID: 1, TenantID: 1, Status: fathom.StatusOpen}
	plain := e.Analyze(c, msgs, now)
	if len(plain.Analysis.Attempts) != 1 || decided(plain.Analysis.Attempts[0].Outcome) {
		t.Fatalf("without feedback: %+v, want one undecided attempt (the reply is ambiguous)", plain.Analysis.Attempts)
	}
	key := plain.templates[0].Key
	tests := []struct {
		name     string
		feedback []fathom.Feedback
		want     []want
	}{
		{"by key", []fathom.Feedback{fb(key, fathom.OutcomeSuccess)}, []want{{1, fathom.OutcomeSuccess, 1}}},
		{"by key, other case", []fathom.Feedback{fb(" "+strings.ToUpper(key), fathom.OutcomeFailure)}, []want{{1, fathom.OutcomeFailure, 1}}},
		{"by the words as said", []fathom.Feedback{fb("Can you check whether your card has expired?", fathom.OutcomeSuccess)}, []want{{1, fathom.OutcomeSuccess, 1}}},
		{"by the action as extracted", []fathom.Feedback{fb(plain.Analysis.Attempts[0].Action, fathom.OutcomeFailure)}, []want{{1, fathom.OutcomeFailure, 1}}},
		{"latest wins", []fathom.Feedback{fb(key, fathom.OutcomeSuccess), fb(key, fathom.OutcomeFailure)}, []want{{1, fathom.OutcomeFailure, 1}}},
		{"an action not in the text is added", []fathom.Feedback{fb("I have reset your password", fathom.OutcomeSuccess)},
			[]want{{1, plain.Analysis.Attempts[0].Outcome, plain.Analysis.Attempts[0].Confidence}, {3, fathom.OutcomeSuccess, 1}}},
		{"two added in order", []fathom.Feedback{fb("restart the router", fathom.OutcomeFailure), fb("zzq wibble", fathom.OutcomeSuccess)},
			[]want{{1, plain.Analysis.Attempts[0].Outcome, plain.Analysis.Attempts[0].Confidence}, {3, fathom.OutcomeFailure, 1}, {4, fathom.OutcomeSuccess, 1}}},
		{"no words, no attempt", []fathom.Feedback{fb("?!", fathom.OutcomeSuccess)},
			[]want{{1, plain.Analysis.Attempts[0].Outcome, plain.Analysis.Attempts[0].Confidence}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := e.Analyze(c, msgs, now, tt.feedback...)
			got := d.Analysis.Attempts
			if len(got) != len(tt.want) || len(d.templates) != len(got) || len(d.learned) != len(got) {
				t.Fatalf("attempts %+v (%d templates, %d learned), want %d", got, len(d.templates), len(d.learned), len(tt.want))
			}
			for i, w := range tt.want {
				if got[i].Turn != w.turn || got[i].Outcome != w.outcome || got[i].Confidence != w.confidence {
					t.Errorf("attempt %d = %+v, want turn %d, %s at %v", i, got[i], w.turn, w.outcome, w.confidence)
				}
			}
			if len(got) > 1 && d.templates[1].Key == key {
				t.Errorf("an added attempt counted under the text's solution %q", key)
			}
		})
	}
}

// The key of an action the engine cannot read is made of its words, and
// the same words given as a key key the same.
func TestFeedbackSolutionFallsBackToWords(t *testing.T) {
	k := newTenantKnowledge(issuetype.NewModel(issuetype.Config{}))
	key, text, description := k.feedbackSolution("  and 42   or 17  ")
	if key != "and_42_or_17" || text != "and 42 or 17" || description != "And 42 or 17." {
		t.Fatalf("feedbackSolution = %q, %q, %q", key, text, description)
	}
	if key, _, _ := k.feedbackSolution("AND_42_OR_17"); key != "and_42_or_17" {
		t.Fatalf("the key resolved to %q", key)
	}
	if key, _, _ := k.feedbackSolution("a b c d e f g h"); key != "a_b_c_d_e_f" {
		t.Fatalf("long text keyed %q, want its first %d words", key, maxSlugWords)
	}
}

func decided(o fathom.Outcome) bool { return o == fathom.OutcomeSuccess || o == fathom.OutcomeFailure }
