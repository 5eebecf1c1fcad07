package knowledge

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

// TestReanalysisLearnsOnce: a conversation analysed again (it grew) keeps
// its attempts' solutions and does not count its proposals twice.
func TestReanalysisLearnsOnce(t *testing.T) {
	e := New(issuetype.Config{})
	now := time.Now()
	c := &fathom.Conversation{ID: 1, TenantID: 1, Status: fathom.StatusOpen}
	msgs := []fathom.Message{
		{Seq: 0, Role: fathom.RoleUser, Content: "I lost my card", CreatedAt: now},
		{Seq: 1, Role: fathom.RoleAssistant, Content: "Let me order a replacement card for you.", CreatedAt: now},
	}
	for round := range 3 {
		d := e.Analyze(c, msgs, now)
		for i, tpl := range d.templates { // what Store does with the database
			s := *tpl
			s.ID = 1
			d.templates[i], d.Analysis.Attempts[i].SolutionID = &s, s.ID
		}
		e.Apply(1, []*Draft{d})
		msgs = append(msgs, fathom.Message{Seq: len(msgs), Role: fathom.RoleUser, Content: "ok", CreatedAt: now})
		k := e.tenant(1)
		if s, ok := k.learner.Get("order_replacement_card"); !ok || s.Size != 1 {
			t.Fatalf("round %d: solution %+v %v, want one member", round, s, ok)
		}
	}
}
