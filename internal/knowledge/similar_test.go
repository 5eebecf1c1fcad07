package knowledge

import (
	"reflect"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
)

// similarTenant analyses conversations that are each one user message, the
// way the analysis job does, into an engine and a search index.
func similarTenant(t *testing.T, openings ...string) (*Engine, *search.Index) {
	t.Helper()
	e, ix := New(issuetype.Config{}), search.NewIndex()
	now := time.Now()
	var drafts []*Draft
	for i, text := range openings {
		c := &fathom.Conversation{ID: int64(i + 1), TenantID: 1, Status: fathom.StatusOpen}
		msgs := []fathom.Message{{Role: fathom.RoleUser, Content: text, CreatedAt: now}}
		drafts = append(drafts, e.Analyze(c, msgs, now))
		ix.Upsert(c.ID, text)
	}
	e.Apply(1, drafts)
	return e, ix
}

func TestSimilar(t *testing.T) {
	e, ix := similarTenant(t,
		"my card payment was declined at the shop",
		"card declined again when paying online",
		"I forgot my password and cannot log in",
		"the password reset email never arrived",
		"my wifi keeps dropping",
		"User says the app crashes when opening settings",
	)
	similar := func(message string, limit int) *SimilarResult {
		return e.Similar(1, SimilarParams{Index: ix, Message: message, Limit: limit, MinSimilarity: 0.1})
	}

	got := similar("Customer says their card payment was declined", 2)
	if len(got.Matches) == 0 || len(got.Matches) > 2 || got.Total < len(got.Matches) {
		t.Fatalf("limit 2: %d matches of %d", len(got.Matches), got.Total)
	}
	if id := got.Matches[0].ID; id != 1 && id != 2 {
		t.Errorf("top match %d, want a card conversation", id)
	}
	for _, m := range got.Matches {
		if len(m.Reasons) == 0 {
			t.Errorf("match %d shown without reasons", m.ID)
		}
	}

	// Who reported the issue changes nothing, on the query's side or on
	// the conversation's.
	for _, tt := range []struct{ reported, plain string }{
		{"Customer says their card payment was declined", "their card payment was declined"},
		{"the client is asking whether the app crashes in settings", "the app crashes in settings"},
	} {
		a, b := similar(tt.reported, 3), similar(tt.plain, 3)
		if !reflect.DeepEqual(a.Matches, b.Matches) || a.Total != b.Total {
			t.Errorf("%q matched %+v (%d), %q matched %+v (%d)", tt.reported, a.Matches, a.Total, tt.plain, b.Matches, b.Total)
		}
	}
	if top := similar("the app crashes in settings", 1).Matches; len(top) != 1 || top[0].ID != 6 {
		t.Errorf("app crash query matched %+v, want conversation 6", top)
	}

	// The recommendation reads the nearest conversations even when none
	// is shown.
	none := similar("Customer says their card payment was declined", 0)
	if len(none.Matches) != 0 || none.Total != got.Total {
		t.Errorf("limit 0: %d matches of %d, want none of %d", len(none.Matches), none.Total, got.Total)
	}
	if !reflect.DeepEqual(none.Recommendation, got.Recommendation) {
		t.Errorf("limit 0 recommends %+v, limit 2 %+v", none.Recommendation, got.Recommendation)
	}
}
