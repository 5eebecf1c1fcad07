package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// The workspace of the meetings API: a tenant's internal domains, its teams
// and its users as members of them.

func (q queries) TenantDomains(ctx context.Context, tenantID int64) ([]string, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT domain FROM tenant_domains WHERE tenant_id = ? ORDER BY domain`, tenantID)
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

func (t *tx) TenantDomainsSet(ctx context.Context, tenantID int64, domains []string) error {
	clean := store.TenantDomainsClean(domains)
	if _, err := t.db.ExecContext(ctx, `DELETE FROM tenant_domains WHERE tenant_id = ?`, tenantID); err != nil {
		return fmt.Errorf("set tenant domains: %w", err)
	}
	if len(clean) == 0 {
		return nil
	}
	_, err := t.db.ExecContext(ctx, `INSERT INTO tenant_domains (tenant_id, domain) SELECT ?, value FROM json_each(?)`,
		tenantID, marshalList(clean))
	if err != nil {
		return fmt.Errorf("set tenant domains: %w", interpretError(err))
	}
	return nil
}

const teamColumns = `id, tenant_id, name, created_at`

func scanTeam(row interface{ Scan(...any) error }) (*fathom.Team, error) {
	var tm fathom.Team
	var created string
	if err := row.Scan(&tm.ID, &tm.TenantID, &tm.Name, &created); err != nil {
		return nil, interpretError(err)
	}
	tm.CreatedAt = parseTime(created)
	return &tm, nil
}

func (q queries) TeamGetByName(ctx context.Context, tenantID int64, name string) (*fathom.Team, error) {
	return scanTeam(q.db.QueryRowContext(ctx, `SELECT `+teamColumns+` FROM teams WHERE tenant_id = ? AND name = ?`, tenantID, name))
}

func (q queries) TeamList(ctx context.Context, tenantID, afterID int64, limit int) ([]*fathom.Team, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT `+teamColumns+` FROM teams WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`,
		tenantID, afterID, sqlLimit(limit))
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
	res, err := t.db.ExecContext(ctx, `INSERT INTO teams (tenant_id, name, created_at) VALUES (?, ?, ?)`,
		p.TenantID, p.Name, formatTime(p.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("create team: %w", interpretError(err))
	}
	id, _ := res.LastInsertId()
	return &fathom.Team{ID: id, TenantID: p.TenantID, Name: p.Name, CreatedAt: p.CreatedAt}, nil
}

func (t *tx) UserUpdate(ctx context.Context, userID int64, name string, teamID int64) error {
	var team any
	if teamID != 0 {
		team = teamID
	}
	if err := execOne(ctx, t.db, `UPDATE users SET name = ?, team_id = ? WHERE id = ?`, name, team, userID); err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	return nil
}

func (t *tx) UserAccessSet(ctx context.Context, userID int64, status, settingsAccess string) error {
	if err := execOne(ctx, t.db, `UPDATE users SET status = ?, settings_access = ? WHERE id = ?`, status, settingsAccess, userID); err != nil {
		return fmt.Errorf("set user access: %w", err)
	}
	return nil
}

const memberSelect = `SELECT u.id, u.tenant_id, u.email, u.name, u.created_at, coalesce(u.team_id, 0), coalesce(t.name, ''),
u.status, u.settings_access
FROM users u LEFT JOIN teams t ON t.id = u.team_id`

func scanMember(row interface{ Scan(...any) error }) (*fathom.Member, error) {
	var m fathom.Member
	var created string
	if err := row.Scan(&m.ID, &m.TenantID, &m.Email, &m.Name, &created, &m.TeamID, &m.TeamName, &m.Status, &m.SettingsAccess); err != nil {
		return nil, interpretError(err)
	}
	m.CreatedAt = parseTime(created)
	return &m, nil
}

func (q queries) MemberGet(ctx context.Context, userID int64) (*fathom.Member, error) {
	return scanMember(q.db.QueryRowContext(ctx, memberSelect+` WHERE u.id = ?`, userID))
}

func (q queries) MemberGetByEmail(ctx context.Context, tenantID int64, email string) (*fathom.Member, error) {
	return scanMember(q.db.QueryRowContext(ctx, memberSelect+` WHERE u.tenant_id = ? AND u.email = ?`, tenantID, email))
}

