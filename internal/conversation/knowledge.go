package conversation

import (
	"context"
	"errors"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/store"
)

// The knowledge engine keeps no storage of its own: the service loads it
// at start-up, stores its drafts inside the analysis transactions and
// saves its models, all here.

// loadKnowledge rebuilds every tenant's knowledge from the store and
// returns the number of analyses read. The saved models and the analyses
// are read side by side: they are independent until Restored counts the
// statistics, and each is about half of a start's knowledge. The analyses
// of every tenant are read in one pass in conversation id order (see
// restoreAllAnalyses); each model in one snapshot (see reloadModel).
// modelsLoaded, when not nil, is called with the tenants listed once
// their models are loaded, while the analyses may still be read and
// before the statistics are counted: what needs only the models (the term
// associations) can start beside the rest.
func loadKnowledge(ctx context.Context, st store.Store, know *knowledge.Engine, modelsLoaded func(tenants []int64)) (int, error) {
	tenants, err := st.TenantList(ctx)
	if err != nil {
		return 0, err
	}
	type scanned struct {
		n       int
		tenants map[int64]bool
		err     error
	}
	analyses := make(chan scanned, 1)
	go func() {
		n, seen, err := restoreAllAnalyses(ctx, st, know)
		analyses <- scanned{n, seen, err}
	}()
	for _, t := range tenants {
		if err = restoreModel(ctx, st, know, t.ID); err != nil {
			break
		}
	}
	if err == nil && modelsLoaded != nil {
		ids := make([]int64, len(tenants))
		for i, t := range tenants {
			ids[i] = t.ID
		}
		modelsLoaded(ids)
	}
	got := <-analyses
	if err != nil {
		return 0, err
	}
	if got.err != nil {
		return got.n, got.err
	}
	// A tenant created since the list was read may have analyses: it is
	// counted too, with the model it has (none saved yet, or one read
	// when its save is seen).
	for _, t := range tenants {
		delete(got.tenants, t.ID)
		know.Restored(t.ID)
	}
	for id := range got.tenants {
		know.Restored(id)
	}
	return got.n, nil
}

// restoreAllAnalyses reads every tenant's stored analyses into know, in
// conversation id order, and returns how many it read and the tenants
// they belong to.
func restoreAllAnalyses(ctx context.Context, st store.Reader, know *knowledge.Engine) (int, map[int64]bool, error) {
	return restorePages(know, func(after int64, fn func(*fathom.Analysis) error) error {
		return st.AnalysisScanAll(ctx, after, 5000, fn)
	})
}

// restorePages reads the analyses scan gives, a page at a time after the
// last id read, into know, and returns how many it read and the tenants
// they belong to.
func restorePages(know *knowledge.Engine, scan func(after int64, fn func(*fathom.Analysis) error) error) (int, map[int64]bool, error) {
	n := 0
	seen := map[int64]bool{}
	var after, last int64
	for {
		got := 0
		err := scan(after, func(a *fathom.Analysis) error {
			know.RestoreAnalysis(a.TenantID, a)
			if a.TenantID != last {
				seen[a.TenantID], last = true, a.TenantID
			}
			after, got = a.ConversationID, got+1
			return nil
		})
		if err != nil {
			return n, seen, err
		}
		if n += got; got == 0 {
			return n, seen, nil
		}
	}
}

// restoreModel reads the tenant's saved model, type names and solutions
// into know, in one snapshot (see reloadModel).
func restoreModel(ctx context.Context, st store.Store, know *knowledge.Engine, tenantID int64) error {
	return st.Snapshot(ctx, func(r store.Reader) error {
		return know.Restore(tenantID, savedKnowledge{ctx: ctx, st: r, tenantID: tenantID})
	})
}

// loadTenantKnowledge rebuilds one tenant's knowledge from the store, as
// loadKnowledge does every tenant's, and returns the number of analyses
// read.
func loadTenantKnowledge(ctx context.Context, st store.Store, know *knowledge.Engine, tenantID int64) (int, error) {
	type scanned struct {
		n   int
		err error
	}
	analyses := make(chan scanned, 1)
	go func() {
		n, err := restoreAnalyses(ctx, st, know, tenantID)
		analyses <- scanned{n, err}
	}()
	err := restoreModel(ctx, st, know, tenantID)
	got := <-analyses
	if err != nil {
		return 0, err
	}
	if got.err != nil {
		return got.n, got.err
	}
	know.Restored(tenantID)
	return got.n, nil
}

// restoreAnalyses reads the tenant's stored analyses into know and returns
// how many it read.
func restoreAnalyses(ctx context.Context, st store.Reader, know *knowledge.Engine, tenantID int64) (int, error) {
	n, _, err := restorePages(know, func(after int64, fn func(*fathom.Analysis) error) error {
		return st.AnalysisScan(ctx, tenantID, after, 5000, fn)
	})
	return n, err
}

