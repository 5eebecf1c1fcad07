package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// testMeetingAnalytics stores, replaces and reads a meeting's analytics,
// finds the ready meetings that have none, and scans a viewer's meetings
// over a period with each speaker's team.
func testMeetingAnalytics(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	speakers := func(who ...string) []fathom.SpeakerTalk {
		var out []fathom.SpeakerTalk
		for i, email := range who {
			out = append(out, fathom.SpeakerTalk{Speaker: "S" + email, Email: email, Side: fathom.SideInternal,
				Talk: ms(1000*(i+1) + 7), Turns: i + 1, Questions: i, Monologue: ms(500), MonologueAt: ms(1500)})
		}
		return out
	}
	put := func(m *fathom.Meeting, ss []fathom.SpeakerTalk) {
		write(t, st, func(tx store.Tx) error {
			return tx.MeetingAnalyticsPut(ctx, &fathom.MeetingAnalytics{MeetingID: m.ID, TenantID: m.TenantID, Length: ms(90_500), Speakers: ss})
		})
	}

	if _, err := st.MeetingAnalyticsGet(ctx, f.tenant.ID, f.m1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MeetingAnalyticsGet before any = %v, want ErrNotFound", err)
	}
	put(f.m1, speakers("x@elsewhere.test"))
	m1 := speakers("mate@mt.test", "")
	m1[1].Side, m1[1].Speaker = fathom.SideUnknown, "Bob"
	put(f.m1, m1) // replaces
	got := must(st.MeetingAnalyticsGet(ctx, f.tenant.ID, f.m1.ID))
	want := &fathom.MeetingAnalytics{MeetingID: f.m1.ID, TenantID: f.tenant.ID, Length: ms(90_500), Speakers: m1}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("MeetingAnalyticsGet =\n%+v\nwant\n%+v", got, want)
	}
	if _, err := st.MeetingAnalyticsGet(ctx, f.otherTenant.ID, f.m1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MeetingAnalyticsGet of another tenant = %v, want ErrNotFound", err)
	}

	// Missing: ready meetings only (m6 is ready; m2, m3 and m4 are made
	// ready here), in the period, and none with analytics.
	for _, m := range []*fathom.Meeting{f.m1, f.m2, f.m3, f.m4} {
		write(t, st, func(tx store.Tx) error {
			return tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: m.TenantID, At: now})
		})
	}
	missing := func(after, before time.Time, limit int) []int64 {
		return must(st.MeetingAnalyticsMissing(ctx, &store.MeetingAnalyticsMissingParams{TenantID: f.tenant.ID,
			CreatedAfter: after, CreatedBefore: before, Limit: limit}))
	}
	if got, want := missing(time.Time{}, time.Time{}, 0), sorted(f.m2.ID, f.m3.ID, f.m4.ID, f.m6.ID); !slices.Equal(got, want) {
		t.Errorf("MeetingAnalyticsMissing = %v, want %v (m2 m3 m4 m6)", got, want)
	}
	if got, want := missing(f.m2.CreatedAt, f.m6.CreatedAt, 0), sorted(f.m3.ID, f.m4.ID); !slices.Equal(got, want) {
		t.Errorf("MeetingAnalyticsMissing in (m2, m6) = %v, want %v (m3 m4: bounds are strict)", got, want)
	}
	if got := missing(time.Time{}, time.Time{}, 1); len(got) != 1 {
		t.Errorf("MeetingAnalyticsMissing limit 1 = %v", got)
	}

	// Scan: m2 (team 1), m4 (every team), m6 (teams 2 and 1) and m3
	// (shared with loner) have analytics; m4's has no speakers.
	put(f.m2, speakers("peer@mt.test", "x@elsewhere.test"))
	put(f.m3, speakers("loner@mt.test"))
	put(f.m4, nil)
	put(f.m6, speakers("a@mt.test"))
	scan := func(v store.Viewer, after, before time.Time) ([]int64, []*fathom.MeetingAnalytics) {
		var ids []int64
		var as []*fathom.MeetingAnalytics
		err := st.MeetingAnalyticsScan(ctx, &store.MeetingAnalyticsScanParams{Viewer: v, CreatedAfter: after, CreatedBefore: before},
			func(a *fathom.MeetingAnalytics) error { ids, as = append(ids, a.MeetingID), append(as, a); return nil })
		if err != nil {
			t.Fatal(err)
		}
		return ids, as
	}
	mate := store.Viewer{TenantID: f.tenant.ID, UserID: f.mate.ID, TeamID: f.team1.ID}
	ids, as := scan(mate, time.Time{}, time.Time{})
	if want := []int64{f.m2.ID, f.m6.ID}; !slices.Equal(ids, want) {
		t.Fatalf("scan as mate = %v, want %v (m2 m6: m1 and m3 are not theirs, m4 has no speakers)", ids, want)
	}
	if a := as[0]; !a.CreatedAt.Equal(f.m2.CreatedAt) || a.Length != ms(90_500) || a.Speakers[0].TeamName != "Two" ||
		a.Speakers[0].TeamID != f.team2.ID || a.Speakers[1].TeamID != 0 || a.Speakers[0].Talk != ms(1007) {
		t.Errorf("m2 scanned = %+v", a)
	}
	if ids, _ := scan(mate, f.m2.CreatedAt, time.Time{}); !slices.Equal(ids, []int64{f.m6.ID}) {
		t.Errorf("scan after m2 = %v, want m6 alone", ids)
	}
	if ids, _ := scan(mate, time.Time{}, f.m6.CreatedAt); !slices.Equal(ids, []int64{f.m2.ID}) {
		t.Errorf("scan before m6 = %v, want m2 alone", ids)
	}
	loner := store.Viewer{TenantID: f.tenant.ID, UserID: f.loner.ID}
	if ids, _ := scan(loner, time.Time{}, time.Time{}); !slices.Equal(ids, []int64{f.m3.ID, f.m6.ID}) {
		t.Errorf("scan as loner = %v, want m3 m6", ids)
	}
	if ids, _ := scan(store.Viewer{TenantID: f.otherTenant.ID, UserID: f.rec.ID}, time.Time{}, time.Time{}); len(ids) != 0 {
		t.Errorf("scan of another tenant = %v, want none", ids)
	}
}
