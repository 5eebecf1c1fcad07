package conversation

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
	"github.com/fathom-oss/fathom/internal/search"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
)

// countingQueue counts the analysis jobs the service enqueues; the job
// itself is run by the test, by calling AnalyzeTenant.
type countingQueue struct{ n int }

func (q *countingQueue) EnqueueAnalysisTx(context.Context, store.Tx, int64) error { q.n++; return nil }

func TestFeedbackParamsValidate(t *testing.T) {
	t.Parallel()
	ok := FeedbackParams{ConversationID: "c1", Action: "reset_password", Outcome: fathom.OutcomeSuccess}
	with := func(f func(p *FeedbackParams)) FeedbackParams { p := ok; f(&p); return p }
	tests := []struct {
		name string
		p    FeedbackParams
		want string
	}{
		{"minimal", ok, ""},
		{"with a note", with(func(p *FeedbackParams) { p.Note = "the customer confirmed by email" }), ""},
		{"failure", with(func(p *FeedbackParams) { p.Outcome = fathom.OutcomeFailure }), ""},
		{"conversationId missing", with(func(p *FeedbackParams) { p.ConversationID = "" }), "conversationId is required"},
		{"action missing", with(func(p *FeedbackParams) { p.Action = "" }), "action is required"},
		{"action without words", with(func(p *FeedbackParams) { p.Action = "?!" }), "action must name an action"},
		{"action too long", with(func(p *FeedbackParams) { p.Action = strings.Repeat("日", MaxFeedbackAction+1) }), "action must be at most 512 characters"},
		{"action at the limit", with(func(p *FeedbackParams) { p.Action = strings.Repeat("日", MaxFeedbackAction) }), ""},
		{"action not UTF-8", with(func(p *FeedbackParams) { p.Action = "reset\xff" }), "action must be valid UTF-8"},
		{"outcome missing", with(func(p *FeedbackParams) { p.Outcome = "" }), "outcome is required"},
		{"outcome pending", with(func(p *FeedbackParams) { p.Outcome = fathom.OutcomePending }), `outcome must be "success" or "failure"`},
		{"outcome capitalised", with(func(p *FeedbackParams) { p.Outcome = "Success" }), `outcome must be "success" or "failure"`},
		{"note too long", with(func(p *FeedbackParams) { p.Note = strings.Repeat("x", MaxFeedbackNoteBytes+1) }), "note must be at most 4096 bytes"},
		{"note not UTF-8", with(func(p *FeedbackParams) { p.Note = "\xff" }), "note must be valid UTF-8"},
		{"idempotency key too long", with(func(p *FeedbackParams) { p.IdempotencyKey = strings.Repeat("k", 256) }), "Idempotency-Key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantInvalid(t, tt.p.validate(), tt.want) })
	}
}

func TestFeedback(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := sqlitetest.Open(t, t.TempDir())
	var tn *fathom.Tenant
	err := db.Write(ctx, func(tx store.Tx) (err error) {
		tn, err = tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "acme", CreatedAt: time.Now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	q := &countingQueue{}
	know := knowledge.New(issuetype.Config{})
	s := NewService(Deps{Store: db, Queue: q, Index: search.NewCatalog(), Knowledge: know}, Config{})
	_, err = s.Track(ctx, tn.ID, TrackParams{ConversationID: "c1", Messages: []MessageInput{
		{Role: fathom.RoleUser, Content: "My card payment was declined at checkout"},
		{Role: fathom.RoleAssistant, Content: "Can you check whether your card has expired?"},
		{Role: fathom.RoleUser, Content: "Hmm, ok."}}})
	if err != nil {
		t.Fatal(err)
	}
	analyse := func() []knowledge.AttemptInfo {
		t.Helper()
		if err := s.AnalyzeTenant(ctx, tn.ID); err != nil {
			t.Fatal(err)
		}
		c, err := s.Get(ctx, tn.ID, "c1", PageParams{})
		if err != nil {
			t.Fatal(err)
		}
		return c.Attempts
	}
	dirty := func() int {
		t.Helper()
		list, err := db.ConversationListDirty(ctx, tn.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	before := analyse()
	if len(before) != 1 || before[0].Outcome == fathom.OutcomeSuccess || before[0].Outcome == fathom.OutcomeFailure {
		t.Fatalf("before feedback: %+v, want one undecided attempt", before)
	}
	key := before[0].Solution.Key

	if _, err := s.Feedback(ctx, tn.ID, FeedbackParams{ConversationID: "nope", Action: key, Outcome: fathom.OutcomeSuccess}); fathom.ErrorCode(err) != fathom.ENOTFOUND {
		t.Fatalf("unknown conversation: %v, want ENOTFOUND", err)
	}
	if _, err := s.Feedback(ctx, tn.ID, FeedbackParams{ConversationID: "c1", Action: key, Outcome: "maybe"}); fathom.ErrorCode(err) != fathom.EINVALID {
		t.Fatalf("bad outcome: %v, want EINVALID", err)
	}

	give := func(p FeedbackParams, wantChanged bool, wantDirty int) {
		t.Helper()
		jobs := q.n
		res, err := s.Feedback(ctx, tn.ID, p)
		if err != nil {
			t.Fatal(err)
		}
		if res.Changed != wantChanged || dirty() != wantDirty {
			t.Fatalf("feedback %+v: changed %v with %d dirty, want %v and %d", p, res.Changed, dirty(), wantChanged, wantDirty)
		}
		if wantChanged && q.n != jobs+1 {
			t.Fatalf("a changed feedback enqueued %d analysis jobs, want 1", q.n-jobs)
		}
	}
	give(FeedbackParams{ConversationID: "c1", Action: "  " + key + " ", Outcome: fathom.OutcomeSuccess}, true, 1)
	if got := analyse(); len(got) != 1 || got[0].Outcome != fathom.OutcomeSuccess || got[0].Confidence != 1 || got[0].Solution.Stats.SuccessCount != 1 {
		t.Fatalf("after success feedback: %+v", got)
	}
	give(FeedbackParams{ConversationID: "c1", Action: key, Outcome: fathom.OutcomeSuccess}, false, 0)
	give(FeedbackParams{ConversationID: "c1", Action: key, Outcome: fathom.OutcomeFailure, Note: "still declined"}, true, 1)
	got := analyse()
	if len(got) != 1 || got[0].Outcome != fathom.OutcomeFailure || got[0].Solution.Stats.SuccessCount != 0 || got[0].Solution.Stats.FailureCount != 1 {
		t.Fatalf("after failure feedback: %+v", got)
	}

	// An action the text does not show is added; the feedback survives
	// the conversation growing and being analysed again.
	give(FeedbackParams{ConversationID: "c1", Action: "I have reset your password", Outcome: fathom.OutcomeSuccess}, true, 1)
	if _, err := s.Track(ctx, tn.ID, TrackParams{ConversationID: "c1", Messages: []MessageInput{{Role: fathom.RoleUser, Content: "Anything else I should do?"}}}); err != nil {
		t.Fatal(err)
	}
	got = analyse()
	if len(got) != 2 || got[0].Outcome != fathom.OutcomeFailure || got[1].Outcome != fathom.OutcomeSuccess || got[1].Confidence != 1 || got[1].Turn != 4 {
		t.Fatalf("after an added action and more messages: %+v", got)
	}

	// An Idempotency-Key replays the first answer.
	p := FeedbackParams{ConversationID: "c1", Action: key, Outcome: fathom.OutcomeSuccess, IdempotencyKey: "k1"}
	first, err := s.Feedback(ctx, tn.ID, p)
	if err != nil || !first.Changed {
		t.Fatalf("first keyed feedback: %+v, %v", first, err)
	}
	again, err := s.Feedback(ctx, tn.ID, p)
	if err != nil || !again.Replayed || !again.Changed {
		t.Fatalf("replayed feedback: %+v, %v; want the first answer replayed", again, err)
	}
	p.Outcome = fathom.OutcomeFailure
	if _, err := s.Feedback(ctx, tn.ID, p); fathom.ErrorCode(err) != fathom.ECONFLICT {
		t.Fatalf("key reused with another body: %v, want ECONFLICT", err)
	}
	var fe *fathom.Error
	if _, err := s.Feedback(ctx, tn.ID, FeedbackParams{ConversationID: "c1", Action: "", Outcome: fathom.OutcomeFailure}); !errors.As(err, &fe) || fe.Message != "action is required" {
		t.Fatalf("empty action: %v", err)
	}
}
