package meeting

import (
	"context"
	"errors"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Rules set after meetings were processed. Processing applies the rules in
// force to each meeting once; when the rules change, a job walks the
// tenant's processed meetings and makes its conversations follow the new
// rules, as if every meeting had been processed under them: a meeting the
// rules now hold for becomes a conversation (or keeps the one it has), and
// one they no longer hold for loses the conversation learned from it, with
// what was learned from that conversation, as deleting the meeting would.

// applyPage is how many meetings one job takes: a tenant with more is
// walked by a chain of jobs, each well inside the job timeout.
const applyPage = 200

// ApplySupportCallRules brings the tenant's processed meetings above
// afterID, a page of them, in line with the support-call rules in force,
// each in its own transaction (which reads the rules then, so a later
// change is never undone), and queues the next page. It is idempotent:
// applying the same rules again changes nothing.
func (s *Service) ApplySupportCallRules(ctx context.Context, tenantID, afterID int64) error {
	if s.learner == nil {
		return nil
	}
	start := s.now()
	ids, err := s.store.MeetingReadyIDs(ctx, tenantID, afterID, applyPage)
	if err != nil {
		return err
	}
	var learned, dropped int
	for _, id := range ids {
		l, d, err := s.applyRulesTo(ctx, tenantID, id)
		if err != nil {
			return err
		}
		learned, dropped = learned+l, dropped+d
	}
	s.logger.Info("support-call rules applied to processed meetings", "tenant", tenantID, "meetings", len(ids),
		"support_calls", learned, "conversations_dropped", dropped, "took", s.now().Sub(start).Round(time.Millisecond))
	if len(ids) < applyPage || s.queue == nil {
		return nil
	}
	return s.store.Write(ctx, func(tx store.Tx) error {
		return s.queue.EnqueueSupportCallsTx(ctx, tx, tenantID, ids[len(ids)-1])
	})
}

// applyRulesTo learns from one processed meeting if the rules hold for it
// and forgets its conversation if not; learned and dropped count 1 each
// way (a conversation dropped is counted only if there was one).
func (s *Service) applyRulesTo(ctx context.Context, tenantID, meetingID int64) (learned, dropped int, err error) {
	err = s.store.Write(ctx, func(tx store.Tx) error {
		learned, dropped = 0, 0
		m, err := tx.MeetingGet(ctx, tenantID, meetingID)
		if errors.Is(err, store.ErrNotFound) {
			return nil // deleted meanwhile, with its conversation
		}
		if err != nil || m.Status != fathom.MeetingReady {
			return err
		}
		items, _, err := tx.MeetingContent(ctx, meetingID)
		if err != nil {
			return err
		}
		ok, err := s.learnTx(ctx, tx, m, items)
		if err != nil || ok {
			learned = 1
			return err
		}
		id := fathom.SupportCallConversationID(meetingID)
		switch _, err := tx.ConversationGetByExternalID(ctx, tenantID, id); {
		case errors.Is(err, store.ErrNotFound):
			return nil
		case err != nil:
			return err
		}
		dropped = 1
		return s.learner.ForgetCallTx(ctx, tx, tenantID, id)
	})
	return learned, dropped, err
}
