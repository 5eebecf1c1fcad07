package conversation

import (
	"context"
	"reflect"
	"testing"

	"github.com/fathom-oss/fathom/internal/store"
)

func TestStartLearnsAssociationsBesideRecount(t *testing.T) {
	t.Parallel()
	onEachStore(t, exerciseStartAssociations)
}

// exerciseStartAssociations: a start that learns the term associations
// beside the recount (RecoverBesideIndex) learns what one learning them
// after everything is loaded does, a tenant whose saved model holds a
// deleted conversation (dropped at the start) included.
func exerciseStartAssociations(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn := newTenant(t, st)
	a := newServer(t, st, "a")
	trackTopics(t, a, tn, "c", 120)
	analyze(t, a, tn)
	if err := a.Delete(ctx, tn, "c-7"); err != nil {
		t.Fatal(err)
	}

	after := bareServer(st, Config{Server: "after"})
	if _, err := after.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if err := after.recoverStore(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range after.know.Tenants() {
		after.know.LearnAssociations(id, after.index.For(id))
	}

	beside := bareServer(st, Config{Server: "beside"})
	indexed := make(chan error, 1)
	go func() {
		_, err := beside.RebuildIndex(ctx)
		indexed <- err
	}()
	if err := beside.RecoverBesideIndex(ctx, indexed); err != nil {
		t.Fatal(err)
	}

	want, got := after.know.Associations(tn), beside.know.Associations(tn)
	if want == nil || want.Terms() == 0 {
		t.Fatalf("nothing learned after the load: %+v", want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("associations learned beside the recount differ: %d terms, %d typed; want %d terms, %d typed",
			got.Terms(), got.Typed, want.Terms(), want.Typed)
	}
}
