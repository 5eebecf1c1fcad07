package conversation

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// midSave is a store on which, once armed, the first read of a saved
// model's header is followed by save before the reader reads on: another
// server's save committing while a follower reads the model.
type midSave struct {
	store.Store
	armed atomic.Bool
	saved atomic.Bool
	save  func()
}

func (m *midSave) KnowledgeChunkScan(ctx context.Context, tenantID int64, kind string, fn func(int, []byte) error) error {
	err := m.Store.KnowledgeChunkScan(ctx, tenantID, kind, fn)
	m.after(kind)
	return err
}

func (m *midSave) Snapshot(ctx context.Context, fn func(store.Reader) error) error {
	return m.Store.Snapshot(ctx, func(r store.Reader) error { return fn(midSaveReader{Reader: r, m: m}) })
}

func (m *midSave) after(kind string) {
	if kind == knowledge.ModelKind+"/"+issuetype.PartHeader && m.armed.CompareAndSwap(true, false) {
		m.save()
		m.saved.Store(true)
	}
}

type midSaveReader struct {
	store.Reader
	m *midSave
}

func (r midSaveReader) KnowledgeChunkScan(ctx context.Context, tenantID int64, kind string, fn func(int, []byte) error) error {
	err := r.Reader.KnowledgeChunkScan(ctx, tenantID, kind, fn)
	r.m.after(kind)
	return err
}

// A follower reloading a model while the analysing server saves the next
// one reads one version of it, whole: it used to read the header of one
// and the documents of the next, and failed with "issuetype: corrupt or
// incompatible model encoding".
func TestReloadDuringSavePostgres(t *testing.T) {
	t.Parallel()
	exerciseReloadDuringSave(t, pgtest.Open(t))
}

func TestReloadDuringSaveSQLite(t *testing.T) {
	t.Parallel()
	exerciseReloadDuringSave(t, sqlitetest.Open(t, t.TempDir()))
}

func exerciseReloadDuringSave(t *testing.T, st store.Store) {
	tn := newTenant(t, st)
	a := newServer(t, st, "a")
	trackTopics(t, a, tn, "a", 60)
	analyze(t, a, tn)
	m := &midSave{Store: st}
	b := newServer(t, m, "b")
	trackTopics(t, a, tn, "b", 40)
	analyze(t, a, tn) // b reloads this model at its next catch-up...
	m.save = func() { // ...while a saves the next, with more documents
		trackTopics(t, a, tn, "c", 40)
		analyze(t, a, tn)
	}
	m.armed.Store(true)
	catchUp(t, b)
	if !m.saved.Load() {
		t.Fatal("b did not reload the model")
	}
	catchUp(t, a, b)
	sameView(t, "after a save during a reload", viewOf(t, a, tn), viewOf(t, b, tn))
}
