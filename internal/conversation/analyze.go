package conversation

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/cputime"
	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/store"
)

// analysisBatch is how many changed conversations one round reads, and
// analysisRounds how many rounds one job runs before handing the rest to a
// fresh job (so one busy tenant cannot hold a worker forever).
const (
	analysisBatch      = 500
	analysisRounds     = 20
	analysisWriteChunk = 50
)

// AnalyzeTenant brings the tenant's derived state up to date with every
// conversation changed since the last run. Today that is the search index.
//
// It first clears the tenant's pending flag, then reads: a write committed
// after the clear enqueues a new job, and one committed before it is seen by
// the read, so no change is missed. A conversation's dirty flag is cleared
// only if its version is the one analysed.
func (s *Service) AnalyzeTenant(ctx context.Context, tenantID int64) (err error) {
	s.analysing.Add(1)
	defer s.analysing.Add(-1)
	// Once the backlog is drained, after the lease is given up and the
	// index saved: the free memory analysis leaves is returned (see
	// memrelease.go).
	drained := false
	defer func() {
		if drained && err == nil {
			releaseMemory(s.logger, s.analysing.Load())
		}
	}()
	if s.Shared() {
		// One server at a time learns a tenant's model; a job that finds
		// another at work is retried later, its pending flag still set.
		release, err := s.takeLease(ctx, tenantID)
		if err != nil {
			return err
		}
		defer release()
		// Before the lease goes: the next holder learns on top of the
		// saved model, which must hold everything analysed here.
		defer s.saveBeforeRelease(tenantID)
	} else {
		// One job at a time, likewise: a write during a job enqueues
		// the next, which waits for this one to end.
		unclaim, err := s.claim(tenantID)
		if err != nil {
			return err
		}
		defer unclaim()
	}
	err = s.store.Write(ctx, func(tx store.Tx) error { return tx.TenantClearAnalysisPending(ctx, tenantID) })
	if err != nil {
		return err
	}
	countTokens := s.tokens != nil && s.tokens.LimitsTokens(ctx, tenantID)
	defer s.saveIndexEvery(ctx, tenantID, 0)
	for round := 0; round < analysisRounds; round++ {
		if round > 0 && s.Shared() {
			if err := s.renewLease(ctx, tenantID); err != nil {
				return err
			}
		}
		started, seen := time.Now(), s.requestsSeen()
		var work workClock
		dirty, err := s.store.ConversationListDirty(ctx, tenantID, analysisBatch)
		if err != nil {
			return err
		}
		// Chunk by chunk, each stored (and in the change feed) as soon as
		// it is analysed. While analysis keeps up with the writes (fewer
		// than analysisBatch wait) and requests are served, a round ends
		// once it has worked AnalysisRoundWork, so that a write waits for
		// a short round, not a long one. Behind (a full batch waits) or
		// idle, a round takes the whole batch: the round's fixed costs
		// are then spread over more conversations, and a write waits for
		// the backlog in any case.
		//
		// Behind on a shared database, the round is one chunk: its reads
		// and its write are a few round trips for all of it instead of a
		// few per 50 conversations (on a busy machine each waits for
		// PostgreSQL to get a core). There writers run side by side, so a
		// longer transaction stalls no request; SQLite's one writer is
		// shared with requests, and its calls cost no round trip.
		behind := len(dirty) == analysisBatch
		size := analysisWriteChunk
		if behind && s.Shared() {
			size = analysisBatch
		}
		// A chunk is stored while the next is placed (one write in
		// flight, in chunk order): the placement does not read what the
		// write stores, and the store's write, its commit and the index's
		// upserts then overlap the placement instead of following it.
		var applied []*knowledge.Draft
		var writing *chunkWrite
		collect := func() error {
			if writing == nil {
				return nil
			}
			kept, tokens, used, err := writing.wait()
			writing, work.used = nil, work.used+used
			if err != nil {
				return err
			}
			applied = append(applied, kept...)
			noteAnalysed(len(kept))
			if countTokens {
				s.tokens.AddTokens(ctx, tenantID, tokens)
			}
			return nil
		}
		done := 0
		for done < len(dirty) && (done == 0 || behind || !s.serving(seen) || time.Since(started) < s.cfg.AnalysisRoundWork) {
			chunk := dirty[done:min(done+size, len(dirty))]
			placed, err := s.placeChunk(ctx, tenantID, chunk, countTokens, &work)
			if err != nil {
				return errors.Join(err, collect())
			}
			if err := collect(); err != nil {
				return err
			}
			writing = s.writeChunk(ctx, tenantID, placed)
			done += len(chunk)
		}
		if err := collect(); err != nil {
			return err
		}
		s.saveIndexEvery(ctx, tenantID, indexSaveEvery)
		// A consolidation's new types call for new term associations:
		// they are learned from the types alone, beside the recount of
		// the statistics and the model's save, which they do not read.
		var consolidated bool
		var learning *learningBeside
		work.run(func() {
			consolidated = s.know.ApplyBeside(tenantID, applied, func() { learning = s.learnBeside(tenantID) })
		})
		err = s.afterRound(ctx, tenantID, consolidated, len(applied))
		work.used += learning.wait()
		if err != nil {
			return err
		}
		work.run(func() { s.know.LearnAssociations(tenantID, s.index.For(tenantID)) })
		if err := s.pace(ctx, work.used, seen); err != nil {
			return err
		}
		if done == len(dirty) && len(dirty) < analysisBatch {
			// The backlog is drained: settle the types of its last stretch.
			settled := s.know.Settle(tenantID)
			s.know.LearnAssociations(tenantID, s.index.For(tenantID))
			if settled {
				drained = true
				return s.saveModel(ctx, tenantID)
			}
			more, err := s.linger(ctx, tenantID)
			if err != nil || !more {
				drained = true
				return err
			}
		}
	}
	return s.store.Write(ctx, func(tx store.Tx) error { return s.markForAnalysis(ctx, tx, tenantID) })
}

