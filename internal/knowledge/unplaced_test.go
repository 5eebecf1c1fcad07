package knowledge

import (
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

// TestUnplaced: analyses followed from another server whose conversations
// the model does not hold are listed, in order; those the model holds are
// not, and a tenant with every analysis placed lists none.
func TestUnplaced(t *testing.T) {
	t.Parallel()
	e := New(issuetype.Config{})
	const tn = 7
	if got := e.Unplaced(tn); got != nil || len(e.Tenants()) != 0 {
		t.Fatalf("an unknown tenant: unplaced %v, tenants %v; want none of either", got, e.Tenants())
	}
	now := time.Now()
	for id := int64(1); id <= 3; id++ {
		c := &fathom.Conversation{ID: id, TenantID: tn, Status: fathom.StatusOpen}
		msgs := []fathom.Message{{Role: fathom.RoleUser, Content: "my card was declined at the shop", CreatedAt: now}}
		e.Apply(tn, []*Draft{e.Analyze(c, msgs, now)})
	}
	if got := e.Unplaced(tn); len(got) != 0 {
		t.Fatalf("unplaced %v with every analysis placed, want none", got)
	}
	typ, _ := e.Model(tn).TypeOf(1)
	e.Follow(tn, nil, []*fathom.Analysis{
		{ConversationID: 9, TenantID: tn, IssueTypeID: typ, AnalyzedAt: now},
		{ConversationID: 5, TenantID: tn, IssueTypeID: typ, AnalyzedAt: now},
	}, nil)
	if got, want := e.Unplaced(tn), []int64{5, 9}; !slices.Equal(got, want) {
		t.Fatalf("unplaced %v, want %v", got, want)
	}
}
