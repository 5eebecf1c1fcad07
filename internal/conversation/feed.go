package conversation

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/store"
)

// Several servers on one database each hold the search index and the
// knowledge in memory. Whatever changes them is appended to the change
// feed in the same transaction (appendChange), and every server tails the
// feed (Follow) and applies what the others changed, with three followers
// of their own cursor each: the index follower indexes tracked and
// analysed conversations from the database and drops deleted ones, in a
// few queries per poll; the knowledge follower counts stored analyses
// under the issue types they were stored with, and takes in the type
// names saved with a model; the model follower loads the tenant's saved
// model when one was saved, which takes long for a large tenant
// (modelfollow.go). So a tracked conversation is searchable on every
// server within a poll or two, and counted in its issue type within a
// poll of its analysis, however long model loads take. A server alone on its database (Config.Server empty) neither
// writes nor tails the feed.

// feedPage is how many changes one read of the feed returns.
const feedPage = 1000

// feed is a server's position in the change feed. Ids come from a sequence
// and, on an engine with concurrent writers, a lower id can commit after a
// higher one was read: the cursor stays below the first id not seen yet
// until that gap has been open for GapWait (a rolled-back write leaves a
// hole that never fills), and everything after it is applied meanwhile,
// each change once (seen).
type feed struct {
	mu     sync.Mutex
	cursor int64               // every id <= cursor is applied or given up
	seen   map[int64]bool      // applied ids above the cursor
	gaps   map[int64]time.Time // ids above the cursor not seen, since when
	lastOK time.Time           // the last read of the feed that succeeded
	// fromFirst: the cursor starts just before the first change read.
	fromFirst bool
	// wake, when set, is signalled after every poll (for tests).
	wake chan struct{}
}

// appendChange records a change in tx when the server shares its database.
func (s *Service) appendChange(ctx context.Context, tx store.Tx, tenantID int64, kind string, ref int64) error {
	if s.cfg.Server == "" {
		return nil
	}
	return tx.ChangeAppend(ctx, &store.Change{TenantID: tenantID, Kind: kind, Ref: ref, Server: s.cfg.Server, CreatedAt: s.now()})
}

// Shared reports whether the server shares its database with others (and
// so writes and tails the change feed).
func (s *Service) Shared() bool { return s.cfg.Server != "" }

// OpenFeed places the cursor before the server loads its state from the
// database: changes committed from then on are applied again on top of
// what the load read (applying is idempotent), and those created up to
// GapWait earlier too, in case they committed late.
func (s *Service) OpenFeed(ctx context.Context) error {
	if s.cfg.Server == "" {
		return nil
	}
	cursor, err := s.store.ChangeLastID(ctx, s.now().Add(-s.cfg.FeedGapWait))
	if err != nil {
		return err
	}
	s.feed.open(cursor)
	s.indexFeed.open(cursor)
	s.modelFeed.open(cursor)
	return nil
}

func (f *feed) open(cursor int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cursor, f.seen, f.gaps, f.lastOK = cursor, map[int64]bool{}, map[int64]time.Time{}, time.Now()
	// With no change that old, the ids before the first one read are not
	// gaps to wait for (they may number millions, pruned long ago).
	f.fromFirst = cursor == 0
}

// Follow tails the change feed until ctx ends, applying every other
// server's changes: the index and knowledge followers within FeedPoll,
// the model follower as fast as model loads allow. A failed read (the database went
// away) is retried at the next tick; the cursors are kept, so the server
// catches up once the database answers again.
func (s *Service) Follow(ctx context.Context) {
	if s.cfg.Server == "" {
		return
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.follow(ctx, "index", s.catchUpIndex)
	}()
	go func() {
		defer wg.Done()
		s.follow(ctx, "model", s.catchUpModels)
	}()
	s.follow(ctx, "knowledge", s.catchUpKnowledge)
	wg.Wait()
}

