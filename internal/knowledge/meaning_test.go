package knowledge

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/provider/providertest"
)

// With SolutionsByMeaning the engine gives each proposal the vector of
// its phrase, so two agents' proposals that share no word ("restart the
// wifi", "restart the internet") are stored under one solution when the
// tiny model says they mean one thing; without it, under two.
func TestSolutionsByMeaning(t *testing.T) {
	model, err := provider.LoadStatic(providertest.WriteVec(t, filepath.Join(t.TempDir(), "tiny.vec")))
	if err != nil {
		t.Fatal(err)
	}
	embed := func(texts []string) [][]float32 {
		vs, err := model.Embed(context.Background(), texts)
		if err != nil {
			t.Fatal(err)
		}
		return vs
	}
	now := time.Now()
	for _, byMeaning := range []bool{false, true} {
		e := New(issuetype.Config{})
		if byMeaning {
			e.SolutionsByMeaning(0.5, embed)
		}
		var keys []string
		for i, proposal := range []string{"Please restart the wifi.", "Could you restart the internet?"} {
			c := &fathom.Conversation{ID: int64(i + 1), TenantID: 1, Status: fathom.StatusOpen}
			d := e.Analyze(c, []fathom.Message{{Seq: 0, Role: fathom.RoleUser, Content: "it is down", CreatedAt: now},
				{Seq: 1, Role: fathom.RoleAssistant, Content: proposal, CreatedAt: now}}, now)
			if len(d.templates) != 1 {
				t.Fatalf("%q: %d attempts", proposal, len(d.templates))
			}
			keys = append(keys, d.templates[0].Key)
		}
		if (keys[0] == keys[1]) != byMeaning {
			t.Errorf("by meaning %v: solutions %q and %q", byMeaning, keys[0], keys[1])
		}
	}
}
