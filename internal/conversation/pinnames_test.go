package conversation

import (
	"context"
	"testing"

	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// A server alone on its database names its new types when it saves its
// model, as the first read would, and saves the names with it: after a
// restart the first read has nothing left to name. It used to name them
// all (every type of a 100,000-conversation tenant, 145 ms of that read).
func TestTypesNamedWhenSaved(t *testing.T) {
	st := sqlitetest.Open(t, t.TempDir())
	tn := newTenant(t, st)
	a := newServerWith(t, st, Config{})
	trackTopics(t, a, tn, "a", 60)
	analyze(t, a, tn)
	if err := a.SaveModels(context.Background()); err != nil {
		t.Fatal(err)
	}
	b := newServerWith(t, st, Config{}) // the restart
	if n := len(b.know.Model(tn).BySize()); n == 0 {
		t.Fatal("the restarted server holds no types")
	}
	if b.know.PinNames(tn) {
		t.Fatal("the restarted server had types to name: its saved model held types without names")
	}
}