// follow calls catchUp every FeedPoll until ctx ends.
func (s *Service) follow(ctx context.Context, name string, catchUp func(context.Context) error) {
	t := time.NewTicker(s.cfg.FeedPoll)
	defer t.Stop()
	failing := false
	for {
		err := catchUp(ctx)
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			s.logger.Warn("change feed: read failed; retrying", "follower", name, "err", err)
			failing = true
		case err == nil && failing:
			s.logger.Info("change feed: reading again", "follower", name)
			failing = false
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// CatchUp applies every change committed so far, as the three followers
// do: to the index, to the knowledge, and the last model saved of each
// tenant this server is not analysing, its own saves included (so that
// the analysing server, at rest, answers from the model its followers
// loaded). The analysis job catches up otherwise (catchUpForLease).
func (s *Service) CatchUp(ctx context.Context) error {
	if s.cfg.Server == "" {
		return nil
	}
	if err := s.catchUpIndex(ctx); err != nil {
		return err
	}
	if err := s.catchUpKnowledge(ctx); err != nil {
		return err
	}
	return s.catchUpModels(ctx)
}

func (s *Service) catchUpIndex(ctx context.Context) error {
	return s.catchUp(ctx, &s.indexFeed, s.applyIndex, func(ctx context.Context) error {
		s.logger.Warn("change feed: fell behind what was pruned; reloading the index from the database")
		_, err := s.RebuildIndex(ctx)
		return err
	})
}

func (s *Service) catchUpKnowledge(ctx context.Context) error {
	return s.catchUp(ctx, &s.feed, s.applyChanges, s.rebuild)
}

// catchUp reads the feed after f's cursor and applies, with apply, each
// change not applied yet; rebuild reloads what apply keeps when the feed
// was pruned past the cursor.
func (s *Service) catchUp(ctx context.Context, f *feed, apply func(context.Context, []*store.Change) error, rebuild func(context.Context) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	defer func() {
		if f.wake != nil {
			select {
			case f.wake <- struct{}{}:
			default:
			}
		}
	}()
	first, err := s.store.ChangeFirstID(ctx)
	if err != nil {
		return err
	}
	if first > f.cursor+1 && time.Since(f.lastOK) > s.cfg.FeedGapWait {
		// Changes after the cursor may have been pruned while the server
		// could not read: what it holds can no longer be patched.
		if err := rebuild(ctx); err != nil {
			return err
		}
		f.cursor, f.seen, f.gaps = first-1, map[int64]bool{}, map[int64]time.Time{}
	}
	after := f.cursor
	for {
		page, err := s.store.ChangeList(ctx, after, feedPage)
		if err != nil {
			return err
		}
		if f.fromFirst && len(page) > 0 {
			f.cursor, f.fromFirst = page[0].ID-1, false
		}
		var fresh []*store.Change
		for _, c := range page {
			if !f.seen[c.ID] {
				fresh = append(fresh, c)
			}
		}
		if err := apply(ctx, fresh); err != nil {
			return err
		}
		for _, c := range fresh {
			f.seen[c.ID] = true
			delete(f.gaps, c.ID)
		}
		if len(page) > 0 {
			after = page[len(page)-1].ID
		}
		if len(page) < feedPage {
			break
		}
	}
	f.advance(after, time.Now(), s.cfg.FeedGapWait)
	f.lastOK = time.Now()
	return nil
}

// advance moves the cursor over the ids seen, and over ids missing for
// longer than wait; high is the highest id read.
func (f *feed) advance(high int64, now time.Time, wait time.Duration) {
	for id := f.cursor + 1; id <= high; id++ {
		if !f.seen[id] {
			if _, ok := f.gaps[id]; !ok {
				f.gaps[id] = now
			}
		}
	}
	for f.cursor < high {
		next := f.cursor + 1
		if f.seen[next] {
			delete(f.seen, next)
		} else if since, ok := f.gaps[next]; ok && now.Sub(since) >= wait {
			delete(f.gaps, next)
		} else {
			return
		}
		f.cursor = next
	}
}

// tenantChanges are one tenant's changes in one read of the feed.
type tenantChanges struct {
	analysed, deleted []int64
	model             int64 // the id of the last model save, 0 if none
	names             bool  // names were saved, with a model or alone
}

// applyChanges applies other servers' changes to the knowledge, per
// tenant: deletions and analyses, then the names of a model saved. The
// index follower (applyIndex) indexes what they changed, and the model
// follower (applyModels) loads the models saved.
func (s *Service) applyChanges(ctx context.Context, changes []*store.Change) error {
	byTenant := map[int64]*tenantChanges{}
	var order []int64
	for _, c := range changes {
		if c.Server == s.cfg.Server {
			continue // applied in memory when it was made
		}
		tc := byTenant[c.TenantID]
		if tc == nil {
			tc = &tenantChanges{}
			byTenant[c.TenantID] = tc
			order = append(order, c.TenantID)
		}
		switch c.Kind {
		case store.ChangeAnalysis:
			tc.analysed = append(tc.analysed, c.Ref)
		case store.ChangeDelete:
			tc.deleted = append(tc.deleted, c.Ref)
		case store.ChangeModel:
			tc.model, tc.names = max(tc.model, c.ID), true
		case store.ChangeNames:
			tc.names = true
		}
	}
	for _, tenantID := range order {
		if err := s.applyTenant(ctx, tenantID, byTenant[tenantID]); err != nil {
			return fmt.Errorf("apply changes of tenant %d: %w", tenantID, err)
		}
	}
	return nil
}

func (s *Service) applyTenant(ctx context.Context, tenantID int64, tc *tenantChanges) error {
	// The analyses of the conversations analysed, read in batches (two
	// queries each) rather than one query per conversation.
	ids := unique(tc.analysed)
	var analyses []*fathom.Analysis
	for lo := 0; lo < len(ids); lo += analysisReadBatch {
		got, err := s.store.AnalysisListByIDs(ctx, tenantID, ids[lo:min(lo+analysisReadBatch, len(ids))])
		if err != nil {
			return err
		}
		analyses = append(analyses, got...)
	}
	if len(analyses) > 0 || len(tc.deleted) > 0 {
		sols, err := s.store.SolutionList(ctx, tenantID)
		if err != nil {
			return err
		}
		s.know.Follow(tenantID, sols, analyses, tc.deleted)
	}
	if !tc.names {
		return nil
	}
	// The names of the types the analyses just counted were pinned and
	// saved after them, alone or with the model: one small read names a
	// type the model in use does not hold yet.
	blob, err := s.store.KnowledgeModelGet(ctx, tenantID, knowledge.NamesKind)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return err
	default:
		if err := s.know.FollowNames(tenantID, blob); err != nil {
			return err
		}
	}
	if tc.model > 0 {
		s.leaseMu.Lock()
		s.modelSaved[tenantID] = max(s.modelSaved[tenantID], tc.model)
		s.leaseMu.Unlock()
	}
	return nil
}

// applyIndex applies other servers' changes to the search index, per
// tenant: deleted conversations leave it, and tracked and analysed ones
// are read back and indexed unless the index holds their version already
// (one query for the conversations, one for the messages of those whose
// text is new); then the chunks of vectors they saved are loaded for the
// vectors this server lacks (a backfill job's, run elsewhere).
func (s *Service) applyIndex(ctx context.Context, changes []*store.Change) error {
	deleted, written, vectors := map[int64][]int64{}, map[int64][]int64{}, map[int64][]int64{}
	var order []int64
	for _, c := range changes {
		if c.Server == s.cfg.Server {
			continue // applied in memory when it was made
		}
		if deleted[c.TenantID] == nil && written[c.TenantID] == nil && vectors[c.TenantID] == nil {
			order = append(order, c.TenantID)
		}
		switch c.Kind {
		case store.ChangeTracked, store.ChangeAnalysis:
			written[c.TenantID] = append(written[c.TenantID], c.Ref)
		case store.ChangeDelete:
			deleted[c.TenantID] = append(deleted[c.TenantID], c.Ref)
		case store.ChangeVectors:
			vectors[c.TenantID] = append(vectors[c.TenantID], c.Ref)
		}
	}
	for _, tenantID := range order {
		for _, id := range deleted[tenantID] {
			s.indexDelete(tenantID, id)
		}
		if err := s.indexFromStore(ctx, tenantID, unique(written[tenantID])); err != nil {
			return fmt.Errorf("index changes of tenant %d: %w", tenantID, err)
		}
		// After the index: a chunk's vectors are taken for the
		// conversations it holds.
		if s.vec == nil {
			continue
		}
		for _, chunk := range unique(vectors[tenantID]) {
			if _, err := s.followChunk(ctx, tenantID, chunk); err != nil {
				return fmt.Errorf("vectors saved for tenant %d: %w", tenantID, err)
			}
		}
	}
	return nil
}

// indexFromStore indexes the tenant's conversations ids as the database
// holds them now, those the index does not hold at that version.
func (s *Service) indexFromStore(ctx context.Context, tenantID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	convs, err := s.store.ConversationListByIDs(ctx, tenantID, ids)
	if err != nil {
		return err
	}
	stale := convs[:0:0]
	for _, c := range convs {
		if !s.indexHolds(tenantID, c) {
			stale = append(stale, c)
		}
	}
	if len(stale) == 0 {
		return nil
	}
	want := make([]int64, len(stale))
	for i, c := range stale {
		want[i] = c.ID
	}
	msgs, err := s.store.MessageListMany(ctx, want)
	if err != nil {
		return err
	}
	for _, c := range stale {
		s.indexUpsert(tenantID, c, IndexText(c, msgs[c.ID]), false)
	}
	return nil
}

// analysisReadBatch bounds the conversations whose analyses one read asks
// for (SQLite takes each id as a parameter).
const analysisReadBatch = 500

func unique(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// rebuild reloads every tenant's knowledge from the database (the index
// follower reloads the index when it fell behind too).
func (s *Service) rebuild(ctx context.Context) error {
	s.logger.Warn("change feed: fell behind what was pruned; reloading knowledge from the database")
	tenants, err := s.store.TenantList(ctx)
	if err != nil {
		return err
	}
	for _, t := range tenants {
		if s.holdsLease(t.ID) {
			continue // learning here: what it holds is newer than the saved
		}
		s.know.Forget(t.ID)
		if _, err := loadTenantKnowledge(ctx, s.store, s.know, t.ID); err != nil {
			return err
		}
	}
	return nil
}

// PruneChanges deletes changes older than FeedKeep (with the hourly purge).
func (s *Service) PruneChanges(ctx context.Context) error {
	if s.cfg.Server == "" {
		return nil
	}
	return s.store.Write(ctx, func(tx store.Tx) error {
		n, err := tx.ChangeDeleteBefore(ctx, s.now().Add(-s.cfg.FeedKeep))
		if n > 0 {
			s.logger.Info("pruned change feed", "count", n)
		}
		return err
	})
}

// errBusy is returned by AnalyzeTenant when another job of this server
// is analysing the tenant, or another server holds the tenant's analysis
// lease: the job is retried after RetryAfter.
type errBusy struct{ tenantID int64 }

func (e errBusy) Error() string {
	return fmt.Sprintf("tenant %d is being analysed by another job or server", e.tenantID)
}

// RetryAfter says when to try again: soon, since the job must run after
// the holder's, and the lag of the change it was made for is this wait.
// Trying costs one small transaction.
func (errBusy) RetryAfter() time.Duration { return 250 * time.Millisecond }

// IsBusy reports whether err says another job or server is analysing the
// tenant.
func IsBusy(err error) bool { return errors.As(err, new(errBusy)) }