// learningBeside is the learning of a tenant's term associations on a
// goroutine of its own (learnBeside).
type learningBeside struct {
	done chan struct{}
	used time.Duration // its processor time
}

// learnBeside learns the tenant's term associations on a goroutine of its
// own, as LearnAssociations would here: the caller changes neither the
// index nor the types until it has waited.
func (s *Service) learnBeside(tenantID int64) *learningBeside {
	l := &learningBeside{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.used = threadWork(func() { s.know.LearnAssociations(tenantID, s.index.For(tenantID)) })
	}()
	return l
}

// wait waits for the learning (none for nil) and gives its processor time.
func (l *learningBeside) wait() time.Duration {
	if l == nil {
		return 0
	}
	<-l.done
	return l.used
}

// indexSaveEvery is how often analysis saves the chunks of the search index
// changed since the last save: the chunk of the newest conversations
// changes in every round, and writing it (up to 4,096 conversations'
// terms) after every round of a fraction of a second would cost more than
// the round.
const indexSaveEvery = 2 * time.Second

// saveIndexEvery saves the chunks of the search index changed since the
// last save if that was every ago or longer: a start then reads only what
// was written since (a failed save is retried with the next, and a start
// that finds a chunk stale reads its texts).
func (s *Service) saveIndexEvery(ctx context.Context, tenantID int64, every time.Duration) {
	last := s.indexSavedAt.Load()
	if now := time.Now().UnixNano(); now-last < int64(every) || !s.indexSavedAt.CompareAndSwap(last, now) {
		return
	}
	if err := s.SaveIndex(ctx); err != nil {
		s.logger.Warn("search index not saved", "tenant", tenantID, "err", err)
	}
}

// placedChunk is a chunk analysed and placed in the tenant's models, not
// yet stored.
type placedChunk struct {
	convs     []*fathom.Conversation
	messages  map[int64][]fathom.Message
	drafts    []*knowledge.Draft
	newTokens []int64
}

