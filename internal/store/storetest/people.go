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

// testMeetingTypes: a workspace's meeting types are made once per name,
// listed in creation order with their status, and never cross tenants.
func testMeetingTypes(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "mt")
	other, _ := seedTenant(t, st, "mt2")
	var first *fathom.MeetingType
	write(t, st, func(tx store.Tx) error {
		for i, name := range []string{"Sales call", "Stand-up", "Interview"} {
			mt, created, err := tx.MeetingTypeEnsure(ctx, tn.ID, name, now.Add(time.Duration(i)*time.Second))
			if err != nil {
				return err
			}
			if !created || mt.ID == 0 || mt.Name != name || mt.Status != fathom.MeetingTypeActive || mt.TenantID != tn.ID {
				return fmt.Errorf("MeetingTypeEnsure(%q) = %+v, created %v; want a new active type", name, mt, created)
			}
			if i == 0 {
				first = mt
			}
		}
		_, _, err := tx.MeetingTypeEnsure(ctx, other.ID, "Sales call", now)
		return err
	})
	write(t, st, func(tx store.Tx) error {
		mt, created, err := tx.MeetingTypeEnsure(ctx, tn.ID, "Sales call", now.Add(time.Hour))
		if err != nil {
			return err
		}
		if created || mt.ID != first.ID || !mt.CreatedAt.Equal(now) {
			return fmt.Errorf("second MeetingTypeEnsure = %+v, created %v; want the first, unchanged", mt, created)
		}
		return tx.MeetingTypeStatusSet(ctx, tn.ID, "Stand-up", fathom.MeetingTypeInactive)
	})
	got := must(st.MeetingTypeGetByName(ctx, tn.ID, "Stand-up"))
	if got.Status != fathom.MeetingTypeInactive || !got.CreatedAt.Equal(now.Add(time.Second)) {
		t.Fatalf("MeetingTypeGetByName after deactivation = %+v", got)
	}
	if _, err := st.MeetingTypeGetByName(ctx, tn.ID, "sales call"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("names are exact: err = %v, want ErrNotFound", err)
	}
	page1 := must(st.MeetingTypeList(ctx, tn.ID, 0, 2))
	page2 := must(st.MeetingTypeList(ctx, tn.ID, page1[len(page1)-1].ID, 2))
	if s := fmt.Sprint(meetingTypeNames(page1), meetingTypeNames(page2)); s != "[Sales call/active Stand-up/inactive] [Interview/active]" {
		t.Fatalf("MeetingTypeList pages = %s", s)
	}
	if all := must(st.MeetingTypeList(ctx, other.ID, 0, 0)); len(all) != 1 || all[0].Name != "Sales call" {
		t.Fatalf("meeting types of the other tenant = %v", meetingTypeNames(all))
	}
	err := st.Write(ctx, func(tx store.Tx) error {
		return tx.MeetingTypeStatusSet(ctx, tn.ID, "Nothing", fathom.MeetingTypeActive)
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MeetingTypeStatusSet(missing) err = %v, want ErrNotFound", err)
	}
}

// testRaceMeetingType: recordings ingested at once with one new meeting
// type (on several servers) make one type, and every writer succeeds.
func testRaceMeetingType(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, _ := seedTenant(t, st, "rmt")
	ids := make([]int64, racers)
	race(t, st, func(i int, meet func()) error {
		return st.Write(ctx, func(tx store.Tx) error {
			meet()
			mt, _, err := tx.MeetingTypeEnsure(ctx, tn.ID, "Demo", now)
			if err != nil {
				return fmt.Errorf("writer %d: %w", i, err)
			}
			ids[i] = mt.ID
			return nil
		})
	})
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("writers got meeting types %v, want one", ids)
		}
	}
	if n := len(must(st.MeetingTypeList(ctx, tn.ID, 0, 0))); n != 1 {
		t.Fatalf("%d meeting types, want 1", n)
	}
}

