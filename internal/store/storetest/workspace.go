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

func testWorkspace(t *testing.T, st store.Store) {
	ctx := context.Background()
	tn, u := seedTenant(t, st, "ws")
	other, _ := seedTenant(t, st, "ws2")

	if d := must(st.TenantDomains(ctx, tn.ID)); len(d) != 0 {
		t.Fatalf("domains of a new tenant = %v", d)
	}
	write(t, st, func(tx store.Tx) error {
		return tx.TenantDomainsSet(ctx, tn.ID, []string{"Zeta.test", "acme.test", "ACME.test"})
	})
	if d := must(st.TenantDomains(ctx, tn.ID)); fmt.Sprint(d) != "[acme.test zeta.test]" {
		t.Fatalf("TenantDomains = %v, want lower-cased, deduplicated and sorted", d)
	}
	write(t, st, func(tx store.Tx) error { return tx.TenantDomainsSet(ctx, tn.ID, []string{"beta.test"}) })
	if d := must(st.TenantDomains(ctx, tn.ID)); fmt.Sprint(d) != "[beta.test]" {
		t.Fatalf("TenantDomainsSet did not replace the set: %v", d)
	}
	if d := must(st.TenantDomains(ctx, other.ID)); len(d) != 0 {
		t.Fatalf("domains crossed tenants: %v", d)
	}

	var teams []*fathom.Team
	write(t, st, func(tx store.Tx) error {
		for i, name := range []string{"Sales", "Engineering", "Support"} {
			tm, err := tx.TeamCreate(ctx, &store.TeamCreateParams{TenantID: tn.ID, Name: name, CreatedAt: now.Add(time.Duration(i) * time.Second)})
			if err != nil {
				return err
			}
			teams = append(teams, tm)
		}
		_, err := tx.TeamCreate(ctx, &store.TeamCreateParams{TenantID: other.ID, Name: "Sales", CreatedAt: now})
		return err
	})
	err := st.Write(ctx, func(tx store.Tx) error {
		_, err := tx.TeamCreate(ctx, &store.TeamCreateParams{TenantID: tn.ID, Name: "Sales", CreatedAt: now})
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate team err = %v, want ErrDuplicate", err)
	}
	got := must(st.TeamGetByName(ctx, tn.ID, "Engineering"))
	if got.ID != teams[1].ID || got.TenantID != tn.ID || !got.CreatedAt.Equal(now.Add(time.Second)) {
		t.Fatalf("TeamGetByName = %+v, want %+v", got, teams[1])
	}
	if _, err := st.TeamGetByName(ctx, tn.ID, "Nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing team err = %v", err)
	}
	first := must(st.TeamList(ctx, tn.ID, 0, 2))
	rest := must(st.TeamList(ctx, tn.ID, first[len(first)-1].ID, 2))
	if names := fmt.Sprint(teamNames(first), teamNames(rest)); names != "[Sales Engineering] [Support]" {
		t.Fatalf("TeamList pages = %s", names)
	}

	var v *fathom.User
	write(t, st, func(tx store.Tx) (err error) {
		if err := tx.UserUpdate(ctx, u.ID, "Ann", teams[1].ID); err != nil {
			return err
		}
		v, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "v@ws.test", Name: "V", CreatedAt: now})
		return err
	})
	m := must(st.MemberGet(ctx, u.ID))
	if m.Name != "Ann" || m.TeamID != teams[1].ID || m.TeamName != "Engineering" || m.Email != u.Email || m.TenantID != tn.ID || !m.CreatedAt.Equal(now) {
		t.Fatalf("MemberGet = %+v", m)
	}
	if m := must(st.MemberGetByEmail(ctx, tn.ID, "v@ws.test")); m.ID != v.ID || m.TeamID != 0 || m.TeamName != "" || m.Name != "V" {
		t.Fatalf("MemberGetByEmail of a user with no team = %+v", m)
	}
	if _, err := st.MemberGetByEmail(ctx, other.ID, "v@ws.test"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("member of another tenant err = %v", err)
	}
	if _, err := st.MemberGet(ctx, 99999); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing member err = %v", err)
	}
	all := must(st.MemberList(ctx, &store.MemberListParams{TenantID: tn.ID, Limit: 10}))
	if len(all) != 2 || all[0].ID != u.ID || all[1].ID != v.ID || all[0].TeamName != "Engineering" {
		t.Fatalf("MemberList = %+v", all)
	}
	if page := must(st.MemberList(ctx, &store.MemberListParams{TenantID: tn.ID, AfterID: u.ID, Limit: 10})); len(page) != 1 || page[0].ID != v.ID {
		t.Fatalf("MemberList after %d = %+v", u.ID, page)
	}
	if page := must(st.MemberList(ctx, &store.MemberListParams{TenantID: tn.ID, Limit: 1})); len(page) != 1 || page[0].ID != u.ID {
		t.Fatalf("MemberList limit 1 = %+v", page)
	}
	if team := must(st.MemberList(ctx, &store.MemberListParams{TenantID: tn.ID, TeamID: teams[1].ID, Limit: 10})); len(team) != 1 || team[0].ID != u.ID {
		t.Fatalf("MemberList of a team = %+v", team)
	}
	write(t, st, func(tx store.Tx) error { return tx.UserUpdate(ctx, u.ID, "Ann B", 0) })
	if m := must(st.MemberGet(ctx, u.ID)); m.TeamID != 0 || m.TeamName != "" || m.Name != "Ann B" {
		t.Fatalf("after leaving the team = %+v", m)
	}
	err = st.Write(ctx, func(tx store.Tx) error { return tx.UserUpdate(ctx, 99999, "x", 0) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("UserUpdate(missing) err = %v, want ErrNotFound", err)
	}
}

func teamNames(ts []*fathom.Team) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}