// placeChunk reads a chunk of the tenant's changed conversations and
// places them, in order, in the tenant's models; writeChunk then stores
// and indexes them (AnalyzeTenant stores a chunk while it places the
// next).
func (s *Service) placeChunk(ctx context.Context, tenantID int64, chunk []*fathom.Conversation, countTokens bool, work *workClock) (*placedChunk, error) {
	feedback, err := s.feedbackOf(ctx, tenantID, chunk)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(chunk))
	for i, c := range chunk {
		ids[i] = c.ID
	}
	messages, err := s.store.MessageListMany(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("analyze conversations: %w", err)
	}
	now := s.now()
	p := &placedChunk{convs: chunk, messages: messages, drafts: make([]*knowledge.Draft, len(chunk)), newTokens: make([]int64, len(chunk))}
	// What depends on a conversation's text alone, and the first stage of
	// its neighbour search in the tenant's index frozen for the chunk, is
	// read ahead on the other processors; the placement, in order, here
	// (see readAhead).
	frozen := s.know.FreezePlacement(tenantID)
	reads := startReading(chunk, messages, countTokens, frozen)
	work.run(func() {
		for i, c := range chunk {
			msgs := messages[c.ID]
			var reading *knowledge.Reading
			reading, p.newTokens[i] = reads.take(i)
			p.drafts[i] = s.know.AnalyzeReading(c, msgs, s.denseOf(c, msgs), now, reading, feedback[c.ID]...)
		}
	})
	work.used += reads.finish()
	work.run(frozen.Thaw)
	return p, nil
}

// chunkWrite is a placed chunk being stored and indexed on a goroutine
// of its own.
type chunkWrite struct {
	done   chan struct{}
	kept   []*knowledge.Draft
	tokens int64
	used   time.Duration // the processor time of its indexing
	err    error
}

// writeChunk stores, in one transaction, the analyses of the placed
// chunk's conversations still at the version read, then indexes those;
// wait gives their drafts, for the engine to apply, and the tokens of
// their new messages (counted when placeChunk was asked to). What changed
// since it was read is dirty again and comes back in the next round, and
// a deleted conversation must not return to the index; what its track
// indexed at this version is not indexed again (see trackindex.go).
func (s *Service) writeChunk(ctx context.Context, tenantID int64, p *placedChunk) *chunkWrite {
	w := &chunkWrite{done: make(chan struct{})}
	go func() {
		defer close(w.done)
		// A small transaction, but on a shared database behind: SQLite's
		// writer is shared with requests, and one holding it for hundreds
		// of conversations would stall them (see AnalyzeTenant).
		var current []bool
		w.err = s.store.Write(ctx, func(tx store.Tx) (err error) {
			current, err = s.storeAnalyses(ctx, tx, tenantID, p.convs, p.drafts)
			return err
		})
		if w.err != nil {
			return
		}
		w.used = threadWork(func() {
			for i, c := range p.convs {
				if current[i] {
					if !s.indexHolds(tenantID, c) {
						s.indexUpsert(tenantID, c, IndexText(c, p.messages[c.ID]), false)
					}
					w.kept = append(w.kept, p.drafts[i])
					w.tokens += p.newTokens[i]
				}
			}
		})
	}()
	return w
}

// wait waits for the write and gives what it kept, the tokens of their
// new messages, the processor time of the indexing and the write's error.
func (w *chunkWrite) wait() ([]*knowledge.Draft, int64, time.Duration, error) {
	<-w.done
	return w.kept, w.tokens, w.used, w.err
}

// storeAnalyses writes, in tx, the drafts of the conversations still at
// the version analysed, and reports which were. Each kind of row goes in
// one call for the whole chunk (one round trip each on PostgreSQL): the
// marks, the solutions (one upsert per distinct key), the analyses with
// their attempts, and the change feed's entries.
func (s *Service) storeAnalyses(ctx context.Context, tx store.Tx, tenantID int64, convs []*fathom.Conversation, drafts []*knowledge.Draft) ([]bool, error) {
	marks := make([]store.AnalyzedMark, len(convs))
	for i, c := range convs {
		marks[i] = store.AnalyzedMark{ConversationID: c.ID, Version: c.Version, AnalyzedCount: c.MessageCount}
	}
	current, err := tx.ConversationMarkAnalyzedMany(ctx, marks)
	if err != nil {
		return nil, err
	}
	var kept []*knowledge.Draft
	var changes []*store.Change
	for i, d := range drafts {
		if current[i] {
			kept = append(kept, d)
			if s.Shared() {
				changes = append(changes, &store.Change{TenantID: tenantID, Kind: store.ChangeAnalysis, Ref: convs[i].ID,
					Server: s.cfg.Server, CreatedAt: s.now()})
			}
		}
	}
	if err := storeDrafts(ctx, tx, kept); err != nil {
		return nil, err
	}
	return current, tx.ChangeAppendMany(ctx, changes)
}

