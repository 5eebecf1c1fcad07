package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func testSupportCallRules(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "calls")
	other, _ := seedTenant(t, st, "calls2")

	if r := must(st.SupportCallRuleList(ctx, tn.ID)); len(r) != 0 {
		t.Fatalf("rules of a new tenant = %v", r)
	}
	byType := fathom.SupportCallRule{Kind: fathom.SupportCallMeetingType, Value: "Support call"}
	byDomain := fathom.SupportCallRule{Kind: fathom.SupportCallDomain, Value: "customer.test"}
	write(t, st, func(tx store.Tx) error {
		return tx.SupportCallRulesSet(ctx, tn.ID, []fathom.SupportCallRule{byType, byDomain, byType})
	})
	write(t, st, func(tx store.Tx) error {
		return tx.SupportCallRulesSet(ctx, other.ID, []fathom.SupportCallRule{byDomain})
	})
	if r := must(st.SupportCallRuleList(ctx, tn.ID)); fmt.Sprint(r) != fmt.Sprint([]fathom.SupportCallRule{byDomain, byType}) {
		t.Fatalf("SupportCallRuleList = %v, want each rule once, by kind then value", r)
	}
	write(t, st, func(tx store.Tx) error {
		return tx.SupportCallRulesSet(ctx, tn.ID, []fathom.SupportCallRule{{Kind: fathom.SupportCallDomain, Value: "b.test"}})
	})
	if r := must(st.SupportCallRuleList(ctx, tn.ID)); fmt.Sprint(r) != "[{invitee_domain b.test}]" {
		t.Fatalf("SupportCallRulesSet did not replace the set: %v", r)
	}
	write(t, st, func(tx store.Tx) error { return tx.SupportCallRulesSet(ctx, tn.ID, nil) })
	if r := must(st.SupportCallRuleList(ctx, tn.ID)); len(r) != 0 {
		t.Fatalf("rules after clearing = %v", r)
	}
	if r := must(st.SupportCallRuleList(ctx, other.ID)); fmt.Sprint(r) != fmt.Sprint([]fathom.SupportCallRule{byDomain}) {
		t.Fatalf("rules crossed tenants: %v", r)
	}
	err := st.Write(ctx, func(tx store.Tx) error {
		return tx.SupportCallRulesSet(ctx, tn.ID, []fathom.SupportCallRule{{Kind: "title", Value: "x"}})
	})
	if err == nil {
		t.Fatal("a rule of an unknown kind was stored")
	}
}

func testMeetingDelete(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	items := []fathom.TranscriptItem{{Speaker: "Ann", Text: "The invoice portal shows an error.", At: time.Second}}
	write(t, st, func(tx store.Tx) error {
		for _, m := range []*fathom.Meeting{f.m1, f.m2} {
			err := tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: m.TenantID, Language: "en",
				Summary: fathom.Summary{Markdown: "- invoice portal"}, Transcript: items, At: now,
				ActionItems: []fathom.ActionItem{{Description: "Fix the invoice portal"}}})
			if err != nil {
				return err
			}
		}
		return nil
	})
	rec := store.Viewer{TenantID: f.tenant.ID, UserID: f.rec.ID, TeamID: f.team1.ID}
	hitsIn := func() map[int64]int {
		t.Helper()
		hits := must(st.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: rec, Query: "invoice", Limit: 50}))
		in := map[int64]int{}
		for _, h := range hits {
			in[h.MeetingID]++
		}
		return in
	}
	if in := hitsIn(); in[f.m1.ID] == 0 || in[f.m2.ID] == 0 {
		t.Fatalf("search before delete = %v", in)
	}

	// Another tenant cannot delete it.
	err := st.Write(ctx, func(tx store.Tx) error { return tx.MeetingDelete(ctx, f.otherTenant.ID, f.m1.ID) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MeetingDelete from another tenant err = %v, want ErrNotFound", err)
	}
	write(t, st, func(tx store.Tx) error { return tx.MeetingDelete(ctx, f.tenant.ID, f.m1.ID) })
	if _, err := st.MeetingGet(ctx, f.tenant.ID, f.m1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MeetingGet after delete err = %v, want ErrNotFound", err)
	}
	if _, err := st.MeetingGetByExternalKey(ctx, f.tenant.ID, "k1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MeetingGetByExternalKey after delete err = %v, want ErrNotFound", err)
	}
	if in := hitsIn(); in[f.m1.ID] != 0 || in[f.m2.ID] == 0 {
		t.Fatalf("search after deleting m1 = %v, want only m2's rows", in)
	}
	ms := must(st.MeetingList(ctx, &store.MeetingListParams{Viewer: rec, Limit: 50}))
	for _, m := range ms {
		if m.ID == f.m1.ID {
			t.Fatal("MeetingList still lists the deleted meeting")
		}
	}
	if len(ms) == 0 {
		t.Fatal("MeetingList lost the other meetings")
	}
	err = st.Write(ctx, func(tx store.Tx) error { return tx.MeetingDelete(ctx, f.tenant.ID, f.m1.ID) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second MeetingDelete err = %v, want ErrNotFound", err)
	}
	// The external key is free again.
	again := *f.m1
	again.ID = 0
	write(t, st, func(tx store.Tx) error { return tx.MeetingCreate(ctx, &again) })
	if got := must(st.MeetingGetByExternalKey(ctx, f.tenant.ID, "k1")); got.ID != again.ID {
		t.Fatalf("meeting re-created with key k1 = %d, want %d", got.ID, again.ID)
	}
}

func testMeetingReadyIDs(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	if ids := fmt.Sprint(must(st.MeetingReadyIDs(ctx, f.tenant.ID, 0, 0))); ids != fmt.Sprint([]int64{f.m6.ID}) {
		t.Fatalf("ready meetings before processing = %s, want m6's", ids)
	}
	items := []fathom.TranscriptItem{{Speaker: "Ann", Text: "Hello.", At: time.Second}}
	write(t, st, func(tx store.Tx) error {
		for _, m := range []*fathom.Meeting{f.m2, f.m1} {
			err := tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: m.TenantID, Language: "en",
				Summary: fathom.Summary{Markdown: "- hello"}, Transcript: items, At: now})
			if err != nil {
				return err
			}
		}
		return nil
	})
	m1, m2, m6 := f.m1.ID, f.m2.ID, f.m6.ID // created in this order
	for _, c := range []struct {
		tenant, after int64
		limit         int
		want          string
	}{
		{f.tenant.ID, 0, 0, fmt.Sprint([]int64{m1, m2, m6})},
		{f.tenant.ID, 0, 2, fmt.Sprint([]int64{m1, m2})},
		{f.tenant.ID, m1, 10, fmt.Sprint([]int64{m2, m6})},
		{f.tenant.ID, m6, 10, "[]"},
		{f.otherTenant.ID, 0, 0, "[]"},
	} {
		if got := fmt.Sprint(must(st.MeetingReadyIDs(ctx, c.tenant, c.after, c.limit))); got != c.want {
			t.Errorf("MeetingReadyIDs(tenant %d, after %d, limit %d) = %s, want %s", c.tenant, c.after, c.limit, got, c.want)
		}
	}
}
