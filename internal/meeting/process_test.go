package meeting

import (
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestTriggers(t *testing.T) {
	alice := &fathom.Member{User: fathom.User{ID: 1}, TeamID: 10}
	bob := &fathom.Member{User: fathom.User{ID: 2}, TeamID: 20}
	all := &fathom.Webhook{TriggeredFor: fathom.Triggers}
	only := func(trigger string) *fathom.Webhook { return &fathom.Webhook{TriggeredFor: []string{trigger}} }
	cases := []struct {
		name  string
		owner *fathom.Member
		m     fathom.Meeting
		hook  *fathom.Webhook
		want  bool
	}{
		{"own private", alice, fathom.Meeting{RecorderID: 1}, only(fathom.TriggerMyRecordings), true},
		{"own shared with a person", alice, fathom.Meeting{RecorderID: 1, Sharing: fathom.Sharing{UserIDs: []int64{2}}}, only(fathom.TriggerMyRecordings), true},
		{"own shared with a team is not my_recordings", alice, fathom.Meeting{RecorderID: 1, Sharing: fathom.Sharing{TeamIDs: []int64{10}}}, only(fathom.TriggerMyRecordings), false},
		{"own shared with a team", alice, fathom.Meeting{RecorderID: 1, Sharing: fathom.Sharing{TeamIDs: []int64{10}}}, only(fathom.TriggerMySharedWithTeam), true},
		{"own shared with all teams", alice, fathom.Meeting{RecorderID: 1, Sharing: fathom.Sharing{AllTeams: true}}, only(fathom.TriggerMySharedWithTeam), true},
		{"colleague's, shared with my team", alice, fathom.Meeting{RecorderID: 2, Sharing: fathom.Sharing{TeamIDs: []int64{10}}}, only(fathom.TriggerSharedTeam), true},
		{"colleague's, shared with me", alice, fathom.Meeting{RecorderID: 2, Sharing: fathom.Sharing{UserIDs: []int64{1}}}, only(fathom.TriggerSharedTeam), true},
		{"colleague's private: invisible", alice, fathom.Meeting{RecorderID: 2}, all, false},
		{"colleague's, shared with another team: invisible", alice, fathom.Meeting{RecorderID: 2, Sharing: fathom.Sharing{TeamIDs: []int64{20}}}, all, false},
		{"guest's, shared with me", alice, fathom.Meeting{RecorderID: 3, RecorderExternal: true, Sharing: fathom.Sharing{UserIDs: []int64{1}}}, only(fathom.TriggerSharedExternal), true},
		{"guest's is not shared_team", alice, fathom.Meeting{RecorderID: 3, RecorderExternal: true, Sharing: fathom.Sharing{UserIDs: []int64{1}}}, only(fathom.TriggerSharedTeam), false},
		{"no team sees all-teams? a member without team does not", &fathom.Member{User: fathom.User{ID: 4}}, fathom.Meeting{RecorderID: 2, Sharing: fathom.Sharing{AllTeams: true}}, all, false},
		{"bob sees all-teams", bob, fathom.Meeting{RecorderID: 1, Sharing: fathom.Sharing{AllTeams: true}}, only(fathom.TriggerSharedTeam), true},
	}
	for _, c := range cases {
		if got := triggers(c.hook, c.owner, &c.m); got != c.want {
			t.Errorf("%s: triggers = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestInviteesPickTheCompany(t *testing.T) {
	domains := []string{"acme.com"}
	out, external, company := invitees(domains, []InviteeParams{{Email: "a@acme.com"}, {Email: "x@one.io"},
		{Email: "y@two.io"}, {Email: "z@Two.io"}, {Name: "No email"}})
	if !external || company != "two.io" {
		t.Fatalf("external %v company %q, want true two.io", external, company)
	}
	if out[0].External || !out[1].External || out[4].External {
		t.Fatalf("invitees %+v", out)
	}
	if _, external, company := invitees(nil, []InviteeParams{{Email: "x@one.io"}}); external || company != "" {
		t.Fatalf("no domains: external %v company %q, want everyone internal", external, company)
	}
}