// requestsSeen is the count of requests received so far, 0 without an
// Activity.
func (s *Service) requestsSeen() uint64 {
	if s.busy == nil {
		return 0
	}
	_, n := s.busy.Activity()
	return n
}

// serving reports whether requests were served during a round of analysis
// that began when the request count was seen: one is in flight, or one
// arrived since. Without an Activity it always says yes.
func (s *Service) serving(seen uint64) bool {
	if s.busy == nil {
		return true
	}
	inFlight, n := s.busy.Activity()
	return inFlight > 0 || n != seen
}

// workClock adds up the processor time of a round of analysis's own
// work — analysing, indexing, learning — which pacing rests in proportion
// to. Each part runs locked to its OS thread and is measured by that
// thread's processor time (cputime.Thread, Linux), or by its wall time
// where the platform does not say. The round's waits for the database,
// and for a core on a busy machine, use no core of the server's: paced
// on a round's wall time, a round of 100 ms of work and 150 ms of round
// trips rested 250 ms, and analysis fell behind writes it had the
// processor time to keep up with (docs/benchmarks.md, "Cross-server lag
// under load"). The thread is held only while the work runs, never
// across a round trip: a goroutine locked to a thread resumes after each
// wait on that thread alone, which on a busy machine waits for the OS to
// run it. The readers that read a chunk's conversations ahead on other
// threads (readAhead) are measured the same way and counted with it. The
// saves of the model and names are not counted (their encoding is small,
// or parallel on other threads).
type workClock struct{ used time.Duration }

func (w *workClock) run(f func()) { w.used += threadWork(f) }

// threadWork runs f locked to its OS thread and returns the processor
// time that thread used (its wall time where the platform does not say).
func threadWork(f func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start, wall := cputime.Thread(), time.Now()
	f()
	if start > 0 {
		return max(0, cputime.Thread()-start)
	}
	return time.Since(wall)
}