// testWorkspacePeople: users' status and settings access, the member
// list's filters on them, and pending invitations.
func testWorkspacePeople(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "pp")
	other, _ := seedTenant(t, st, "pp2")
	if m := must(st.MemberGet(ctx, u.ID)); m.Status != fathom.UserActive || m.SettingsAccess != fathom.SettingsNone {
		t.Fatalf("a new user is %q with settings access %q, want active and none", m.Status, m.SettingsAccess)
	}
	var sales *fathom.Team
	var v, w *fathom.User
	write(t, st, func(tx store.Tx) (err error) {
		if sales, err = tx.TeamCreate(ctx, &store.TeamCreateParams{TenantID: tn.ID, Name: "Sales", CreatedAt: now}); err != nil {
			return err
		}
		if v, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "v@pp.test", CreatedAt: now}); err != nil {
			return err
		}
		if w, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "w@pp.test", CreatedAt: now}); err != nil {
			return err
		}
		if err := tx.UserUpdate(ctx, w.ID, "W", sales.ID); err != nil {
			return err
		}
		if err := tx.UserAccessSet(ctx, u.ID, fathom.UserActive, fathom.SettingsAccountAdmin); err != nil {
			return err
		}
		if err := tx.UserAccessSet(ctx, v.ID, fathom.UserDeactivated, fathom.SettingsTeamAdmin); err != nil {
			return err
		}
		return tx.UserAccessSet(ctx, w.ID, fathom.UserActive, fathom.SettingsTeamAdmin)
	})
	if m := must(st.MemberGetByEmail(ctx, tn.ID, "v@pp.test")); m.Status != fathom.UserDeactivated || m.SettingsAccess != fathom.SettingsTeamAdmin {
		t.Fatalf("MemberGetByEmail after UserAccessSet = %+v", m)
	}
	for _, c := range []struct {
		p    store.MemberListParams
		want []int64
	}{
		{store.MemberListParams{}, []int64{u.ID, v.ID, w.ID}},
		{store.MemberListParams{Status: fathom.UserActive}, []int64{u.ID, w.ID}},
		{store.MemberListParams{Status: fathom.UserDeactivated}, []int64{v.ID}},
		{store.MemberListParams{SettingsAccess: fathom.SettingsTeamAdmin}, []int64{v.ID, w.ID}},
		{store.MemberListParams{SettingsAccess: fathom.SettingsAccountAdmin}, []int64{u.ID}},
		{store.MemberListParams{SettingsAccess: fathom.SettingsNone}, nil},
		{store.MemberListParams{Status: fathom.UserActive, SettingsAccess: fathom.SettingsTeamAdmin, TeamID: sales.ID}, []int64{w.ID}},
		{store.MemberListParams{Status: fathom.UserActive, AfterID: u.ID, Limit: 1}, []int64{w.ID}},
	} {
		c.p.TenantID = tn.ID
		got := must(st.MemberList(ctx, &c.p))
		if fmt.Sprint(memberIDs(got)) != fmt.Sprint(c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("MemberList(%+v) = %v, want %v", c.p, memberIDs(got), c.want)
		}
	}
	err := st.Write(ctx, func(tx store.Tx) error { return tx.UserAccessSet(ctx, 99999, fathom.UserActive, fathom.SettingsNone) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("UserAccessSet(missing) err = %v, want ErrNotFound", err)
	}

	invs := []*fathom.Invitation{
		{TenantID: tn.ID, Email: "x@pp.test", Name: "X", CreatedAt: now.Add(time.Minute)},
		{TenantID: tn.ID, Email: "y@pp.test", TeamID: sales.ID, CreatedAt: now.Add(2 * time.Minute)},
		{TenantID: other.ID, Email: "x@pp.test", CreatedAt: now},
	}
	write(t, st, func(tx store.Tx) error {
		for _, inv := range invs {
			inv.ID = 0
			if err := tx.InvitationCreate(ctx, inv); err != nil {
				return err
			}
		}
		return nil
	})
	if invs[0].ID == 0 || invs[1].ID == invs[0].ID {
		t.Fatalf("InvitationCreate set ids %d, %d", invs[0].ID, invs[1].ID)
	}
	err = st.Write(ctx, func(tx store.Tx) error {
		return tx.InvitationCreate(ctx, &fathom.Invitation{TenantID: tn.ID, Email: "x@pp.test", CreatedAt: now})
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("second invitation of an email err = %v, want ErrDuplicate", err)
	}
	all := must(st.InvitationList(ctx, &store.InvitationListParams{TenantID: tn.ID}))
	if len(all) != 2 || all[0].Email != "x@pp.test" || all[0].Name != "X" || !all[0].CreatedAt.Equal(now.Add(time.Minute)) ||
		all[0].TeamID != 0 || all[0].TeamName != "" || all[1].TeamID != sales.ID || all[1].TeamName != "Sales" {
		t.Fatalf("InvitationList = %+v", all)
	}
	if page := must(st.InvitationList(ctx, &store.InvitationListParams{TenantID: tn.ID, AfterID: all[0].ID, Limit: 5})); len(page) != 1 || page[0].ID != all[1].ID {
		t.Fatalf("InvitationList after the first = %+v", page)
	}
	if team := must(st.InvitationList(ctx, &store.InvitationListParams{TenantID: tn.ID, TeamID: sales.ID})); len(team) != 1 || team[0].Email != "y@pp.test" {
		t.Fatalf("InvitationList of a team = %+v", team)
	}
	write(t, st, func(tx store.Tx) error { return tx.InvitationDelete(ctx, tn.ID, "x@pp.test") })
	if left := must(st.InvitationList(ctx, &store.InvitationListParams{TenantID: tn.ID})); len(left) != 1 || left[0].Email != "y@pp.test" {
		t.Fatalf("after InvitationDelete: %+v", left)
	}
	if left := must(st.InvitationList(ctx, &store.InvitationListParams{TenantID: other.ID})); len(left) != 1 {
		t.Fatalf("InvitationDelete crossed tenants: %+v", left)
	}
	err = st.Write(ctx, func(tx store.Tx) error { return tx.InvitationDelete(ctx, tn.ID, "x@pp.test") })
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("InvitationDelete(missing) err = %v, want ErrNotFound", err)
	}
}

func meetingTypeNames(mts []*fathom.MeetingType) []string {
	out := make([]string, len(mts))
	for i, mt := range mts {
		out[i] = mt.Name + "/" + mt.Status
	}
	return out
}

func memberIDs(ms []*fathom.Member) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}
