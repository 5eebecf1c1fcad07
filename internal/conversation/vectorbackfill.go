package conversation

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// The backfill runs after the saved vectors are loaded: as a job per
// tenant (vectorjob.go), or at start for a service without a queue.
// Every saved vector carries the stamp (stampTag: version and creation
// time) of the conversation whose text it embeds, taken with the text in
// one read, so a conversation whose stamp is its vector's has not changed
// since its text was embedded: the backfill compares stamps (four columns
// a conversation, no message read) and reads the text of the others only.
// That is safe whatever a crash interrupted: a chunk saved before a
// conversation changed holds the older stamp, and a chunk saved after the
// change but before the new text's vector was put (a remote provider's
// queue, lost in the crash) holds the older stamp too, since the stamp is
// the vector's, not the chunk's save time. Of the texts read, those whose
// hash a vector matches (the conversation changed, its text did not) get
// the new stamp, and the others are embedded.

// backfillSpan is how many conversations not to read the backfill reads
// over rather than start another read: a read of a few conversations
// costs about what one more query costs.
const backfillSpan = 64

// backfill embeds the conversations of every tenant that are in the
// index without a vector of their current text (see backfillRun). It
// returns how many texts it read and how many it embedded.
func (s *Service) backfill(ctx context.Context) (read, embedded int, err error) {
	stamps, _, err := s.readStamps(ctx)
	if err != nil {
		return 0, 0, err
	}
	res, err := s.backfillRun(ctx, 0, stamps)
	return res.read, res.embedded, err
}

// backfillResult counts a backfill's work: the conversations it found
// without a current vector, the texts it read and those it embedded.
type backfillResult struct{ need, read, embedded int }

// backfillRun embeds the conversations of stamps (every conversation's,
// in id order) of tenantID, of every tenant if 0, that are in the index
// without a vector of their current text, reading the text of those
// whose stamp is not their vector's only. A batch the provider cannot
// embed is tried again after a wait, until ctx ends; the vectors are
// saved as it goes (every BackfillSaveEvery), with its progress logged,
// so that a backfill cut short resumes about where it stopped.
func (s *Service) backfillRun(ctx context.Context, tenantID int64, stamps []stamp) (res backfillResult, err error) {
	// Positions in stamps (in id order) of the conversations to read.
	var need []int
	for i, st := range stamps {
		if tenantID != 0 && st.tenantID != tenantID {
			continue
		}
		if _, indexed := s.index.For(st.tenantID).Tag(st.id); !indexed {
			continue
		}
		if got, ok := s.vec.sets.For(st.tenantID).Stamp(st.id); ok && got != 0 && got == st.tag {
			continue
		}
		need = append(need, i)
	}
	res.need = len(need)
	if len(need) > 0 {
		s.logger.Info("embeddings backfill", "tenant", tenantID, "model", s.vec.emb.Name(), "to_read", len(need))
	}
	var jobs []embedJob
	unsaved, savedAt := 0, time.Now()
	flush := func(force bool) error {
		if len(jobs) == 0 || (!force && len(jobs) < backfillPage) {
			return nil
		}
		if err := s.embedRetrying(ctx, jobs); err != nil {
			return err
		}
		res.embedded, unsaved = res.embedded+len(jobs), unsaved+len(jobs)
		jobs = jobs[:0]
		if unsaved >= backfillPage*40 || time.Since(savedAt) >= s.cfg.BackfillSaveEvery {
			unsaved, savedAt = 0, time.Now()
			if err := s.SaveVectors(ctx); err != nil {
				s.logger.Warn("embeddings: vectors not saved", "err", err)
			} else {
				s.logger.Info("embeddings backfill", "tenant", tenantID, "read", res.read, "embedded", res.embedded, "to_read", len(need))
			}
		}
		return nil
	}
	for lo := 0; lo < len(need); {
		// One read covers needed conversations no further apart than
		// backfillSpan, at most backfillPage of them.
		hi := lo + 1
		for hi < len(need) && hi-lo < backfillPage && need[hi]-need[hi-1] <= backfillSpan {
			hi++
		}
		wanted := make(map[int64]bool, hi-lo)
		for _, i := range need[lo:hi] {
			wanted[stamps[i].id] = true
		}
		first, last := stamps[need[lo]], stamps[need[hi-1]]
		err := s.store.ConversationScan(ctx, &store.ConversationScanParams{AfterID: first.id - 1, Limit: need[hi-1] - need[lo] + 1},
			func(c *fathom.Conversation, msgs []fathom.Message) error {
				if c.ID > last.id || !wanted[c.ID] {
					return nil
				}
				if _, indexed := s.index.For(c.TenantID).Tag(c.ID); !indexed {
					return nil
				}
				res.read++
				// The stamp read with the text, which may be newer than
				// the one compared above.
				text, stamp := IndexText(c, msgs), stampTag(c.Version, c.CreatedAt)
				tag := textTag(text)
				if s.vec.current(c.TenantID, c.ID, tag) {
					s.restamp(c.TenantID, c.ID, tag, stamp)
					return nil
				}
				jobs = append(jobs, embedJob{vecKey{c.TenantID, c.ID}, vecText{text, tag, stamp}})
				return nil
			})
		if err != nil {
			return res, err
		}
		if err := flush(false); err != nil {
			return res, err
		}
		lo = hi
	}
	return res, flush(true)
}
