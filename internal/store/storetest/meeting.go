package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// meetingFixture is a workspace with meetings of every kind of sharing.
//
//	m1 rec, private,             acme.com, external, type Sales, key k1
//	m2 rec, shared with team 1,  internal
//	m3 rec, shared with loner,   beta.io,  external
//	m4 rec, all teams,           acme.com, external  (same created_at as m5)
//	m5 guest, shared with team 1, acme.com, external
//	m6 peer (team 2), shared with teams 2 and 1
//	other: a meeting of another tenant
type meetingFixture struct {
	tenant, otherTenant          *fathom.Tenant
	team1, team2                 *fathom.Team
	rec, mate, peer, loner, gst  *fathom.User
	m1, m2, m3, m4, m5, m6, othr *fathom.Meeting
}

func seedMeetings(t *testing.T, st store.Store) *meetingFixture {
	t.Helper()
	ctx := context.Background()
	f := &meetingFixture{}
	f.tenant, f.rec = seedTenant(t, st, "mt")
	var otherUser *fathom.User
	f.otherTenant, otherUser = seedTenant(t, st, "mt-other")
	write(t, st, func(tx store.Tx) (err error) {
		if f.team1, err = tx.TeamCreate(ctx, &store.TeamCreateParams{TenantID: f.tenant.ID, Name: "One", CreatedAt: now}); err != nil {
			return err
		}
		if f.team2, err = tx.TeamCreate(ctx, &store.TeamCreateParams{TenantID: f.tenant.ID, Name: "Two", CreatedAt: now}); err != nil {
			return err
		}
		user := func(email string, teamID int64) *fathom.User {
			if err != nil {
				return nil
			}
			var u *fathom.User
			if u, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: f.tenant.ID, Email: email, CreatedAt: now}); err == nil {
				err = tx.UserUpdate(ctx, u.ID, "", teamID)
			}
			return u
		}
		f.mate, f.peer, f.loner, f.gst = user("mate@mt.test", f.team1.ID), user("peer@mt.test", f.team2.ID),
			user("loner@mt.test", 0), user("guest@elsewhere.test", 0)
		if err != nil {
			return err
		}
		return tx.UserUpdate(ctx, f.rec.ID, "Rec", f.team1.ID)
	})
	at := func(min int) time.Time { return now.Add(time.Duration(min) * time.Minute) }
	base := func(title string, recorder *fathom.User, teamID int64, created time.Time) *fathom.Meeting {
		return &fathom.Meeting{TenantID: f.tenant.ID, RecorderID: recorder.ID, RecorderTeamID: teamID, Title: title,
			ShareToken: "tok-" + title, CreatedAt: created, RecordingStart: created.Add(-time.Hour), RecordingEnd: created.Add(-time.Minute)}
	}
	f.m1 = base("m1", f.rec, f.team1.ID, at(1))
	f.m1.ExternalKey, f.m1.MeetingTitle, f.m1.MeetingType, f.m1.MeetingURL = "k1", "Calendar title", "Sales", "https://meet.test/abc"
	f.m1.ScheduledStart, f.m1.ScheduledEnd = at(-70), at(-10)
	f.m1.CompanyDomain, f.m1.External = "acme.com", true
	f.m1.Invitees = []fathom.Invitee{{Name: "Ann", Email: "a@mt.test", EmailDomain: "mt.test"},
		{Name: "Carl", Email: "carl@acme.com", EmailDomain: "acme.com", External: true}}
	f.m1.Transcript = []fathom.TranscriptItem{
		{Speaker: "Ann", SpeakerEmail: "a@mt.test", Text: "Welcome to the quarterly pricing review.", At: 1500 * time.Millisecond},
		{Speaker: "Carl", Text: `Our budget is "tight" (NEAR the limit) -- honestly.`, At: 65 * time.Second}}
	f.m2 = base("m2", f.rec, f.team1.ID, at(2))
	f.m2.Sharing.TeamIDs = []int64{f.team1.ID}
	f.m3 = base("m3", f.rec, f.team1.ID, at(3))
	f.m3.Sharing.UserIDs = []int64{f.loner.ID}
	f.m3.CompanyDomain, f.m3.External = "beta.io", true
	f.m4 = base("m4", f.rec, f.team1.ID, at(4))
	f.m4.Sharing.AllTeams, f.m4.CompanyDomain, f.m4.External = true, "acme.com", true
	f.m5 = base("m5", f.gst, 0, at(4))
	f.m5.RecorderExternal, f.m5.Sharing.TeamIDs, f.m5.CompanyDomain, f.m5.External = true, []int64{f.team1.ID}, "acme.com", true
	f.m6 = base("m6", f.peer, f.team2.ID, at(5))
	f.m6.Sharing.TeamIDs, f.m6.Sharing.UserIDs = []int64{f.team2.ID, f.team1.ID}, []int64{f.loner.ID, f.mate.ID}
	f.m6.Status = fathom.MeetingReady
	f.othr = base("other", otherUser, 0, at(6))
	f.othr.TenantID, f.othr.ExternalKey, f.othr.Sharing.AllTeams = f.otherTenant.ID, "k1", true
	write(t, st, func(tx store.Tx) error {
		for _, m := range []*fathom.Meeting{f.m1, f.m2, f.m3, f.m4, f.m5, f.m6, f.othr} {
			if err := tx.MeetingCreate(ctx, m); err != nil {
				return fmt.Errorf("create %s: %w", m.Title, err)
			}
		}
		return nil
	})
	return f
}

