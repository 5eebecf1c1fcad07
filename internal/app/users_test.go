package app_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
)

// userList is GET /users as spec §8.9 and docs/meetings-api.md give it.
type userList struct {
	Limit      *int    `json:"limit"`
	NextCursor *string `json:"next_cursor"`
	Items      []struct {
		Name        string    `json:"name"`
		Email       string    `json:"email"`
		Team        *string   `json:"team"`
		Status      string    `json:"status"`
		CreatedAt   time.Time `json:"created_at"`
		Permissions *struct {
			SettingsAccess string `json:"settings_access"`
			ViewAccess     string `json:"view_access"`
		} `json:"permissions"`
	} `json:"items"`
}

func TestUsersListForAccountAdmins(t *testing.T) {
	t.Parallel()
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	ctx := context.Background()
	tn, err := s.DB.TenantGetByName(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if r := s.get(t, "/external/v1/users", ws.alice); r.Status != 403 || r.Body["code"] != "forbidden" || !strings.Contains(r.Raw, "account admin") {
		t.Fatalf("users for a member: %d %s, want 403", r.Status, r.Raw)
	}
	for _, level := range []string{fathom.SettingsTeamAdmin, fathom.SettingsAccountAdmin} {
		if _, err := s.Meetings.SetUserAccess(ctx, tn.ID, "alice@acme.com", "", level); err != nil {
			t.Fatal(err)
		}
		r := s.get(t, "/external/v1/users", ws.alice)
		if level == fathom.SettingsTeamAdmin && r.Status != 403 {
			t.Fatalf("users for a team admin: %d %s, want 403", r.Status, r.Raw)
		}
	}
	// 28 more users (30 with alice and bob; the guest's key made a third),
	// two of them deactivated, and 3 invitations: 34 people, two pages.
	for i := range 28 {
		email := fmt.Sprintf("user%02d@acme.com", i)
		p := meeting.PutUserParams{TenantID: tn.ID, Email: email, Name: fmt.Sprintf("User %02d", i)}
		if i%2 == 0 {
			p.Team = "Sales"
		}
		if _, err := s.Meetings.PutUser(ctx, p); err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if _, err := s.Meetings.SetUserAccess(ctx, tn.ID, email, fathom.UserDeactivated, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, team := range []string{"Sales", "", "Engineering"} {
		if _, err := s.Meetings.Invite(ctx, meeting.InviteParams{TenantID: tn.ID, Email: fmt.Sprintf("new%d@acme.com", i), Team: team}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Meetings.Invite(ctx, meeting.InviteParams{TenantID: tn.ID, Email: "bob@acme.com"}); fathom.ErrorCode(err) != fathom.ECONFLICT {
		t.Fatalf("inviting a user: %v, want a conflict", err)
	}

	all := func(query string) (ul userList, pages int) {
		t.Helper()
		path := "/external/v1/users?" + query
		for {
			r := s.get(t, path, ws.alice)
			if r.Status != 200 {
				t.Fatalf("users?%s: %d %s", query, r.Status, r.Raw)
			}
			var p userList
			strictDecode(t, r.Raw, &p)
			for i, it := range p.Items {
				keys := []string{"name", "email", "team", "status", "created_at"}
				if it.Status != fathom.UserInvited {
					keys = append(keys, "permissions")
				}
				hasKeys(t, "a user", r.Body["items"].([]any)[i], keys...)
			}
			if p.Limit == nil || *p.Limit != 25 {
				t.Fatalf("limit: %s", r.Raw)
			}
			ul.Items = append(ul.Items, p.Items...)
			pages++
			if p.NextCursor == nil {
				return ul, pages
			}
			path = "/external/v1/users?" + query + "&cursor=" + url.QueryEscape(*p.NextCursor)
		}
	}
	everyone, pages := all("")
	if len(everyone.Items) != 34 || pages != 2 {
		t.Fatalf("users: %d in %d pages, want 34 in 2", len(everyone.Items), pages)
	}
	first := everyone.Items[0]
	if first.Email != "alice@acme.com" || first.Name != "Alice" || first.Team == nil || *first.Team != "Sales" ||
		first.Status != "active" || first.Permissions == nil || first.Permissions.SettingsAccess != "account_admin" ||
		first.Permissions.ViewAccess != "team" {
		t.Fatalf("first user = %+v", first)
	}
	for i, it := range everyone.Items {
		invited := i >= 31
		if (it.Status == fathom.UserInvited) != invited || (it.Permissions == nil) != invited {
			t.Fatalf("item %d (%s) status %s permissions %v: members first, then the 3 invitees", i, it.Email, it.Status, it.Permissions)
		}
	}
	if inv := everyone.Items[31]; inv.Email != "new0@acme.com" || inv.Team == nil || *inv.Team != "Sales" || inv.CreatedAt.IsZero() {
		t.Fatalf("first invitee = %+v", inv)
	}
	if guest := everyone.Items[2]; guest.Email != "guest@partner.io" || guest.Team != nil || guest.Permissions.ViewAccess != "own_and_shared" ||
		guest.Permissions.SettingsAccess != "none" {
		t.Fatalf("guest = %+v", guest)
	}
	for _, c := range []struct {
		query string
		want  int
	}{
		{"status=active", 29},
		{"status=deactivated", 2},
		{"status=invited", 3},
		{"settings_access=account_admin", 1},
		{"settings_access=none", 30},
		{"status=active&settings_access=none", 28},
		{"team=Sales", 1 + 14 + 1},       // alice, the even users, new0
		{"team=Sales&status=invited", 1}, // new0
		{"team=Nobody", 0},
	} {
		if got, _ := all(c.query); len(got.Items) != c.want {
			t.Errorf("users?%s: %d, want %d", c.query, len(got.Items), c.want)
		}
	}
	for _, c := range []struct{ query, field string }{
		{"status=invited&settings_access=none", "settings_access"},
		{"status=gone", "status"},
		{"settings_access=root", "settings_access"},
		{"cursor=bm9wZQ==", "cursor"},
	} {
		if r := s.get(t, "/external/v1/users?"+c.query, ws.alice); r.Status != 400 || !strings.Contains(r.Body["error"].(string), c.field) {
			t.Errorf("users?%s: %d %s, want 400 naming %s", c.query, r.Status, r.Raw, c.field)
		}
	}
	// A cursor replayed with other filters is refused.
	r := s.get(t, "/external/v1/users", ws.alice)
	next, _ := r.Body["next_cursor"].(string)
	if r := s.get(t, "/external/v1/users?status=active&cursor="+url.QueryEscape(next), ws.alice); r.Status != 400 {
		t.Errorf("cursor with other filters: %d %s", r.Status, r.Raw)
	}

	// Adding an invitee ends the invitation; a deactivated user's key is refused.
	if _, err := s.Meetings.PutUser(ctx, meeting.PutUserParams{TenantID: tn.ID, Email: "new1@acme.com"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := all("status=invited"); len(got.Items) != 2 {
		t.Errorf("invitees after one joined: %d, want 2", len(got.Items))
	}
	if _, err := s.Meetings.SetUserAccess(ctx, tn.ID, "bob@acme.com", fathom.UserDeactivated, ""); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/external/v1/meetings", "/external/v1/meeting_types"} {
		if r := s.get(t, path, ws.bob); r.Status != 403 || !strings.Contains(r.Raw, "deactivated") {
			t.Errorf("%s with a deactivated user's key: %d %s, want 403", path, r.Status, r.Raw)
		}
	}
	if _, err := s.Meetings.SetUserAccess(ctx, tn.ID, "bob@acme.com", fathom.UserActive, ""); err != nil {
		t.Fatal(err)
	}
	if r := s.get(t, "/external/v1/meetings", ws.bob); r.Status != 200 {
		t.Errorf("reactivated user: %d %s", r.Status, r.Raw)
	}
}
