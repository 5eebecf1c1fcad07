package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// testAnalysisBatch checks the calls a round of analysis makes for many
// conversations at once: they must leave what the one-conversation calls
// leave.
func testAnalysisBatch(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "batch")
	other, _ := seedTenant(t, st, "batch2")
	var convs []*fathom.Conversation
	for i := range 4 {
		write(t, st, func(tx store.Tx) error {
			c, err := tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: fmt.Sprint("b", i), CreatedAt: now})
			if err != nil {
				return err
			}
			convs = append(convs, c)
			var msgs []fathom.Message
			// Conversation 2 has no messages; the others i+1, written
			// out of order to see them read back in Seq order.
			if i != 2 {
				for seq := i; seq >= 0; seq-- {
					msgs = append(msgs, fathom.Message{Seq: seq, Role: fathom.RoleUser, Content: fmt.Sprintf("c%d m%d", i, seq), CreatedAt: now})
				}
			}
			return tx.MessageInsertMany(ctx, c.ID, msgs)
		})
	}
	var foreign *fathom.Conversation
	write(t, st, func(tx store.Tx) (err error) {
		foreign, err = tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: other.ID, ExternalID: "b0", CreatedAt: now})
		if err != nil {
			return err
		}
		return tx.MessageInsertMany(ctx, foreign.ID, []fathom.Message{{Seq: 0, Role: fathom.RoleUser, Content: "foreign", CreatedAt: now}})
	})

	// Reads: every message of exactly the conversations asked for.
	ids := []int64{convs[3].ID, convs[0].ID, convs[2].ID, convs[1].ID}
	byID := must(st.MessageListMany(ctx, ids))
	if len(byID) != 3 || len(byID[convs[2].ID]) != 0 {
		t.Fatalf("MessageListMany answered for %d conversations, want 3 (one has no messages): %v", len(byID), byID)
	}
	for i, c := range convs {
		one := must(st.MessageList(ctx, c.ID, 0, 0))
		if fmt.Sprint(byID[c.ID]) != fmt.Sprint(one) {
			t.Fatalf("conversation %d: MessageListMany %v, MessageList %v", i, byID[c.ID], one)
		}
	}
	if got := must(st.MessageListMany(ctx, nil)); len(got) != 0 {
		t.Fatalf("MessageListMany of nothing = %v", got)
	}

	// Marks: only conversations still at the version read are marked.
	write(t, st, func(tx store.Tx) error { return tx.ConversationUpdate(ctx, convs[1]) })
	var current []bool
	write(t, st, func(tx store.Tx) (err error) {
		current, err = tx.ConversationMarkAnalyzedMany(ctx, []store.AnalyzedMark{
			{ConversationID: convs[0].ID, Version: convs[0].Version, AnalyzedCount: 1},
			{ConversationID: convs[1].ID, Version: convs[1].Version - 1, AnalyzedCount: 2},
			{ConversationID: convs[3].ID, Version: convs[3].Version, AnalyzedCount: 4},
		})
		return err
	})
	if fmt.Sprint(current) != "[true false true]" {
		t.Fatalf("ConversationMarkAnalyzedMany = %v, want [true false true]", current)
	}
	dirty := must(st.ConversationListDirty(ctx, tn.ID, 10))
	if len(dirty) != 2 || dirty[0].ID == convs[0].ID || dirty[1].ID == convs[0].ID {
		t.Fatalf("dirty after marking: %+v", dirty)
	}
	if got := must(st.ConversationGetByExternalID(ctx, tn.ID, "b3")); got.AnalyzedCount != 4 || got.Version != convs[3].Version {
		t.Fatalf("marked conversation: %+v", got)
	}

	// Analyses: replaced as AnalysisReplace would, attempts included.
	var sol *fathom.Solution
	write(t, st, func(tx store.Tx) (err error) {
		sol, err = tx.SolutionUpsert(ctx, &fathom.Solution{TenantID: tn.ID, Key: "restart_app", CreatedAt: now})
		return err
	})
	analysis := func(c *fathom.Conversation, typ int64, attempts int) *fathom.Analysis {
		a := &fathom.Analysis{ConversationID: c.ID, TenantID: tn.ID, IssueTypeID: typ, Symptoms: []string{fmt.Sprint("symptom ", typ)},
			Resolved: attempts > 0, MinutesToResolve: float64(attempts) / 2, AnalyzedAt: now}
		for turn := range attempts {
			a.Attempts = append(a.Attempts, fathom.Attempt{Turn: turn, SolutionID: sol.ID, Action: fmt.Sprint("restart ", turn),
				Outcome: fathom.OutcomeFailure, Confidence: 0.5})
		}
		return a
	}
	write(t, st, func(tx store.Tx) error { return tx.AnalysisReplace(ctx, analysis(convs[0], 1, 3)) })
	write(t, st, func(tx store.Tx) error {
		return tx.AnalysisReplaceMany(ctx, []*fathom.Analysis{analysis(convs[0], 2, 1), analysis(convs[2], 3, 0), analysis(convs[3], 4, 2)})
	})
	write(t, st, func(tx store.Tx) error { return tx.AnalysisReplaceMany(ctx, nil) })
	var got []*fathom.Analysis
	if err := st.AnalysisScan(ctx, tn.ID, 0, 10, func(a *fathom.Analysis) error { got = append(got, a); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []*fathom.Analysis{analysis(convs[0], 2, 1), analysis(convs[2], 3, 0), analysis(convs[3], 4, 2)}
	if len(got) != len(want) {
		t.Fatalf("AnalysisScan after AnalysisReplaceMany: %d analyses, want %d", len(got), len(want))
	}
	for i := range want {
		if fmt.Sprintf("%+v", got[i]) != fmt.Sprintf("%+v", want[i]) {
			t.Fatalf("analysis %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}

	// By ids: the analyses of the conversations asked for that have one,
	// in id order, as AnalysisScan reads them; none of another tenant's.
	byIDs := must(st.AnalysisListByIDs(ctx, tn.ID, []int64{convs[3].ID, convs[1].ID, convs[0].ID, foreign.ID}))
	if len(byIDs) != 2 {
		t.Fatalf("AnalysisListByIDs: %d analyses, want 2", len(byIDs))
	}
	for i, w := range []*fathom.Analysis{want[0], want[2]} {
		if fmt.Sprintf("%+v", byIDs[i]) != fmt.Sprintf("%+v", w) {
			t.Fatalf("AnalysisListByIDs, analysis %d:\n got %+v\nwant %+v", i, byIDs[i], w)
		}
	}
	if got := must(st.AnalysisListByIDs(ctx, tn.ID, nil)); len(got) != 0 {
		t.Fatalf("AnalysisListByIDs of nothing = %v", got)
	}

	// Every tenant's: those of both tenants, in id order, a page at a
	// time, as AnalysisScan reads them but without AnalyzedAt.
	other1 := analysis(foreign, 5, 2)
	other1.TenantID = other.ID
	write(t, st, func(tx store.Tx) error { return tx.AnalysisReplace(ctx, other1) })
	var all []*fathom.Analysis
	for after := int64(0); ; {
		n := 0
		err := st.AnalysisScanAll(ctx, after, 2, func(a *fathom.Analysis) error {
			if a.TenantID == tn.ID || a.TenantID == other.ID {
				all = append(all, a)
			}
			after, n = a.ConversationID, n+1
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	wantAll := append(want[:len(want):len(want)], other1)
	if len(all) != len(wantAll) {
		t.Fatalf("AnalysisScanAll: %d analyses of the two tenants, want %d", len(all), len(wantAll))
	}
	for i, w := range wantAll {
		w := *w
		w.AnalyzedAt = time.Time{}
		if fmt.Sprintf("%+v", all[i]) != fmt.Sprintf("%+v", &w) {
			t.Fatalf("AnalysisScanAll, analysis %d:\n got %+v\nwant %+v", i, all[i], &w)
		}
	}

	// Changes: appended in order, with increasing ids, as ChangeAppend.
	var first store.Change
	cs := []*store.Change{
		{TenantID: tn.ID, Kind: store.ChangeAnalysis, Ref: convs[3].ID, Server: "a", CreatedAt: now},
		{TenantID: tn.ID, Kind: store.ChangeAnalysis, Ref: convs[0].ID, Server: "a", CreatedAt: now},
		{TenantID: other.ID, Kind: store.ChangeModel, Server: "b", CreatedAt: now},
	}
	write(t, st, func(tx store.Tx) error {
		first = store.Change{TenantID: tn.ID, Kind: store.ChangeDelete, Ref: 1, Server: "a", CreatedAt: now}
		if err := tx.ChangeAppend(ctx, &first); err != nil {
			return err
		}
		return tx.ChangeAppendMany(ctx, cs)
	})
	write(t, st, func(tx store.Tx) error { return tx.ChangeAppendMany(ctx, nil) })
	list := must(st.ChangeList(ctx, first.ID, 10))
	if len(list) != len(cs) {
		t.Fatalf("ChangeList after ChangeAppendMany: %d changes, want %d", len(list), len(cs))
	}
	for i, c := range cs {
		if c.ID <= first.ID || (i > 0 && c.ID <= cs[i-1].ID) {
			t.Fatalf("change %d got id %d after %d", i, c.ID, first.ID)
		}
		if *list[i] != *c {
			t.Fatalf("change %d: listed %+v, appended %+v", i, list[i], c)
		}
	}
}