func titles(ms []*fathom.Meeting) string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Title
	}
	return strings.Join(out, " ")
}

func testMeetingCreateGet(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	if f.m1.ID == 0 || f.m2.ID == f.m1.ID {
		t.Fatalf("MeetingCreate set ids %d, %d", f.m1.ID, f.m2.ID)
	}
	got := must(st.MeetingGet(ctx, f.tenant.ID, f.m1.ID))
	want := *f.m1
	want.Transcript, want.Status = nil, fathom.MeetingProcessing
	if !meetingsEqual(got, &want) {
		t.Fatalf("MeetingGet =\n%+v\nwant\n%+v", got, &want)
	}
	if got.Summary != nil || got.Language != "" || got.Recorder != nil || got.Transcript != nil {
		t.Fatalf("MeetingGet of an unprocessed meeting: summary %v, language %q, recorder %v, transcript %v",
			got.Summary, got.Language, got.Recorder, got.Transcript)
	}
	if byKey := must(st.MeetingGetByExternalKey(ctx, f.tenant.ID, "k1")); byKey.ID != f.m1.ID {
		t.Fatalf("MeetingGetByExternalKey = meeting %d, want %d", byKey.ID, f.m1.ID)
	}
	if byKey := must(st.MeetingGetByExternalKey(ctx, f.otherTenant.ID, "k1")); byKey.ID != f.othr.ID {
		t.Fatalf("MeetingGetByExternalKey(other tenant) = meeting %d, want %d", byKey.ID, f.othr.ID)
	}
	if byToken := must(st.MeetingGetByShareToken(ctx, "tok-m6")); byToken.ID != f.m6.ID || len(byToken.Sharing.TeamIDs) != 2 {
		t.Fatalf("MeetingGetByShareToken = meeting %d with sharing %+v, want %d with its sharing", byToken.ID, byToken.Sharing, f.m6.ID)
	}
	if byToken := must(st.MeetingGetByShareToken(ctx, "tok-other")); byToken.ID != f.othr.ID || byToken.TenantID != f.otherTenant.ID {
		t.Fatalf("MeetingGetByShareToken(other tenant's) = meeting %d, want %d", byToken.ID, f.othr.ID)
	}
	for name, err := range map[string]error{
		"share token of no meeting":  second(st.MeetingGetByShareToken(ctx, "tok-nope")),
		"empty share token":          second(st.MeetingGetByShareToken(ctx, "")),
		"key of no meeting":          second(st.MeetingGetByExternalKey(ctx, f.tenant.ID, "nope")),
		"empty key":                  second(st.MeetingGetByExternalKey(ctx, f.tenant.ID, "")),
		"id of another tenant":       second(st.MeetingGet(ctx, f.tenant.ID, f.othr.ID)),
		"id of no meeting":           second(st.MeetingGet(ctx, f.tenant.ID, 99999)),
		"content of no meeting":      third(st.MeetingContent(ctx, 99999)),
		"external key, other tenant": second(st.MeetingGetByExternalKey(ctx, f.otherTenant.ID, "k2")),
	} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}

	// Sharing comes back sorted; an explicit status is kept.
	m6 := must(st.MeetingGet(ctx, f.tenant.ID, f.m6.ID))
	if fmt.Sprint(m6.Sharing.TeamIDs) != fmt.Sprint(sorted(f.team1.ID, f.team2.ID)) ||
		fmt.Sprint(m6.Sharing.UserIDs) != fmt.Sprint(sorted(f.mate.ID, f.loner.ID)) || m6.Sharing.AllTeams {
		t.Fatalf("sharing of m6 = %+v", m6.Sharing)
	}
	if m6.Status != fathom.MeetingReady || !must(st.MeetingGet(ctx, f.tenant.ID, f.m4.ID)).Sharing.AllTeams {
		t.Fatalf("status %q / all teams lost", m6.Status)
	}
	if m2 := must(st.MeetingGet(ctx, f.tenant.ID, f.m2.ID)); !m2.ScheduledStart.IsZero() || !m2.ScheduledEnd.IsZero() ||
		m2.ExternalKey != "" || len(m2.Invitees) != 0 || len(m2.Sharing.UserIDs) != 0 {
		t.Fatalf("m2 without calendar event, key or invitees = %+v", m2)
	}

	items, actions, err := st.MeetingContent(ctx, f.m1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(items, f.m1.Transcript) {
		t.Fatalf("transcript = %+v, want %+v", items, f.m1.Transcript)
	}
	if actions == nil || len(actions) != 0 {
		t.Fatalf("action items of a new meeting = %#v, want an empty slice", actions)
	}
	if items, _ := must2(st.MeetingContent(ctx, f.m2.ID)); items == nil || len(items) != 0 {
		t.Fatalf("transcript of a meeting without one = %#v, want an empty slice", items)
	}

	// Keys are unique in a tenant; meetings without one never collide.
	err = st.Write(ctx, func(tx store.Tx) error {
		dup := *f.m2
		dup.ID, dup.ExternalKey = 0, "k1"
		return tx.MeetingCreate(ctx, &dup)
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate external key err = %v, want ErrDuplicate", err)
	}
	write(t, st, func(tx store.Tx) error {
		dup := *f.m2
		dup.ID, dup.Title = 0, "m2 again"
		return tx.MeetingCreate(ctx, &dup)
	})
}

// meetingsEqual compares what MeetingGet returns, times by instant.
func meetingsEqual(a, b *fathom.Meeting) bool {
	ac, bc := *a, *b
	for _, p := range [][2]*time.Time{{&ac.CreatedAt, &bc.CreatedAt}, {&ac.ScheduledStart, &bc.ScheduledStart},
		{&ac.ScheduledEnd, &bc.ScheduledEnd}, {&ac.RecordingStart, &bc.RecordingStart}, {&ac.RecordingEnd, &bc.RecordingEnd}} {
		if !p[0].Equal(*p[1]) {
			return false
		}
		*p[0], *p[1] = time.Time{}, time.Time{}
	}
	if len(ac.Invitees) == 0 && len(bc.Invitees) == 0 {
		ac.Invitees, bc.Invitees = nil, nil
	}
	return reflect.DeepEqual(ac, bc)
}

func sorted(ids ...int64) []int64 { slices.Sort(ids); return ids }

func second[T any](_ T, err error) error { return err }

func third[T, U any](_ T, _ U, err error) error { return err }

func must2[T, U any](a T, b U, err error) (T, U) {
	if err != nil {
		panic(fmt.Sprintf("storetest: unexpected error: %v", err))
	}
	return a, b
}

func testMeetingList(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	viewer := func(u *fathom.User, team *fathom.Team) store.Viewer {
		v := store.Viewer{TenantID: f.tenant.ID, UserID: u.ID}
		if team != nil {
			v.TeamID = team.ID
		}
		return v
	}
	rec, mate, loner := viewer(f.rec, f.team1), viewer(f.mate, f.team1), viewer(f.loner, nil)
	// A meeting its recorder also shared with itself is listed once.
	write(t, st, func(tx store.Tx) error {
		return tx.MeetingCreate(ctx, &fathom.Meeting{TenantID: f.tenant.ID, RecorderID: f.loner.ID, Title: "m7", ShareToken: "t7",
			CreatedAt: now.Add(7 * time.Minute), Sharing: fathom.Sharing{UserIDs: []int64{f.loner.ID}}})
	})
	list := func(p store.MeetingListParams) string {
		t.Helper()
		if p.Limit == 0 {
			p.Limit = 100
		}
		return titles(must(st.MeetingList(ctx, &p)))
	}
	acme := []string{"acme.com"}
	for _, c := range []struct {
		name string
		p    store.MeetingListParams
		want string
	}{
		// Visibility; guests' meetings only when asked for by name.
		{"recorder sees its own and its team's", store.MeetingListParams{Viewer: rec}, "m6 m4 m3 m2 m1"},
		{"team mate", store.MeetingListParams{Viewer: mate}, "m6 m4 m2"},
		{"other team", store.MeetingListParams{Viewer: viewer(f.peer, f.team2)}, "m6 m4"},
		{"shared individually, no team", store.MeetingListParams{Viewer: loner}, "m7 m6 m3"},
		{"no team, companies", store.MeetingListParams{Viewer: loner, CompanyDomains: []string{"", "beta.io"}}, "m7 m6 m3"},
		{"no team, filtered", store.MeetingListParams{Viewer: loner, External: new(false), CreatedBefore: f.m6.CreatedAt.Add(time.Second)}, "m6"},
		{"team of a meeting's recorder is not enough", store.MeetingListParams{Viewer: viewer(f.mate, nil)}, "m6"},
		{"other tenant", store.MeetingListParams{Viewer: store.Viewer{TenantID: f.otherTenant.ID, UserID: f.othr.RecorderID}}, "other"},
		{"other tenant's viewer id in this tenant", store.MeetingListParams{Viewer: store.Viewer{TenantID: f.tenant.ID, UserID: f.othr.RecorderID, TeamID: f.team1.ID}}, "m6 m4 m2"},
		{"guest named", store.MeetingListParams{Viewer: mate, GuestRecorderIDs: []int64{f.gst.ID}}, "m6 m5 m4 m2"},
		{"guest recorder sees its own only when named", store.MeetingListParams{Viewer: viewer(f.gst, nil)}, ""},
		// Filters.
		{"limit", store.MeetingListParams{Viewer: rec, Limit: 2}, "m6 m4"},
		{"created after (strict)", store.MeetingListParams{Viewer: rec, CreatedAfter: f.m2.CreatedAt}, "m6 m4 m3"},
		{"created before (strict)", store.MeetingListParams{Viewer: rec, CreatedBefore: f.m4.CreatedAt}, "m3 m2 m1"},
		{"created between", store.MeetingListParams{Viewer: rec, CreatedAfter: f.m1.CreatedAt, CreatedBefore: f.m6.CreatedAt}, "m4 m3 m2"},
		{"company", store.MeetingListParams{Viewer: rec, CompanyDomains: acme}, "m4 m1"},
		{"company with guests", store.MeetingListParams{Viewer: rec, CompanyDomains: acme, GuestRecorderIDs: []int64{f.gst.ID}}, "m5 m4 m1"},
		{"companies", store.MeetingListParams{Viewer: rec, CompanyDomains: []string{"beta.io", "acme.com", "none.test"}}, "m4 m3 m1"},
		{"companies repeated", store.MeetingListParams{Viewer: rec, CompanyDomains: []string{"beta.io", "acme.com", "beta.io"}}, "m4 m3 m1"},
		{"companies, limit", store.MeetingListParams{Viewer: rec, CompanyDomains: []string{"beta.io", "acme.com"}, Limit: 2}, "m4 m3"},
		{"internal company", store.MeetingListParams{Viewer: rec, CompanyDomains: []string{""}}, "m6 m2"},
		{"external", store.MeetingListParams{Viewer: rec, External: new(true)}, "m4 m3 m1"},
		{"internal", store.MeetingListParams{Viewer: rec, External: new(false)}, "m6 m2"},
		{"meeting type", store.MeetingListParams{Viewer: rec, MeetingType: new("Sales")}, "m1"},
		{"meeting type is exact", store.MeetingListParams{Viewer: rec, MeetingType: new("sales")}, ""},
		{"no meeting type", store.MeetingListParams{Viewer: rec, MeetingType: new("")}, "m6 m4 m3 m2"},
		{"recorders", store.MeetingListParams{Viewer: rec, RecorderIDs: []int64{f.peer.ID}}, "m6"},
		{"recorders, guest named", store.MeetingListParams{Viewer: rec, RecorderIDs: []int64{f.gst.ID, f.peer.ID}, GuestRecorderIDs: []int64{f.gst.ID}}, "m6 m5"},
		{"recorders, guest not named", store.MeetingListParams{Viewer: rec, RecorderIDs: []int64{f.gst.ID, f.peer.ID}}, "m6"},
		{"teams", store.MeetingListParams{Viewer: rec, TeamIDs: []int64{f.team2.ID}}, "m6"},
		{"teams, several", store.MeetingListParams{Viewer: rec, TeamIDs: []int64{f.team2.ID, f.team1.ID, 99999}}, "m6 m4 m3 m2 m1"},
		{"team and company", store.MeetingListParams{Viewer: rec, TeamIDs: []int64{f.team1.ID}, CompanyDomains: acme}, "m4 m1"},
		{"team and companies", store.MeetingListParams{Viewer: rec, TeamIDs: []int64{f.team2.ID}, CompanyDomains: []string{"", "acme.com"}}, "m6"},
		{"recorder and team", store.MeetingListParams{Viewer: rec, RecorderIDs: []int64{f.rec.ID}, TeamIDs: []int64{f.team2.ID}}, ""},
		{"every filter", store.MeetingListParams{Viewer: rec, RecorderIDs: []int64{f.rec.ID}, TeamIDs: []int64{f.team1.ID},
			CompanyDomains: acme, External: new(true), MeetingType: new(""), CreatedAfter: f.m1.CreatedAt}, "m4"},
		// Restrict: a list that named nothing existing matches nothing.
		{"restrict, nothing named", store.MeetingListParams{Viewer: rec, Restrict: true}, ""},
		{"restrict, no team", store.MeetingListParams{Viewer: rec, Restrict: true, RecorderIDs: []int64{f.rec.ID}}, ""},
		{"restrict, no recorder", store.MeetingListParams{Viewer: rec, Restrict: true, TeamIDs: []int64{f.team1.ID}}, ""},
		{"restrict, both named", store.MeetingListParams{Viewer: rec, Restrict: true, RecorderIDs: []int64{f.rec.ID}, TeamIDs: []int64{f.team1.ID}}, "m4 m3 m2 m1"},
	} {
		if got := list(c.p); got != c.want {
			t.Errorf("%s: MeetingList = %q, want %q", c.name, got, c.want)
		}
	}

	// Lists fill sharing and invitees as MeetingGet does.
	ms := must(st.MeetingList(ctx, &store.MeetingListParams{Viewer: rec, Limit: 10}))
	for _, m := range ms {
		if g := must(st.MeetingGet(ctx, f.tenant.ID, m.ID)); !meetingsEqual(m, g) {
			t.Errorf("listed %s =\n%+v\nMeetingGet =\n%+v", m.Title, m, g)
		}
	}

	// Keyset pages, through the tie of m4 and m5 on created_at, equal
	// the one list.
	for _, p := range []store.MeetingListParams{
		{Viewer: mate, GuestRecorderIDs: []int64{f.gst.ID}},
		{Viewer: mate, GuestRecorderIDs: []int64{f.gst.ID}, CompanyDomains: acme},
		{Viewer: rec, GuestRecorderIDs: []int64{f.gst.ID}, CompanyDomains: []string{"acme.com", "beta.io", ""}},
		{Viewer: loner},
		{Viewer: loner, CompanyDomains: []string{"", "beta.io"}},
		{Viewer: rec},
		{Viewer: mate, External: new(true)},
	} {
		whole := list(p)
		for size := 1; size <= 3; size++ {
			if got := pagedTitles(st, p, size); got != whole {
				t.Errorf("pages of %d (%v) = %q, want %q", size, p.CompanyDomains, got, whole)
			}
		}
	}
}

// testMeetingVisibility checks each way a viewer may see a meeting, alone
// and together: a list (which may walk each way apart) shows a meeting
// once, in order, whatever the page size.
func testMeetingVisibility(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	v := func(u *fathom.User, team *fathom.Team) store.Viewer {
		out := store.Viewer{TenantID: f.tenant.ID, UserID: u.ID}
		if team != nil {
			out.TeamID = team.ID
		}
		return out
	}
	at := func(min int) time.Time { return now.Add(time.Duration(min) * time.Minute) }
	add := func(title string, recorder *fathom.User, team *fathom.Team, created time.Time, sharing fathom.Sharing) {
		write(t, st, func(tx store.Tx) error {
			return tx.MeetingCreate(ctx, &fathom.Meeting{TenantID: f.tenant.ID, RecorderID: recorder.ID, RecorderTeamID: team.ID,
				Title: title, ShareToken: "tok-" + title, CreatedAt: created, Sharing: sharing})
		})
	}
	// v1 is visible to mate every way at once; v2 and v3 share a
	// created_at, seen by mate through its team and through every team.
	add("v1", f.mate, f.team1, at(10), fathom.Sharing{AllTeams: true, TeamIDs: []int64{f.team1.ID, f.team2.ID},
		UserIDs: []int64{f.mate.ID, f.loner.ID}})
	add("v2", f.peer, f.team2, at(11), fathom.Sharing{TeamIDs: []int64{f.team1.ID}})
	add("v3", f.peer, f.team2, at(11), fathom.Sharing{AllTeams: true})
	add("v4", f.peer, f.team2, at(12), fathom.Sharing{UserIDs: []int64{f.mate.ID}})
	add("v5", f.peer, f.team2, at(13), fathom.Sharing{})
	for _, c := range []struct {
		name   string
		viewer store.Viewer
		want   string
	}{
		{"every way at once", v(f.mate, f.team1), "v4 v3 v2 v1 m6 m4 m2"},
		{"recorder's own without a team", v(f.mate, nil), "v4 v1 m6"},
		{"other team", v(f.peer, f.team2), "v5 v4 v3 v2 v1 m6 m4"},
		{"shared with a user only", v(f.loner, nil), "v1 m6 m3"},
		{"a team that has nothing of its own", store.Viewer{TenantID: f.tenant.ID, UserID: f.gst.ID, TeamID: f.team2.ID}, "v3 v1 m6 m4"},
		{"sees nothing", store.Viewer{TenantID: f.tenant.ID, UserID: -1}, ""},
	} {
		whole := titles(must(st.MeetingList(ctx, &store.MeetingListParams{Viewer: c.viewer, Limit: 100})))
		if whole != c.want {
			t.Errorf("%s: MeetingList = %q, want %q", c.name, whole, c.want)
		}
		for size := 1; size <= 3; size++ {
			if got := pagedTitles(st, store.MeetingListParams{Viewer: c.viewer}, size); got != c.want {
				t.Errorf("%s: pages of %d = %q, want %q", c.name, size, got, c.want)
			}
		}
	}
}

// pagedTitles walks p's list in pages of size, each page after the last
// one's keyset, and gives the titles of all of them in order.
func pagedTitles(st store.Store, p store.MeetingListParams, size int) string {
	var pages []string
	p.Limit = size
	for range 20 {
		page := must(st.MeetingList(context.Background(), &p))
		if len(page) == 0 {
			break
		}
		pages = append(pages, titles(page))
		last := page[len(page)-1]
		p.Before = &store.Keyset{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	return strings.Join(pages, " ")
}

func testMeetingSearch(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	summary := fathom.Summary{TemplateName: "general", Markdown: "## Commercials\n\n" +
		"- Carl asked about the [discount](https://fathom.video/share/tok?timestamp=65) for renewals\n\n\n" +
		"  \n- We agreed that the pricing of the renewal stays flat this year\n- Next review in March\n"}
	actions := []fathom.ActionItem{{Description: "Send the renewal quote", At: 65 * time.Second, AssigneeName: "Ann"},
		{Description: "Book a pricing workshop", UserGenerated: true, Completed: true}}
	processed := func(m *fathom.Meeting, items []fathom.TranscriptItem, s fathom.Summary, a []fathom.ActionItem) {
		t.Helper()
		write(t, st, func(tx store.Tx) error {
			return tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: m.TenantID, Language: "en",
				Summary: s, ActionItems: a, Transcript: items, At: now.Add(time.Hour)})
		})
	}
	processed(f.m1, f.m1.Transcript, summary, actions)
	processed(f.m1, f.m1.Transcript, summary, actions) // twice: nothing is indexed twice
	got := must(st.MeetingGet(ctx, f.tenant.ID, f.m1.ID))
	if got.Status != fathom.MeetingReady || got.Language != "en" || got.Summary == nil || *got.Summary != summary {
		t.Fatalf("processed meeting = status %q, language %q, summary %+v", got.Status, got.Language, got.Summary)
	}
	if got.ProcessedAt == nil || !got.ProcessedAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("processed meeting ProcessedAt = %v, want %v", got.ProcessedAt, now.Add(time.Hour))
	}
	if _, acts := must2(st.MeetingContent(ctx, f.m1.ID)); !reflect.DeepEqual(acts, actions) {
		t.Fatalf("action items = %+v, want %+v", acts, actions)
	}
	err := st.Write(ctx, func(tx store.Tx) error {
		return tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: f.m1.ID, TenantID: f.otherTenant.ID, At: now})
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MeetingProcessed in another tenant err = %v, want ErrNotFound", err)
	}
	// The same words in meetings others can or cannot see.
	pricing := []fathom.TranscriptItem{{Speaker: "Dana", Text: "Pricing, pricing, pricing.", At: 3 * time.Second}}
	processed(f.m2, pricing, fathom.Summary{}, nil)
	processed(f.m3, []fathom.TranscriptItem{{Speaker: "Eve", Text: "A private word on pricing.", At: 0}}, fathom.Summary{}, nil)
	processed(f.othr, pricing, fathom.Summary{Markdown: "pricing"}, nil)

	rec := store.Viewer{TenantID: f.tenant.ID, UserID: f.rec.ID, TeamID: f.team1.ID}
	mate := store.Viewer{TenantID: f.tenant.ID, UserID: f.mate.ID, TeamID: f.team1.ID}
	search := func(v store.Viewer, q string) []*store.SearchHit {
		t.Helper()
		hits, err := st.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: v, Query: q, Limit: 20})
		if err != nil {
			t.Fatalf("MeetingSearch(%q): %v", q, err)
		}
		return hits
	}
	where := func(hits []*store.SearchHit) string {
		var out []string
		for _, h := range hits {
			out = append(out, fmt.Sprintf("%d/%s", h.MeetingID, h.Kind))
		}
		slices.Sort(out)
		return strings.Join(out, " ")
	}
	hit := func(m *fathom.Meeting, kind string) string { return fmt.Sprintf("%d/%s", m.ID, kind) }

	hits := search(rec, "pricing")
	want := []string{hit(f.m1, store.HitTranscript), hit(f.m1, store.HitSummary), hit(f.m1, store.HitActionItem),
		hit(f.m2, store.HitTranscript), hit(f.m3, store.HitTranscript)}
	slices.Sort(want)
	if w := where(hits); w != strings.Join(want, " ") {
		t.Fatalf("recorder's hits for pricing = %s, want %s", w, strings.Join(want, " "))
	}
	if hits[0].MeetingID != f.m2.ID {
		t.Errorf("best hit is in meeting %d, want m2 (%d), whose utterance is all pricing", hits[0].MeetingID, f.m2.ID)
	}
	for i, h := range hits {
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("hits not best first: %v then %v", hits[i-1].Score, h.Score)
		}
		if h.Score <= 0 {
			t.Errorf("score %v, want higher-is-better positive scores", h.Score)
		}
		if !strings.Contains(strings.ToLower(h.Snippet), "«pricing»") {
			t.Errorf("snippet %q does not mark the match", h.Snippet)
		}
	}
	if w := where(search(mate, "pricing")); w != hit(f.m2, store.HitTranscript) {
		t.Errorf("team mate's hits = %s, want only m2's (m1 and m3 are not shared with it)", w)
	}
	// A filter keeps the hits of the meetings a list with it shows.
	filtered := func(f *store.MeetingListParams) string {
		t.Helper()
		return where(must(st.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: rec, Query: "pricing", Limit: 20, Filter: f})))
	}
	if w := filtered(&store.MeetingListParams{CreatedAfter: f.m1.CreatedAt}); w != hit(f.m2, store.HitTranscript)+" "+hit(f.m3, store.HitTranscript) {
		t.Errorf("hits created after m1 = %s, want m2's and m3's", w)
	}
	if w := filtered(&store.MeetingListParams{CreatedBefore: f.m2.CreatedAt, External: ptrTo(f.m1.External)}); w != where([]*store.SearchHit{{MeetingID: f.m1.ID, Kind: store.HitTranscript},
		{MeetingID: f.m1.ID, Kind: store.HitSummary}, {MeetingID: f.m1.ID, Kind: store.HitActionItem}}) {
		t.Errorf("hits created before m2 = %s, want m1's", w)
	}
	if w := filtered(&store.MeetingListParams{External: ptrTo(!f.m1.External), CreatedBefore: f.m2.CreatedAt}); w != "" {
		t.Errorf("hits of m1 with the other invitee filter = %s, want none", w)
	}
	if w := filtered(&store.MeetingListParams{RecorderIDs: nil, Restrict: true}); w != "" {
		t.Errorf("hits with a recorder filter naming nobody = %s, want none", w)
	}
	if w := where(search(store.Viewer{TenantID: f.otherTenant.ID, UserID: f.othr.RecorderID}, "pricing")); w !=
		hit(f.othr, store.HitSummary)+" "+hit(f.othr, store.HitTranscript) {
		t.Errorf("other tenant's hits = %s", w)
	}

	// A search matches the words people said, never what the engine keeps
	// beside them to tell tenants apart.
	for _, q := range []string{fmt.Sprint(f.tenant.ID), fmt.Sprintf("t%d", f.tenant.ID), fmt.Sprintf("tenant%d", f.tenant.ID)} {
		if h := search(rec, q); len(h) != 0 {
			t.Errorf("search for %q found %s", q, where(h))
		}
	}

	// What a hit says about where it is.
	var tr, act *store.SearchHit
	for _, h := range search(rec, "budget") {
		tr = h
	}
	for _, h := range search(rec, "renewal quote") {
		if h.Kind == store.HitActionItem {
			act = h
		}
	}
	if tr == nil || tr.Kind != store.HitTranscript || tr.Speaker != "Carl" || tr.At != 65*time.Second || tr.MeetingID != f.m1.ID {
		t.Fatalf("transcript hit = %+v", tr)
	}
	if act == nil || act.At != 65*time.Second || act.Speaker != "" || act.Snippet != "Send the «renewal» «quote»" {
		t.Fatalf("action item hit = %+v", act)
	}
	sum := search(rec, "discount")
	if len(sum) != 1 || sum[0].Kind != store.HitSummary || strings.Contains(sum[0].Snippet, "http") || !strings.Contains(sum[0].Snippet, "«discount»") {
		t.Fatalf("summary hits for a link's text = %+v, want one with the link's text only", sum)
	}
	if sum[0].At != 65*time.Second || !sum[0].Timed() {
		t.Errorf("a summary line linking to 65s: hit at %v (timed %v), want 1m5s", sum[0].At, sum[0].Timed())
	}
	if h := search(rec, "march"); len(h) != 1 || h[0].Kind != store.HitSummary || h[0].Timed() {
		t.Errorf("a summary line linking nowhere: %+v, want one hit with no moment", h)
	}
	if h := search(rec, "fathom"); len(h) != 0 {
		t.Fatalf("a link's URL was indexed: %+v", h)
	}
	long := []fathom.TranscriptItem{{Speaker: "Ann", Text: strings.Repeat("word ", 40) + "needle " + strings.Repeat("word ", 40)}}
	processed(f.m4, long, fathom.Summary{}, nil)
	if h := search(rec, "needle"); len(h) != 1 || !strings.Contains(h[0].Snippet, "«needle»") || !strings.Contains(h[0].Snippet, "…") ||
		len(strings.Fields(h[0].Snippet)) > 16 {
		t.Fatalf("snippet of a long utterance = %+v, want a dozen words around the match with ellipses", h)
	}

	// Every word must match; a trailing * searches a prefix; user input
	// is never read as FTS syntax.
	for _, c := range []struct {
		q    string
		hits int
	}{
		{"quarterly review", 1},
		{"quarterly holiday", 0},
		{"quart*", 1},
		{"quart", 0},
		{"PRICING REVIEW", 1},
		{`"tight"`, 1},
		{`budget NEAR limit`, 1},
		{`NEAR (budget limit)`, 1},
		{`NEAR(budget`, 0}, // the phrase "near budget"
		{`budget OR holiday`, 0},
		{`budget AND`, 0},
		{`-honestly`, 1},
		{`text:budget`, 0}, // the phrase "text budget", not a column filter
		{`speaker:carl`, 0},
		{`"unbalanced`, 0},
		{`budget^`, 1},
		{`***`, 0},
		{`- "" ( ) *`, 0},
		{"", 0},
	} {
		hits, err := st.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: rec, Query: c.q, Limit: 10})
		if err != nil {
			t.Errorf("MeetingSearch(%q) err = %v", c.q, err)
		} else if len(hits) != c.hits {
			t.Errorf("MeetingSearch(%q) = %d hits, want %d", c.q, len(hits), c.hits)
		}
	}
	if h := must(st.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: rec, Query: "pricing", Limit: 2})); len(h) != 2 {
		t.Fatalf("limit 2 gave %d hits", len(h))
	}
	// Processing again replaces what was indexed.
	processed(f.m1, []fathom.TranscriptItem{{Speaker: "Ann", Text: "Nothing to see."}}, fathom.Summary{}, nil)
	if h := search(rec, "budget"); len(h) != 0 {
		t.Fatalf("old transcript still indexed: %+v", h)
	}
	if h := search(rec, "pricing"); where(h) != hit(f.m2, store.HitTranscript)+" "+hit(f.m3, store.HitTranscript) {
		t.Fatalf("after reprocessing m1, hits = %s", where(h))
	}
}

func ptrTo[T any](v T) *T { return &v }