func (q queries) MemberList(ctx context.Context, p *store.MemberListParams) ([]*fathom.Member, error) {
	query, args := memberSelect+` WHERE u.tenant_id = ? AND u.id > ?`, []any{p.TenantID, p.AfterID}
	if p.TeamID != 0 {
		query, args = query+` AND u.team_id = ?`, append(args, p.TeamID)
	}
	if p.Status != "" {
		query, args = query+` AND u.status = ?`, append(args, p.Status)
	}
	if p.SettingsAccess != "" {
		query, args = query+` AND u.settings_access = ?`, append(args, p.SettingsAccess)
	}
	rows, err := q.db.QueryContext(ctx, query+` ORDER BY u.id LIMIT ?`, append(args, sqlLimit(p.Limit))...)
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

func scanInvitation(row interface{ Scan(...any) error }) (*fathom.Invitation, error) {
	var inv fathom.Invitation
	var created string
	if err := row.Scan(&inv.ID, &inv.TenantID, &inv.Email, &inv.Name, &inv.TeamID, &inv.TeamName, &created); err != nil {
		return nil, interpretError(err)
	}
	inv.CreatedAt = parseTime(created)
	return &inv, nil
}

func (q queries) InvitationList(ctx context.Context, p *store.InvitationListParams) ([]*fathom.Invitation, error) {
	query, args := invitationSelect+` WHERE i.tenant_id = ? AND i.id > ?`, []any{p.TenantID, p.AfterID}
	if p.TeamID != 0 {
		query, args = query+` AND i.team_id = ?`, append(args, p.TeamID)
	}
	rows, err := q.db.QueryContext(ctx, query+` ORDER BY i.id LIMIT ?`, append(args, sqlLimit(p.Limit))...)
	if err != nil {
		return nil, fmt.Errorf("list invitations: %w", err)
	}
	defer rows.Close()
	var out []*fathom.Invitation
	for rows.Next() {
		inv, err := scanInvitation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

func (t *tx) InvitationCreate(ctx context.Context, inv *fathom.Invitation) error {
	var team any
	if inv.TeamID != 0 {
		team = inv.TeamID
	}
	res, err := t.db.ExecContext(ctx, `INSERT INTO user_invitations (tenant_id, email, name, team_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		inv.TenantID, inv.Email, inv.Name, team, formatTime(inv.CreatedAt))
	if err != nil {
		return fmt.Errorf("create invitation: %w", interpretError(err))
	}
	inv.ID, _ = res.LastInsertId()
	return nil
}

func (t *tx) InvitationDelete(ctx context.Context, tenantID int64, email string) error {
	if err := execOne(ctx, t.db, `DELETE FROM user_invitations WHERE tenant_id = ? AND email = ?`, tenantID, email); err != nil {
		return fmt.Errorf("delete invitation: %w", err)
	}
	return nil
}

const meetingTypeColumns = `id, tenant_id, name, status, created_at`

func scanMeetingType(row interface{ Scan(...any) error }) (*fathom.MeetingType, error) {
	var mt fathom.MeetingType
	var created string
	if err := row.Scan(&mt.ID, &mt.TenantID, &mt.Name, &mt.Status, &created); err != nil {
		return nil, interpretError(err)
	}
	mt.CreatedAt = parseTime(created)
	return &mt, nil
}

func (q queries) MeetingTypeGetByName(ctx context.Context, tenantID int64, name string) (*fathom.MeetingType, error) {
	return scanMeetingType(q.db.QueryRowContext(ctx, `SELECT `+meetingTypeColumns+` FROM meeting_types WHERE tenant_id = ? AND name = ?`,
		tenantID, name))
}

func (q queries) MeetingTypeList(ctx context.Context, tenantID, afterID int64, limit int) ([]*fathom.MeetingType, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT `+meetingTypeColumns+` FROM meeting_types WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`,
		tenantID, afterID, sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("list meeting types: %w", err)
	}
	defer rows.Close()
	var out []*fathom.MeetingType
	for rows.Next() {
		mt, err := scanMeetingType(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, mt)
	}
	return out, rows.Err()
}

func (t *tx) MeetingTypeEnsure(ctx context.Context, tenantID int64, name string, at time.Time) (*fathom.MeetingType, bool, error) {
	res, err := t.db.ExecContext(ctx, `INSERT INTO meeting_types (tenant_id, name, created_at) VALUES (?, ?, ?)
ON CONFLICT (tenant_id, name) DO NOTHING`, tenantID, name, formatTime(at))
	if err != nil {
		return nil, false, fmt.Errorf("ensure meeting type: %w", interpretError(err))
	}
	n, _ := res.RowsAffected()
	mt, err := t.MeetingTypeGetByName(ctx, tenantID, name)
	if err != nil {
		return nil, false, fmt.Errorf("ensure meeting type: %w", err)
	}
	return mt, n == 1, nil
}

func (t *tx) MeetingTypeStatusSet(ctx context.Context, tenantID int64, name, status string) error {
	if err := execOne(ctx, t.db, `UPDATE meeting_types SET status = ? WHERE tenant_id = ? AND name = ?`, status, tenantID, name); err != nil {
		return fmt.Errorf("set meeting type status: %w", err)
	}
	return nil
}

// sqlLimit maps a limit of 0 or less to SQLite's "no limit".
func sqlLimit(limit int) int {
	if limit <= 0 {
		return -1
	}
	return limit
}