// pace rests after a round of analysis that shared the machine with
// requests, so that analysis then takes at most AnalysisDuty of a core:
// under a burst of writes the requests keep the CPU and analysis lags. A
// round with no request in sight is not paced: an idle server drains its
// backlog at full speed.
func (s *Service) pace(ctx context.Context, worked time.Duration, seen uint64) error {
	if !s.serving(seen) {
		return nil
	}
	rest := time.Duration(float64(worked) * (1/s.cfg.AnalysisDuty - 1))
	if rest <= 0 {
		return nil
	}
	t := time.NewTimer(rest)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// saveModel stores what changed in the tenant's issue-type model since it
// was last saved. It is saved after each consolidation and at shutdown;
// conversations analysed since the last save are found missing from it at
// start-up and analysed again.
func (s *Service) saveModel(ctx context.Context, tenantID int64) error {
	// Name the new types here, as the first read would: followers load
	// the names with the model, so every server shows the same names, and
	// the first read after a start or a consolidation does not name them
	// all (at 100,000 conversations that read took 145 ms where the next
	// took 3; docs/benchmarks.md, "Types named when the model is saved").
	s.know.PinNames(tenantID)
	if !s.Shared() {
		return saveKnowledge(ctx, s.store, s.know, tenantID, s.now(), nil)
	}
	// A model learned online answers a little differently from the same
	// model saved and loaded (as a restart shows): the analysing server
	// loads what it saved as its followers do, but with its model
	// follower, once the tenant's analysis has ended (modelfollow.go), not
	// in front of its next round.
	err := saveKnowledge(ctx, s.store, s.know, tenantID, s.now(), func(tx store.Tx) error {
		return s.appendChange(ctx, tx, tenantID, store.ChangeModel, 0)
	})
	if err == nil {
		s.markModelSaved(tenantID)
	}
	return err
}

// IndexText is what search matches a conversation on: how the user stated
// the issue (see fathom.Opening), and how a person said it was resolved.
// Generated notes are left out: they repeat the user's words and would
// count them twice.
func IndexText(c *fathom.Conversation, msgs []fathom.Message) string {
	var b strings.Builder
	for _, s := range fathom.Opening(msgs) {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	if !c.NotesGenerated {
		b.WriteString(c.ResolutionNotes)
	}
	return b.String()
}

// RecoverBesideIndex runs at start-up, while the search index is rebuilt
// elsewhere (indexed gives the rebuild's outcome, read once): it loads the
// knowledge engine, queues again the conversations its saved model lacks,
// and gives every tenant with conversations waiting for analysis an
// analysis job, whether or not its pending flag says one exists. Every
// tenant's term associations, which need the index and the issue types,
// are learned too, as soon as both are loaded, beside the recount of the
// statistics rather than after it (nothing the recount changes is read in
// learning them). What is learned is what LearnAssociations learns once
// everything is loaded.
func (s *Service) RecoverBesideIndex(ctx context.Context, indexed <-chan error) error {
	learned, err := s.recoverKnowledge(ctx, indexed)
	if err != nil {
		return err
	}
	for _, id := range s.know.Tenants() {
		if !learned[id] { // a tenant not listed when the models were read
			s.know.LearnAssociations(id, s.index.For(id))
		}
	}
	return s.requeue(ctx)
}

// recoverKnowledge loads the knowledge engine and, with indexed not nil,
// learns the term associations of the tenants whose models it loads once
// the index is in too, on a goroutine of its own; it returns those tenants,
// and the load's error joined with the index's.
func (s *Service) recoverKnowledge(ctx context.Context, indexed <-chan error) (map[int64]bool, error) {
	type learning struct {
		tenants map[int64]bool
		err     error
	}
	var learnt chan learning
	var modelsLoaded func([]int64)
	if indexed != nil {
		modelsLoaded = func(ids []int64) {
			learnt = make(chan learning, 1)
			go func() {
				if err := <-indexed; err != nil {
					learnt <- learning{err: err}
					return
				}
				done := make(map[int64]bool, len(ids))
				for _, id := range ids {
					s.know.LearnAssociations(id, s.index.For(id))
					done[id] = true
				}
				learnt <- learning{tenants: done}
			}()
		}
	}
	_, err := loadKnowledge(ctx, s.store, s.know, modelsLoaded)
	if err != nil {
		err = fmt.Errorf("load knowledge: %w", err)
	}
	var learned map[int64]bool
	switch {
	case learnt != nil:
		got := <-learnt
		learned, err = got.tenants, errors.Join(err, got.err)
	case indexed != nil:
		err = errors.Join(err, <-indexed)
	}
	if err != nil {
		return nil, err
	}
	if s.Shared() {
		// As every server does when it loads a saved model (ReloadModel);
		// a model that lost conversations has its associations learned
		// again.
		for _, id := range s.know.Tenants() {
			if s.know.DropUnanalysed(id) && learned[id] {
				s.know.RelearnAssociations(id, s.index.For(id))
			}
		}
	}
	return learned, nil
}

// requeue queues again the conversations the saved models lack and gives
// every tenant with conversations waiting for analysis an analysis job.
func (s *Service) requeue(ctx context.Context) error {
	stale := s.know.Stale()
	tenants, err := s.store.TenantList(ctx)
	if err != nil {
		return err
	}
	for _, t := range tenants {
		ids := stale[t.ID]
		if len(ids) > 0 {
			s.logger.Warn("re-analysing conversations missing from the saved issue-type model", "tenant", t.ID, "count", len(ids))
		}
		err := s.store.Write(ctx, func(tx store.Tx) error {
			if err := tx.ConversationMarkDirty(ctx, ids); err != nil {
				return err
			}
			dirty, err := tx.ConversationListDirty(ctx, t.ID, 1)
			if err != nil || len(dirty) == 0 {
				return err
			}
			// Whatever the flag says: a flag left set by a job that was
			// discarded, with the server gone before it could clear it,
			// would otherwise hold the tenant's analysis forever.
			_, err = s.enqueueWhateverTheFlag(ctx, tx, t.ID)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// AnalysisAbandoned is told that the tenant's analysis job failed its last
// attempt and was discarded. The tenant's pending flag is still set, so no
// write would enqueue another job: it clears the flag and, if
// conversations are waiting, enqueues a new job (with a new round of
// attempts) at once.
func (s *Service) AnalysisAbandoned(ctx context.Context, tenantID int64) error {
	s.logger.Error("analysis job of the tenant failed its last attempt; enqueueing a new one", "tenant", tenantID)
	return s.store.Write(ctx, func(tx store.Tx) error {
		if err := tx.TenantClearAnalysisPending(ctx, tenantID); err != nil {
			return err
		}
		dirty, err := tx.ConversationListDirty(ctx, tenantID, 1)
		if err != nil || len(dirty) == 0 {
			return err
		}
		return s.markForAnalysis(ctx, tx, tenantID)
	})
}

// AnalysisResume gives an analysis job to every tenant with conversations
// waiting for analysis and no job pending (its flag clear); the queue
// runs it periodically, so that a tenant whose job was lost (its flag
// cleared, as by AnalysisAbandoned, but the new job never enqueued) is
// analysed without waiting for its next write.
//
// On a shared database it also gives one to a waiting tenant whose flag
// is set while no server holds its analysis lease: the job the flag
// stands for may have been running on a server when it was killed (a job
// that finds the lease held runs for a moment, then waits), and the queue
// runs such a job again only after rescueAfter (ten minutes), while
// writes, finding the flag set, enqueue nothing. A job too many finds the
// lease or nothing to do. And it gives one to a tenant whose analyses this
// server holds but whose model lacks them (see requeueUnplaced): when
// their server died, the job that takes its lease over places them, even
// if nothing is written to the tenant again; when it lives, it saves them
// within ModelSaveEvery and the job finds nothing to do.
func (s *Service) AnalysisResume(ctx context.Context) error {
	tenants, err := s.store.TenantList(ctx)
	if err != nil {
		return err
	}
	for _, t := range tenants {
		dirty, err := s.store.ConversationListDirty(ctx, t.ID, 1)
		if err != nil {
			return err
		}
		// The model's documents are looked through only when nothing
		// waits: a tenant with dirty conversations gets its job anyway.
		if len(dirty) == 0 && !(s.Shared() && !s.analysingHere(t.ID) && len(s.know.Unplaced(t.ID)) > 0) {
			continue
		}
		err = s.store.Write(ctx, func(tx store.Tx) error {
			if s.Shared() && len(dirty) > 0 {
				held, err := tx.AnalysisLeaseHeld(ctx, t.ID, s.now())
				if err != nil {
					return err
				}
				if !held {
					wasClear, err := s.enqueueWhateverTheFlag(ctx, tx, t.ID)
					if err == nil && !wasClear {
						s.logger.Info("analysis pending with no server at it; enqueueing a job", "tenant", t.ID)
					}
					return err
				}
			}
			return s.markForAnalysis(ctx, tx, t.ID)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// SaveModels stores every tenant's issue-type model (at shutdown). A
// shared server saved after every round already, and must not write over
// a model another server learned since with the copy it followed.
func (s *Service) SaveModels(ctx context.Context) error {
	if s.Shared() {
		return nil
	}
	for _, id := range s.know.Tenants() {
		if err := s.saveModel(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// AnalysisIdle reports whether every committed change has been analysed and
// applied to the in-memory knowledge: no conversation is waiting, and no
// analysis is still applying what it committed. A conversation's dirty flag
// is cleared in the analysis's transaction, before the engine learns it, so
// the count alone would answer early.
func (s *Service) AnalysisIdle(ctx context.Context) (bool, error) {
	n, err := s.store.ConversationCountDirty(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	return s.analysing.Load() == 0, nil
}

// AnalyzeUntilIdle runs the analysis of a tenant here and now until the
// server has no conversation left to analyse, for a server started with
// no workers: the caller then decides when analysis happens and what it
// reads (the evaluations, and tests whose figures must not depend on how
// tracks fell into rounds).
func (s *Service) AnalyzeUntilIdle(ctx context.Context, tenantID int64) error {
	for ctx.Err() == nil {
		if err := s.AnalyzeTenant(ctx, tenantID); err != nil {
			return err
		}
		idle, err := s.AnalysisIdle(ctx)
		if err != nil || idle {
			return err
		}
	}
	return ctx.Err()
}
