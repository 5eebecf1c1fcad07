package meeting

import (
	"context"
	"errors"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// UserListParams are the filters of GET /users; zero values do not filter.
type UserListParams struct {
	Team           string // a team name; an unknown team has nobody
	Status         string // fathom.UserActive, UserDeactivated or UserInvited
	SettingsAccess string // one of the fathom.Settings* levels
	After          UserPosition
}

// UserPosition is where a list of users goes on: members (active and
// deactivated) come first in ID order, then pending invitations in ID
// order. The zero value is the start.
type UserPosition struct {
	Invitations bool  // past the members
	AfterID     int64 // the last member or invitation listed
}

// UserPage is one page of users. Invitations follow Members; Next is nil
// on the last page.
type UserPage struct {
	Members     []*fathom.Member
	Invitations []*fathom.Invitation
	Next        *UserPosition
}

// Users lists the workspace's people for an account admin (spec §8.9):
// members first, then invitations, ListPageSize at a time.
func (s *Service) Users(ctx context.Context, c *Caller, p UserListParams) (*UserPage, error) {
	if c.SettingsAccess != fathom.SettingsAccountAdmin {
		return nil, fathom.Errorf(fathom.EFORBIDDEN, "only an account admin may list users (this key's user has settings access %q)", c.SettingsAccess)
	}
	switch p.Status {
	case "", fathom.UserActive, fathom.UserDeactivated, fathom.UserInvited:
	default:
		return nil, fathom.Errorf(fathom.EINVALID, "status must be active, deactivated or invited")
	}
	if p.SettingsAccess != "" && !validSettingsAccess(p.SettingsAccess) {
		return nil, fathom.Errorf(fathom.EINVALID, "settings_access must be none, team_admin or account_admin")
	}
	if p.Status == fathom.UserInvited && p.SettingsAccess != "" {
		return nil, fathom.Errorf(fathom.EINVALID, "settings_access cannot be combined with status=invited: invitees have no permissions yet")
	}
	var teamID int64
	if p.Team != "" {
		t, err := s.store.TeamGetByName(ctx, c.TenantID, p.Team)
		if errors.Is(err, store.ErrNotFound) {
			return &UserPage{}, nil
		}
		if err != nil {
			return nil, err
		}
		teamID = t.ID
	}
	page := &UserPage{}
	wantMembers := p.Status != fathom.UserInvited
	wantInvitations := (p.Status == "" || p.Status == fathom.UserInvited) && p.SettingsAccess == ""
	pos := p.After
	if wantMembers && !pos.Invitations {
		ms, err := s.store.MemberList(ctx, &store.MemberListParams{TenantID: c.TenantID, TeamID: teamID, Status: p.Status,
			SettingsAccess: p.SettingsAccess, AfterID: pos.AfterID, Limit: ListPageSize + 1})
		if err != nil {
			return nil, err
		}
		if len(ms) > ListPageSize {
			page.Members = ms[:ListPageSize]
			page.Next = &UserPosition{AfterID: ms[ListPageSize-1].ID}
			return page, nil
		}
		page.Members = ms
		pos = UserPosition{Invitations: true}
	}
	if !wantInvitations {
		return page, nil
	}
	room := ListPageSize - len(page.Members)
	invs, err := s.store.InvitationList(ctx, &store.InvitationListParams{TenantID: c.TenantID, TeamID: teamID,
		AfterID: pos.AfterID, Limit: room + 1})
	if err != nil {
		return nil, err
	}
	if len(invs) > room {
		invs = invs[:room]
		// A page full of members, with invitations still to come, goes
		// on at the first invitation.
		page.Next = &UserPosition{Invitations: true}
		if room > 0 {
			page.Next.AfterID = invs[room-1].ID
		}
	}
	page.Invitations = invs
	return page, nil
}

func validSettingsAccess(s string) bool {
	return s == fathom.SettingsNone || s == fathom.SettingsTeamAdmin || s == fathom.SettingsAccountAdmin
}

// SetUserAccess sets a user's status and settings access (an empty value
// leaves it as it is). A deactivated user's keys no longer open the
// meetings API and its web sessions end; its recordings stay visible to
// those they are shared with.
func (s *Service) SetUserAccess(ctx context.Context, tenantID int64, email, status, settingsAccess string) (*fathom.Member, error) {
	if status != "" && status != fathom.UserActive && status != fathom.UserDeactivated {
		return nil, fathom.Errorf(fathom.EINVALID, "status must be active or deactivated")
	}
	if settingsAccess != "" && !validSettingsAccess(settingsAccess) {
		return nil, fathom.Errorf(fathom.EINVALID, "settings access must be none, team_admin or account_admin")
	}
	var m *fathom.Member
	err := s.store.Write(ctx, func(tx store.Tx) error {
		old, err := tx.MemberGetByEmail(ctx, tenantID, email)
		if errors.Is(err, store.ErrNotFound) {
			return fathom.Errorf(fathom.ENOTFOUND, "no user with email %q in this workspace", email)
		} else if err != nil {
			return err
		}
		st, acc := old.Status, old.SettingsAccess
		if status != "" {
			st = status
		}
		if settingsAccess != "" {
			acc = settingsAccess
		}
		if err := tx.UserAccessSet(ctx, old.ID, st, acc); err != nil {
			return err
		}
		if st == fathom.UserDeactivated {
			if _, err := tx.WebSessionDeleteUser(ctx, old.ID); err != nil {
				return err
			}
		}
		m, err = s.member(ctx, tx, old.ID)
		return err
	})
	return m, err
}

// InviteParams describe a person to invite.
type InviteParams struct {
	TenantID int64
	Email    string
	Name     string
	Team     string // "" leaves the invitee without a team
}

// Invite records a pending invitation. Inviting a user who exists, or an
// email invited already, is a conflict.
func (s *Service) Invite(ctx context.Context, p InviteParams) (*fathom.Invitation, error) {
	if err := checkEmail(p.Email); err != nil {
		return nil, err
	}
	inv := &fathom.Invitation{TenantID: p.TenantID, Email: p.Email, Name: strings.TrimSpace(p.Name), CreatedAt: s.now().UTC().Truncate(1e9)}
	err := s.store.Write(ctx, func(tx store.Tx) error {
		inv.ID = 0
		if _, err := tx.UserGetByEmail(ctx, p.TenantID, p.Email); err == nil {
			return fathom.Errorf(fathom.ECONFLICT, "%s is a user of this workspace already", p.Email)
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		t, err := optionalTeam(ctx, tx, p.TenantID, p.Team)
		if err != nil {
			return err
		}
		if t != nil {
			inv.TeamID, inv.TeamName = t.ID, t.Name
		}
		err = tx.InvitationCreate(ctx, inv)
		if errors.Is(err, store.ErrDuplicate) {
			return fathom.Errorf(fathom.ECONFLICT, "%s is invited already", p.Email)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// Uninvite withdraws a pending invitation.
func (s *Service) Uninvite(ctx context.Context, tenantID int64, email string) error {
	err := s.store.Write(ctx, func(tx store.Tx) error { return tx.InvitationDelete(ctx, tenantID, email) })
	if errors.Is(err, store.ErrNotFound) {
		return fathom.Errorf(fathom.ENOTFOUND, "no pending invitation for %q", email)
	}
	return err
}
