package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/eval"
)

// TestEvalRecommendPlumbing runs the recommendation simulation end to end
// on a small made-up domain through a real server on :0: conversations
// are tracked, read back and mapped to simulated actions, and every test
// query gets an answer that is scored.
func TestEvalRecommendPlumbing(t *testing.T) {
	engineIndependent(t)
	ctx := context.Background()
	local, err := startLocal(ctx, "normal", "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer local.close(ctx)
	c, err := freshTenant(ctx, local, "plumbing")
	if err != nil {
		t.Fatal(err)
	}
	var train, test []eval.Example
	for i := range 24 {
		for _, intent := range []struct{ name, text string }{
			{"lost", "I lost my card somewhere in town %d"},
			{"declined", "my card payment was declined at shop %d"},
			{"password", "I forgot my password for the app, attempt %d"},
		} {
			ex := eval.Example{Text: fmt.Sprintf(intent.text, i), Intent: intent.name}
			if i%4 == 3 {
				test = append(test, ex)
			} else {
				train = append(train, ex)
			}
		}
	}
	plans := eval.Plans(train, 77)
	sims, err := eval.LoadSimulated(ctx, c, train, plans, eval.PoolDevelop, 1, 4)
	if err != nil {
		t.Fatal(err)
	}
	local.waitAnalysed(ctx)
	m, err := eval.Recommendations(ctx, c, sims, test, plans, eval.PoolDevelop, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", m)
	if m.Mapped == 0 || m.Queries != len(test) || m.Intents != 3 || m.Attempts == 0 || m.Coverage == 0 || len(m.Reliability) == 0 {
		t.Fatalf("the simulation did not get through: %s", m)
	}
	// The additive evidence fields come through the SDK.
	res, err := c.Similarity(ctx, client.SimilarityRequest{Message: test[0].Text})
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Recommendations
	if rec.Evidence != "ok" && rec.Evidence != "thin" || (rec.Evidence == "thin") == (rec.EvidenceReason == "") {
		t.Errorf("evidence %q, reason %q", rec.Evidence, rec.EvidenceReason)
	}
	if len(rec.RecommendedActions) == 0 {
		t.Fatal("no recommended action")
	}
	for _, a := range rec.RecommendedActions {
		if e := a.Evidence; e.Attempts+e.Neighbours == 0 || e.Successes > e.Attempts || e.NeighbourSuccesses > e.Neighbours {
			t.Errorf("%s: evidence %+v", a.Action, e)
		}
	}
}
