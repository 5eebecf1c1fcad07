package meeting

import (
	"context"
	"errors"
	"net/mail"
	"slices"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// ListPageSize is the page size of team and member lists.
const ListPageSize = 25

// Teams returns a page of the workspace's teams after afterID, in creation
// order; next is 0 on the last page.
func (s *Service) Teams(ctx context.Context, c *Caller, afterID int64) (teams []*fathom.Team, next int64, err error) {
	teams, err = s.store.TeamList(ctx, c.TenantID, afterID, ListPageSize+1)
	if err != nil {
		return nil, 0, err
	}
	if len(teams) > ListPageSize {
		teams = teams[:ListPageSize]
		next = teams[ListPageSize-1].ID
	}
	return teams, next, nil
}

// Members returns a page of the workspace's members, of one team when
// team is not "" (an unknown team has none).
func (s *Service) Members(ctx context.Context, c *Caller, team string, afterID int64) (ms []*fathom.Member, next int64, err error) {
	p := &store.MemberListParams{TenantID: c.TenantID, AfterID: afterID, Limit: ListPageSize + 1}
	if team != "" {
		t, err := s.store.TeamGetByName(ctx, c.TenantID, team)
		if errors.Is(err, store.ErrNotFound) {
			return nil, 0, nil
		}
		if err != nil {
			return nil, 0, err
		}
		p.TeamID = t.ID
	}
	if ms, err = s.store.MemberList(ctx, p); err != nil {
		return nil, 0, err
	}
	if len(ms) > ListPageSize {
		ms = ms[:ListPageSize]
		next = ms[ListPageSize-1].ID
	}
	return ms, next, nil
}

// Admin operations: `fathom users|teams|domains` call these.

// CreateTeam adds a team to a tenant.
func (s *Service) CreateTeam(ctx context.Context, tenantID int64, name string) (*fathom.Team, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 128 {
		return nil, fathom.Errorf(fathom.EINVALID, "team name must be 1 to 128 characters")
	}
	var t *fathom.Team
	err := s.store.Write(ctx, func(tx store.Tx) (err error) {
		t, err = tx.TeamCreate(ctx, &store.TeamCreateParams{TenantID: tenantID, Name: name, CreatedAt: s.now()})
		return err
	})
	if errors.Is(err, store.ErrDuplicate) {
		return nil, fathom.Errorf(fathom.ECONFLICT, "a team named %q exists", name)
	}
	return t, err
}

// PutUserParams describe a workspace user to create or update.
type PutUserParams struct {
	TenantID int64
	Email    string
	Name     string
	Team     string // "" leaves the user without a team
}

// PutUser creates a user or updates its name and team; a pending
// invitation of the email ends.
func (s *Service) PutUser(ctx context.Context, p PutUserParams) (*fathom.Member, error) {
	if err := checkEmail(p.Email); err != nil {
		return nil, err
	}
	var m *fathom.Member
	err := s.store.Write(ctx, func(tx store.Tx) error {
		t, err := optionalTeam(ctx, tx, p.TenantID, p.Team)
		if err != nil {
			return err
		}
		var teamID int64
		if t != nil {
			teamID = t.ID
		}
		u, err := tx.UserGetByEmail(ctx, p.TenantID, p.Email)
		if errors.Is(err, store.ErrNotFound) {
			u, err = tx.UserCreate(ctx, &store.UserCreateParams{TenantID: p.TenantID, Email: p.Email, Name: p.Name, CreatedAt: s.now()})
		}
		if err != nil {
			return err
		}
		if err := tx.UserUpdate(ctx, u.ID, p.Name, teamID); err != nil {
			return err
		}
		// The invited person has joined.
		if err := tx.InvitationDelete(ctx, p.TenantID, p.Email); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		m, err = s.member(ctx, tx, u.ID)
		return err
	})
	return m, err
}

// checkEmail refuses an email that is not an address.
func checkEmail(email string) error {
	if _, err := mail.ParseAddress(email); err != nil {
		return fathom.Errorf(fathom.EINVALID, "email %q is not a valid address", email)
	}
	return nil
}

// optionalTeam finds the team named name for a user or invitee; "" is no
// team (nil), and an unknown name is invalid.
func optionalTeam(ctx context.Context, tx store.Tx, tenantID int64, name string) (*fathom.Team, error) {
	if name == "" {
		return nil, nil
	}
	t, err := tx.TeamGetByName(ctx, tenantID, name)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.EINVALID, "team: no team named %q (create it first)", name)
	}
	return t, err
}

// SetDomains sets the email domains that make people internal to the
// workspace.
func (s *Service) SetDomains(ctx context.Context, tenantID int64, domains []string) ([]string, error) {
	var clean []string
	for _, d := range domains {
		d = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(d, "@")))
		if d == "" || strings.ContainsAny(d, " @/") || !strings.Contains(d, ".") {
			return nil, fathom.Errorf(fathom.EINVALID, "domain %q is not a domain name", d)
		}
		clean = append(clean, d)
	}
	slices.Sort(clean)
	clean = slices.Compact(clean)
	return clean, s.store.Write(ctx, func(tx store.Tx) error { return tx.TenantDomainsSet(ctx, tenantID, clean) })
}

// Domains returns a tenant's internal domains.
func (s *Service) Domains(ctx context.Context, tenantID int64) ([]string, error) {
	return s.store.TenantDomains(ctx, tenantID)
}

// Search finds moments of transcripts (windows of consecutive items),
// summary lines and action items in the meetings the caller can see, best
// first (our extension). query is read by fathom.ParseSearchQuery; one it
// cannot read, or with nothing to search for, is EINVALID naming q.
func (s *Service) Search(ctx context.Context, c *Caller, query string, limit int) ([]*store.SearchHit, error) {
	return s.search(ctx, c, query, limit, nil)
}

// SearchFiltered is Search over the meetings List shows with the same
// filters (p.Before and p.Include are not read): the dates, invitee
// domains, meeting type, recorders and teams.
func (s *Service) SearchFiltered(ctx context.Context, c *Caller, query string, limit int, p ListParams) ([]*store.SearchHit, error) {
	p.Before = nil
	f, none, err := s.listQuery(ctx, c, p)
	if err != nil || none {
		return nil, err
	}
	return s.search(ctx, c, query, limit, f)
}

func (s *Service) search(ctx context.Context, c *Caller, query string, limit int, filter *store.MeetingListParams) ([]*store.SearchHit, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, fathom.Errorf(fathom.EINVALID, "q must not be empty")
	}
	if _, err := fathom.ParseSearchQuery(query); err != nil {
		return nil, fathom.Errorf(fathom.EINVALID, "q %v", err)
	}
	if limit <= 0 || limit > 100 {
		return nil, fathom.Errorf(fathom.EINVALID, "limit must be between 1 and 100")
	}
	return s.store.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: c.Viewer(), Query: query, Limit: limit, Filter: filter})
}
