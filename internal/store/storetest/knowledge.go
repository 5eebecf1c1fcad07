package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func testKnowledge(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "k")
	other, _ := seedTenant(t, st, "k2")
	if _, err := st.KnowledgeModelGet(ctx, tn.ID, "issuetype"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing model err = %v", err)
	}
	for _, blob := range []string{"v1", "v2"} {
		write(t, st, func(tx store.Tx) error { return tx.KnowledgeModelPut(ctx, tn.ID, "issuetype", []byte(blob), now) })
	}
	if b := must(st.KnowledgeModelGet(ctx, tn.ID, "issuetype")); string(b) != "v2" {
		t.Fatalf("model = %q, want v2", b)
	}

	var sol, again, foreign *fathom.Solution
	write(t, st, func(tx store.Tx) (err error) {
		in := &fathom.Solution{TenantID: tn.ID, Key: "check_card_expiry", Description: "Check the card's expiry date",
			Steps: []string{"open the card settings"}, CreatedAt: now}
		if sol, err = tx.SolutionUpsert(ctx, in); err != nil {
			return err
		}
		if again, err = tx.SolutionUpsert(ctx, &fathom.Solution{TenantID: tn.ID, Key: "check_card_expiry", Description: "other", CreatedAt: now}); err != nil {
			return err
		}
		foreign, err = tx.SolutionUpsert(ctx, &fathom.Solution{TenantID: other.ID, Key: "check_card_expiry", CreatedAt: now})
		return err
	})
	if sol.ID == 0 || again.ID != sol.ID || again.Description != "Check the card's expiry date" || foreign.ID == sol.ID {
		t.Fatalf("upsert: first %+v, again %+v, other tenant %+v", sol, again, foreign)
	}
	sol.Prerequisites, sol.SuccessIndicators = []string{"card at hand"}, []string{"payment went through"}
	write(t, st, func(tx store.Tx) error { return tx.SolutionUpdate(ctx, sol) })
	list := must(st.SolutionList(ctx, tn.ID))
	if len(list) != 1 || fmt.Sprint(list[0].Steps, list[0].Prerequisites, list[0].SuccessIndicators) != "[open the card settings] [card at hand] [payment went through]" {
		t.Fatalf("SolutionList = %+v", list)
	}

	var convID int64
	write(t, st, func(tx store.Tx) error {
		c, err := tx.ConversationCreate(ctx, &store.ConversationCreateParams{TenantID: tn.ID, ExternalID: "k-1", CreatedAt: now})
		convID = c.ID
		return err
	})
	a := &fathom.Analysis{ConversationID: convID, TenantID: tn.ID, IssueTypeID: 7, Symptoms: []string{"card declined"},
		Causes: []string{"expired card"}, Resolved: true, MinutesToResolve: 4.5, AnalyzedAt: now,
		Attempts: []fathom.Attempt{{Turn: 1, SolutionID: sol.ID, Action: "check your card", Outcome: fathom.OutcomeFailure, Confidence: 0.6},
			{Turn: 3, SolutionID: sol.ID, Action: "update the card", Outcome: fathom.OutcomeSuccess, Confidence: 0.9}}}
	write(t, st, func(tx store.Tx) error { return tx.AnalysisReplace(ctx, a) })
	// Replacing drops the earlier attempts: nothing counts twice.
	a.Attempts = a.Attempts[1:]
	write(t, st, func(tx store.Tx) error { return tx.AnalysisReplace(ctx, a) })
	var got []*fathom.Analysis
	err := st.AnalysisScan(ctx, tn.ID, 0, 10, func(a *fathom.Analysis) error { got = append(got, a); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Attempts) != 1 || got[0].Attempts[0].Outcome != fathom.OutcomeSuccess ||
		got[0].IssueTypeID != 7 || !got[0].Resolved || got[0].MinutesToResolve != 4.5 || got[0].Causes[0] != "expired card" {
		t.Fatalf("AnalysisScan = %+v", got)
	}
	solutionRetire(t, st, tn.ID, sol.ID, now)
	n := 0
	_ = st.AnalysisScan(ctx, other.ID, 0, 10, func(*fathom.Analysis) error { n++; return nil })
	if n != 0 {
		t.Fatalf("analysis crossed tenants")
	}
	// Deleting the conversation deletes its analysis and attempts.
	write(t, st, func(tx store.Tx) error { return tx.ConversationDelete(ctx, convID) })
	n = 0
	_ = st.AnalysisScan(ctx, tn.ID, 0, 10, func(*fathom.Analysis) error { n++; return nil })
	if n != 0 {
		t.Fatalf("analysis of a deleted conversation remains")
	}
}

// solutionRetire: an escalation is stored as such, and retiring unused
// solutions deletes only those no attempt points at.
func solutionRetire(t *testing.T, st store.Store, tenantID, usedID int64, now time.Time) {
	ctx := context.Background()
	var esc, unused *fathom.Solution
	write(t, st, func(tx store.Tx) (err error) {
		if esc, err = tx.SolutionUpsert(ctx, &fathom.Solution{TenantID: tenantID, Key: "transfer_billing_team",
			Description: "Transfer you to the billing team.", Escalation: true, CreatedAt: now}); err != nil {
			return err
		}
		unused, err = tx.SolutionUpsert(ctx, &fathom.Solution{TenantID: tenantID, Key: "update_card", CreatedAt: now})
		return err
	})
	if !esc.Escalation || unused.Escalation {
		t.Fatalf("upsert escalation: %+v %+v", esc, unused)
	}
	unused.Escalation = true
	write(t, st, func(tx store.Tx) error { return tx.SolutionUpdate(ctx, unused) })
	for _, s := range must(st.SolutionList(ctx, tenantID)) {
		if s.ID == unused.ID && !s.Escalation {
			t.Fatalf("SolutionUpdate lost the escalation: %+v", s)
		}
	}
	var retired []int64
	write(t, st, func(tx store.Tx) (err error) {
		retired, err = tx.SolutionDeleteUnused(ctx, tenantID)
		return err
	})
	slices.Sort(retired)
	if want := []int64{esc.ID, unused.ID}; !slices.Equal(retired, want) {
		t.Fatalf("SolutionDeleteUnused = %v, want %v (the used %d kept)", retired, want, usedID)
	}
	list := must(st.SolutionList(ctx, tenantID))
	if len(list) != 1 || list[0].ID != usedID {
		t.Fatalf("after retiring: %+v", list)
	}
}
