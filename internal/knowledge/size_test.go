package knowledge

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

func TestEngineSize(t *testing.T) {
	e := New(issuetype.Config{})
	if sz := e.Size(); sz != (Size{}) {
		t.Fatalf("empty engine size = %+v", sz)
	}
	now := time.Now()
	texts := []string{"My card payment is declined", "I cannot log in to my account", "Where is my refund"}
	for i, text := range texts {
		tenant := int64(1 + i%2) // two tenants
		c := &fathom.Conversation{ID: int64(i + 1), TenantID: tenant, Status: fathom.StatusOpen}
		e.Analyze(c, []fathom.Message{{Role: fathom.RoleUser, Content: text, CreatedAt: now}}, now)
	}
	if sz, want := e.Size(), (Size{Tenants: 2, Documents: 3}); sz != want {
		t.Fatalf("size = %+v, want %+v", sz, want)
	}
}