// reloadModel replaces the tenant's model, type names and learned
// solutions by what was saved last. They are read in one snapshot: a save
// is one transaction, but the model is read in several statements (a part
// at a time, then the names and the solutions), and another server's save
// committing between two of them gave a model of two versions, which
// fails to decode (or, worse, decodes with names of the other version).
func (s *Service) reloadModel(ctx context.Context, tenantID int64) error {
	err := s.store.Snapshot(ctx, func(r store.Reader) error {
		return s.know.ReloadModel(tenantID, savedKnowledge{ctx: ctx, st: r, tenantID: tenantID})
	})
	if err == nil {
		s.know.LearnAssociations(tenantID, s.index.For(tenantID))
	}
	return err
}

// savedKnowledge reads a tenant's saved knowledge from the store.
type savedKnowledge struct {
	ctx      context.Context
	st       store.Reader
	tenantID int64
}

func (r savedKnowledge) Chunks(kind string, fn func([]byte) error) error {
	return r.st.KnowledgeChunkScan(r.ctx, r.tenantID, kind, func(_ int, data []byte) error { return fn(data) })
}

func (r savedKnowledge) Blob(kind string) ([]byte, bool, error) {
	blob, err := r.st.KnowledgeModelGet(r.ctx, r.tenantID, kind)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	}
	return blob, true, nil
}

func (r savedKnowledge) Solutions() ([]*fathom.Solution, error) {
	return r.st.SolutionList(r.ctx, r.tenantID)
}

// storeDrafts writes analysis drafts in tx: their solutions (created when
// new, their description and escalation brought up to what was learned)
// and their analyses, replacing the conversations' earlier ones. A key
// several drafts use is upserted once, and brought up to the last of
// them, which is where one upsert per draft in turn would leave it.
func storeDrafts(ctx context.Context, tx store.Tx, drafts []*knowledge.Draft) error {
	if len(drafts) == 0 {
		return nil
	}
	type keyed struct {
		tenantID int64
		key      string
	}
	last := map[keyed]*fathom.Solution{}
	var order []keyed
	for _, d := range drafts {
		for _, tpl := range d.Solutions() {
			k := keyed{tpl.TenantID, tpl.Key}
			if _, ok := last[k]; !ok {
				order = append(order, k)
			}
			last[k] = tpl
		}
	}
	stored := make(map[keyed]*fathom.Solution, len(order))
	for _, k := range order {
		tpl := last[k]
		s, err := tx.SolutionUpsert(ctx, tpl)
		if err != nil {
			return err
		}
		if s.Description != tpl.Description || s.Escalation != tpl.Escalation {
			s.Description, s.Escalation = tpl.Description, tpl.Escalation
			if err := tx.SolutionUpdate(ctx, s); err != nil {
				return err
			}
		}
		stored[k] = s
	}
	analyses := make([]*fathom.Analysis, len(drafts))
	for i, d := range drafts {
		tpls := d.Solutions()
		bound := make([]*fathom.Solution, len(tpls))
		for j, tpl := range tpls {
			s := *stored[keyed{tpl.TenantID, tpl.Key}]
			bound[j] = &s
		}
		d.Bind(bound)
		analyses[i] = &d.Analysis
	}
	return tx.AnalysisReplaceMany(ctx, analyses)
}

// saveKnowledge stores what changed in the tenant's issue-type model since
// its last save, its type names and its learned solutions.
// also, when not nil, runs in each of the save's transactions (the change
// feed's entry).
func saveKnowledge(ctx context.Context, st store.Store, know *knowledge.Engine, tenantID int64, now time.Time, also func(store.Tx) error) error {
	return know.SaveModel(tenantID, func(fn func(knowledge.SaveTx) error) error {
		return st.Write(ctx, func(tx store.Tx) error {
			if err := fn(knowledgeTx{ctx: ctx, tx: tx, tenantID: tenantID, now: now}); err != nil || also == nil {
				return err
			}
			return also(tx)
		})
	})
}

// knowledgeTx writes a tenant's saved knowledge in a store transaction.
type knowledgeTx struct {
	ctx      context.Context
	tx       store.Tx
	tenantID int64
	now      time.Time
}

func (w knowledgeTx) PutChunk(kind string, n int, data []byte) error {
	return w.tx.KnowledgeChunkPut(w.ctx, &store.KnowledgeChunkPutParams{TenantID: w.tenantID,
		Kind: kind, Chunk: n, Data: data, At: w.now})
}

func (w knowledgeTx) TrimChunks(kind string, count int) error {
	return w.tx.KnowledgeChunkTrim(w.ctx, w.tenantID, kind, count)
}

func (w knowledgeTx) PutBlob(kind string, blob []byte) error {
	return w.tx.KnowledgeModelPut(w.ctx, w.tenantID, kind, blob, w.now)
}

func (w knowledgeTx) DeleteBlob(kind string) error {
	return w.tx.KnowledgeModelDelete(w.ctx, w.tenantID, kind)
}

func (w knowledgeTx) DeleteUnusedSolutions() ([]int64, error) {
	return w.tx.SolutionDeleteUnused(w.ctx, w.tenantID)
}
