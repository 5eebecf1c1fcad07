package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// The workspace of the meetings API: a tenant's internal domains, its teams
// and its users as members of them.

func (q queries) TenantDomains(ctx context.Context, tenantID int64) ([]string, error) {
	rows, err := q.q.Query(ctx, `SELECT domain FROM tenant_domains WHERE tenant_id = $1 ORDER BY domain`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("list tenant domains: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// TenantDomainsSet replaces the set. It locks the tenant's row first: two
// servers replacing the set at once would otherwise each delete only the
// rows they saw and leave the union of both sets, or collide on a domain.
func (t *tx) TenantDomainsSet(ctx context.Context, tenantID int64, domains []string) error {
	clean := store.TenantDomainsClean(domains)
	var one int
	// FOR NO KEY UPDATE does not wait for, nor block, the inserts of rows
	// that reference the tenant.
	if err := t.q.QueryRow(ctx, `SELECT 1 FROM tenants WHERE id = $1 FOR NO KEY UPDATE`, tenantID).Scan(&one); err != nil {
		return fmt.Errorf("set tenant domains: %w", interpretError(err))
	}
	if _, err := t.q.Exec(ctx, `DELETE FROM tenant_domains WHERE tenant_id = $1`, tenantID); err != nil {
		return fmt.Errorf("set tenant domains: %w", err)
	}
	if len(clean) == 0 {
		return nil
	}
	_, err := t.q.Exec(ctx, `INSERT INTO tenant_domains (tenant_id, domain) SELECT $1, unnest($2::text[])`, tenantID, clean)
	if err != nil {
		return fmt.Errorf("set tenant domains: %w", interpretError(err))
	}
	return nil
}

const teamColumns = `id, tenant_id, name, created_at`

func scanTeam(row interface{ Scan(...any) error }) (*fathom.Team, error) {
	var tm fathom.Team
	if err := row.Scan(&tm.ID, &tm.TenantID, &tm.Name, &tm.CreatedAt); err != nil {
		return nil, interpretError(err)
	}
	return &tm, nil
}

func (q queries) TeamGetByName(ctx context.Context, tenantID int64, name string) (*fathom.Team, error) {
	return scanTeam(q.q.QueryRow(ctx, `SELECT `+teamColumns+` FROM teams WHERE tenant_id = $1 AND name = $2`, tenantID, name))
}

func (q queries) TeamList(ctx context.Context, tenantID, afterID int64, limit int) ([]*fathom.Team, error) {
	rows, err := q.q.Query(ctx, `SELECT `+teamColumns+` FROM teams WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
		tenantID, afterID, limitOrAll(limit))
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	defer rows.Close()
	var out []*fathom.Team
	for rows.Next() {
		tm, err := scanTeam(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, tm)
	}
	return out, rows.Err()
}

func (t *tx) TeamCreate(ctx context.Context, p *store.TeamCreateParams) (*fathom.Team, error) {
	var id int64
	err := t.q.QueryRow(ctx, `INSERT INTO teams (tenant_id, name, created_at) VALUES ($1, $2, $3) RETURNING id`,
		p.TenantID, p.Name, p.CreatedAt).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("create team: %w", interpretError(err))
	}
	return &fathom.Team{ID: id, TenantID: p.TenantID, Name: p.Name, CreatedAt: p.CreatedAt}, nil
}

func (t *tx) UserUpdate(ctx context.Context, userID int64, name string, teamID int64) error {
	var team *int64
	if teamID != 0 {
		team = &teamID
	}
	tag, err := t.q.Exec(ctx, `UPDATE users SET name = $1, team_id = $2 WHERE id = $3`, name, team, userID)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	return nil
}

func (t *tx) UserAccessSet(ctx context.Context, userID int64, status, settingsAccess string) error {
	tag, err := t.q.Exec(ctx, `UPDATE users SET status = $1, settings_access = $2 WHERE id = $3`, status, settingsAccess, userID)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("set user access: %w", err)
	}
	return nil
}

const memberSelect = `SELECT u.id, u.tenant_id, u.email, u.name, u.created_at, coalesce(u.team_id, 0), coalesce(t.name, ''),
u.status, u.settings_access
FROM users u LEFT JOIN teams t ON t.id = u.team_id`

func scanMember(row interface{ Scan(...any) error }) (*fathom.Member, error) {
	var m fathom.Member
	if err := row.Scan(&m.ID, &m.TenantID, &m.Email, &m.Name, &m.CreatedAt, &m.TeamID, &m.TeamName, &m.Status, &m.SettingsAccess); err != nil {
		return nil, interpretError(err)
	}
	return &m, nil
}

func (q queries) MemberGet(ctx context.Context, userID int64) (*fathom.Member, error) {
	return scanMember(q.q.QueryRow(ctx, memberSelect+` WHERE u.id = $1`, userID))
}

func (q queries) MemberGetByEmail(ctx context.Context, tenantID int64, email string) (*fathom.Member, error) {
	return scanMember(q.q.QueryRow(ctx, memberSelect+` WHERE u.tenant_id = $1 AND u.email = $2`, tenantID, email))
}

func (q queries) MemberList(ctx context.Context, p *store.MemberListParams) ([]*fathom.Member, error) {
	args := argList{p.TenantID, p.AfterID}
	query := memberSelect + ` WHERE u.tenant_id = $1 AND u.id > $2`
	if p.TeamID != 0 {
		query += ` AND u.team_id = ` + args.add(p.TeamID)
	}
	if p.Status != "" {
		query += ` AND u.status = ` + args.add(p.Status)
	}
	if p.SettingsAccess != "" {
		query += ` AND u.settings_access = ` + args.add(p.SettingsAccess)
	}
	rows, err := q.q.Query(ctx, query+` ORDER BY u.id LIMIT `+args.add(limitOrAll(p.Limit)), args...)
	if err != nil {
		return nil, fmt.Errorf("list members: %w", err)
	}
	defer rows.Close()
	var out []*fathom.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

const invitationSelect = `SELECT i.id, i.tenant_id, i.email, i.name, coalesce(i.team_id, 0), coalesce(t.name, ''), i.created_at
FROM user_invitations i LEFT JOIN teams t ON t.id = i.team_id`

func scanInvitation(row pgx.Row) (*fathom.Invitation, error) {
	var inv fathom.Invitation
	if err := row.Scan(&inv.ID, &inv.TenantID, &inv.Email, &inv.Name, &inv.TeamID, &inv.TeamName, &inv.CreatedAt); err != nil {
		return nil, interpretError(err)
	}
	return &inv, nil
}

func (q queries) InvitationList(ctx context.Context, p *store.InvitationListParams) ([]*fathom.Invitation, error) {
	args := argList{p.TenantID, p.AfterID}
	query := invitationSelect + ` WHERE i.tenant_id = $1 AND i.id > $2`
	if p.TeamID != 0 {
		query += ` AND i.team_id = ` + args.add(p.TeamID)
	}
	rows, err := q.q.Query(ctx, query+` ORDER BY i.id LIMIT `+args.add(limitOrAll(p.Limit)), args...)
	if err != nil {
		return nil, fmt.Errorf("list invitations: %w", err)
	}
	return collect(rows, scanInvitation)
}

func (t *tx) InvitationCreate(ctx context.Context, inv *fathom.Invitation) error {
	var team *int64
	if inv.TeamID != 0 {
		team = &inv.TeamID
	}
	err := t.q.QueryRow(ctx, `INSERT INTO user_invitations (tenant_id, email, name, team_id, created_at)
VALUES ($1, $2, $3, $4, $5) RETURNING id`, inv.TenantID, inv.Email, inv.Name, team, inv.CreatedAt).Scan(&inv.ID)
	if err != nil {
		return fmt.Errorf("create invitation: %w", interpretError(err))
	}
	return nil
}

func (t *tx) InvitationDelete(ctx context.Context, tenantID int64, email string) error {
	tag, err := t.q.Exec(ctx, `DELETE FROM user_invitations WHERE tenant_id = $1 AND email = $2`, tenantID, email)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("delete invitation: %w", err)
	}
	return nil
}

const meetingTypeColumns = `id, tenant_id, name, status, created_at`

func scanMeetingType(row pgx.Row) (*fathom.MeetingType, error) {
	var mt fathom.MeetingType
	if err := row.Scan(&mt.ID, &mt.TenantID, &mt.Name, &mt.Status, &mt.CreatedAt); err != nil {
		return nil, interpretError(err)
	}
	return &mt, nil
}

func (q queries) MeetingTypeGetByName(ctx context.Context, tenantID int64, name string) (*fathom.MeetingType, error) {
	return scanMeetingType(q.q.QueryRow(ctx, `SELECT `+meetingTypeColumns+` FROM meeting_types WHERE tenant_id = $1 AND name = $2`,
		tenantID, name))
}

func (q queries) MeetingTypeList(ctx context.Context, tenantID, afterID int64, limit int) ([]*fathom.MeetingType, error) {
	rows, err := q.q.Query(ctx, `SELECT `+meetingTypeColumns+` FROM meeting_types WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
		tenantID, afterID, limitOrAll(limit))
	if err != nil {
		return nil, fmt.Errorf("list meeting types: %w", err)
	}
	return collect(rows, scanMeetingType)
}

// MeetingTypeEnsure inserts with ON CONFLICT DO NOTHING: a concurrent
// transaction inserting the same name makes this one wait for its end,
// then the read (a new statement, read committed) finds its row.
func (t *tx) MeetingTypeEnsure(ctx context.Context, tenantID int64, name string, at time.Time) (*fathom.MeetingType, bool, error) {
	tag, err := t.q.Exec(ctx, `INSERT INTO meeting_types (tenant_id, name, created_at) VALUES ($1, $2, $3)
ON CONFLICT (tenant_id, name) DO NOTHING`, tenantID, name, at)
	if err != nil {
		return nil, false, fmt.Errorf("ensure meeting type: %w", interpretError(err))
	}
	mt, err := t.MeetingTypeGetByName(ctx, tenantID, name)
	if err != nil {
		return nil, false, fmt.Errorf("ensure meeting type: %w", err)
	}
	return mt, tag.RowsAffected() == 1, nil
}

func (t *tx) MeetingTypeStatusSet(ctx context.Context, tenantID int64, name, status string) error {
	tag, err := t.q.Exec(ctx, `UPDATE meeting_types SET status = $1 WHERE tenant_id = $2 AND name = $3`, status, tenantID, name)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("set meeting type status: %w", err)
	}
	return nil
}
